import { CIFAR10_URL } from '../../engine/spec';
import type { StoredDatasetInfo } from '../../storage/datasetCache';
import type { CifarState } from '../../store/state/cifarImportState';
import { formatBytes } from '../format';

export const HOW_TO_GET =
  `Download the binary version, cifar-10-binary.tar.gz (170 MB, from ${CIFAR10_URL}), then choose it here or drop it on this box — ` +
  'or the .tar inside it, or its six .bin files chosen together. The archive is checked against its published md5. It is read on this computer and kept in this browser; nothing is uploaded.';

/** "60,000 images (50,000 training, 10,000 test)" for a stored import. */
function imagesText(info: Pick<StoredDatasetInfo, 'recordsPerFile'>): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const r = info.recordsPerFile;
  return `${n(6 * r)} images (${n(5 * r)} training, ${n(r)} test)`;
}

/** One line saying where CIFAR-10 comes from now. */
export function statusText(s: CifarState): string {
  switch (s.availability) {
    case 'checking':
      return 'Looking for CIFAR-10 in this browser and on this site…';
    case 'imported': {
      const info = s.stored!;
      return `CIFAR-10 is stored in this browser: ${imagesText(info)}, ${formatBytes(info.bytes)}, imported from ${info.source}.`;
    }
    case 'server':
      return 'CIFAR-10 is served by this site (prepared with npm run data:cifar10); no import needed.';
    case 'missing':
      return 'CIFAR-10 is not in this browser yet.';
  }
}

/** The error line: the title names the file, so the engine's "name: " prefix is not repeated after it. */
export function errorText(error: NonNullable<CifarState['error']>): { title: string; detail: string } {
  const base = error.source.split(/[\\/]/).pop() ?? error.source;
  const prefix = [`${error.source}: `, `${base}: `].find((p) => error.message.startsWith(p));
  const message = prefix ? error.message.slice(prefix.length) : error.message;
  return {
    title: `Could not import ${error.source}`,
    detail: message.endsWith('.') ? message : `${message}.`,
  };
}
