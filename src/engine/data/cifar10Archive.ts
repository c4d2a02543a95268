import { createMD5 } from 'hash-wasm';
import { CIFAR10_ARCHIVE, CIFAR10_ARCHIVE_MD5, CIFAR10_BIN_FILES, CIFAR10_RECORDS_PER_FILE, checkCifarBin, type CifarFiles } from './cifar10';
import { extractTar } from './tar';
import { DataError } from './types';

export interface ImportOptions {
  /** Names the archive in errors (default cifar-10-binary.tar.gz). */
  fileName?: string;
  /** Records per .bin file: 10,000 in the real archive, fewer in the test fixture. */
  recordsPerFile?: number;
}

export interface ArchiveImport {
  files: CifarFiles;
  /** md5 of the archive's bytes as read (compressed, for a .tar.gz). */
  md5: string;
  /** gzip-compressed (the official form) or a plain, already un-gzipped .tar. */
  compressed: boolean;
  /**
   * official: the md5 matches the published one; mismatch: a .tar.gz whose
   * bytes differ from the official archive (any flipped byte shows here: the
   * format itself has no checksum); unchecked: a plain .tar, whose md5 was never published.
   */
  checksum: 'official' | 'mismatch' | 'unchecked';
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Imports the official CIFAR-10 binary archive from a stream of its bytes (a
 * File's `.stream()`, a fetch body, a Node file stream): a .tar.gz is
 * decompressed with the platform DecompressionStream, a plain .tar read as
 * is; the tar is streamed and only the six .bin files kept, then their sizes
 * and labels are checked. Every byte also goes through md5 (hash-wasm, WASM:
 * ~0.3 s for the 170 MB archive), compared with the published checksum.
 * Progress is archive bytes read against `totalBytes`.
 */
export async function importCifarArchive(
  stream: ReadableStream<Uint8Array>,
  totalBytes: number,
  onProgress?: (loaded: number, total: number) => void,
  opts: ImportOptions = {},
): Promise<ArchiveImport> {
  const label = opts.fileName ?? CIFAR10_ARCHIVE;
  let loaded = 0;
  const opened = await openArchive(stream, (n) => {
    loaded += n;
    onProgress?.(loaded, Math.max(totalBytes, loaded));
  });
  if (opened.head.length === 0) throw new DataError(`${label}: the file is empty; expected the CIFAR-10 binary version, ${CIFAR10_ARCHIVE}`, label);
  const { head, compressed, tar } = opened;
  const isBin = (name: string) => CIFAR10_BIN_FILES.includes(baseName(name));
  let result: Awaited<ReturnType<typeof extractTar>>;
  try {
    result = await extractTar(tar, label, (m) => isBin(m.name), compressed ? undefined : `neither gzip (0x1f 0x8b) nor tar: it starts with 0x${hex(head[0])} 0x${hex(head[1] ?? 0)}`);
  } catch (e) {
    if (e instanceof DataError) throw e;
    // Anything else came from the decompressor: a cut-off download or damaged bytes.
    throw new DataError(
      `${label}: truncated or corrupt gzip data (${(e as Error).message}): the file ends after ${fmt(loaded)} bytes, the official ${CIFAR10_ARCHIVE} has about 170 MB — download it again`,
      label,
    );
  }
  const files: CifarFiles = {};
  for (const [path, bytes] of Object.entries(result.files)) files[baseName(path)] ??= bytes;
  const missing = CIFAR10_BIN_FILES.filter((f) => !files[f]);
  if (missing.length) {
    const names = result.members.map((m) => m.name);
    // The python and matlab versions of CIFAR-10 look alike from outside; say which one this is.
    const other = names.find((n) => /cifar-10-batches-(py|mat)/.test(n));
    const hint = other ? ` — this looks like the ${other.includes('-py') ? 'Python' : 'MATLAB'} version; the lab needs the binary version, ${CIFAR10_ARCHIVE}` : '';
    throw new DataError(
      `${label}: missing member cifar-10-batches-bin/${missing[0]}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}; expected ${CIFAR10_BIN_FILES.join(', ')}, found ${names.length} member${names.length === 1 ? '' : 's'}${hint}`,
      label,
    );
  }
  const records = opts.recordsPerFile ?? CIFAR10_RECORDS_PER_FILE;
  for (const f of CIFAR10_BIN_FILES) checkCifarBin(files[f], f, records);
  return { files, ...opened.verdict() };
}

/**
 * The tar inside an archive stream, gzip or not (chosen by the magic bytes),
 * with every archive byte hashed on the way; `verdict()` once the stream has
 * been read to its end.
 */
export async function openArchive(stream: ReadableStream<Uint8Array>, onBytes?: (n: number) => void): Promise<{
  head: Uint8Array;
  compressed: boolean;
  tar: ReadableStream<Uint8Array>;
  verdict(): Pick<ArchiveImport, 'md5' | 'compressed' | 'checksum'>;
}> {
  const md5 = await createMD5();
  md5.init();
  const hashing = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      md5.update(chunk);
      onBytes?.(chunk.length);
      ctl.enqueue(chunk);
    },
  });
  const { head, stream: raw } = await sniff(stream.pipeThrough(hashing), 2);
  const compressed = head[0] === 0x1f && head[1] === 0x8b;
  const tar = compressed ? raw.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : raw;
  return {
    head, compressed, tar,
    verdict() {
      const digest = md5.digest('hex');
      return { md5: digest, compressed, checksum: !compressed ? 'unchecked' : digest === CIFAR10_ARCHIVE_MD5 ? 'official' : 'mismatch' };
    },
  };
}

/** What to tell the user about an archive's checksum (null when it is the official archive). */
export function checksumWarning(a: Pick<ArchiveImport, 'md5' | 'checksum'>, label: string): string | null {
  if (a.checksum === 'official') return null;
  if (a.checksum === 'unchecked') {
    return `${label} is a plain .tar: the published md5 is that of ${CIFAR10_ARCHIVE}, so these bytes could not be compared with the official archive (each file's size and labels were checked).`;
  }
  return `${label} is not byte-for-byte the official ${CIFAR10_ARCHIVE}: its md5 is ${a.md5}, the published one is ${CIFAR10_ARCHIVE_MD5}. It may be damaged or altered (CIFAR-10 has no checksum of its own, so a changed pixel would pass every other check).`;
}

/**
 * Reads the first `n` bytes of a stream and gives back a stream that still
 * starts with them (to choose gzip or tar by the magic bytes).
 */
async function sniff(stream: ReadableStream<Uint8Array>, n: number): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const first: Uint8Array[] = [];
  let got = 0;
  while (got < n) {
    const r = await reader.read();
    if (r.done) break;
    first.push(r.value);
    got += r.value.length;
  }
  const head = new Uint8Array(Math.min(n, got));
  let at = 0;
  for (const c of first) {
    if (at >= head.length) break;
    const take = c.subarray(0, head.length - at);
    head.set(take, at);
    at += take.length;
  }
  const rest = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (first.length) return ctl.enqueue(first.shift()!);
      const r = await reader.read();
      if (r.done) ctl.close();
      else ctl.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, stream: rest };
}

function baseName(path: string): string {
  return path.split('/').pop()!;
}

function hex(v: number): string {
  return v.toString(16).padStart(2, '0');
}
