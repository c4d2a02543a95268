import { CIFAR10_ARCHIVE, CIFAR10_BIN_FILES, CIFAR10_RECORDS_PER_FILE, checkCifarBin, type CifarFiles } from './cifar10';
import { extractTar } from './tar';
import { DataError } from './types';

export interface ImportOptions {
  /** Names the archive in errors (default cifar-10-binary.tar.gz). */
  fileName?: string;
  /** Records per .bin file: 10,000 in the real archive, fewer in the test fixture. */
  recordsPerFile?: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Imports the official CIFAR-10 binary archive from a stream of its
 * *compressed* bytes (a File's `.stream()`, a fetch body, a Node file stream):
 * checks the gzip magic, decompresses with the platform DecompressionStream,
 * reads the tar and keeps only the six .bin files, then checks their sizes
 * and labels. Progress is compressed bytes read against `totalBytes`.
 */
export async function importCifarArchive(
  stream: ReadableStream<Uint8Array>,
  totalBytes: number,
  onProgress?: (loaded: number, total: number) => void,
  opts: ImportOptions = {},
): Promise<CifarFiles> {
  const label = opts.fileName ?? CIFAR10_ARCHIVE;
  let loaded = 0;
  const head: number[] = [];
  // The first error we raise ourselves; errors surfacing later through the pipe may be wrapped.
  let failure: DataError | undefined;
  const fail = (msg: string) => (failure ??= new DataError(`${label}: ${msg}`, label));
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      for (let i = 0; head.length < 2 && i < chunk.length; i++) head.push(chunk[i]);
      if (head.length === 2 && (head[0] !== 0x1f || head[1] !== 0x8b)) {
        throw fail(`not a gzip file (starts with 0x${hex(head[0])} 0x${hex(head[1])}, expected 0x1f 0x8b); expected the CIFAR-10 binary version, ${CIFAR10_ARCHIVE}`);
      }
      loaded += chunk.length;
      onProgress?.(loaded, totalBytes);
      ctl.enqueue(chunk);
    },
    flush() {
      if (head.length < 2) throw fail(`empty or not a gzip file (${loaded} bytes)`);
    },
  });
  const tar = stream.pipeThrough(counter).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const isBin = (name: string) => CIFAR10_BIN_FILES.includes(baseName(name));
  let result: Awaited<ReturnType<typeof extractTar>>;
  try {
    result = await extractTar(tar, label, (m) => isBin(m.name));
  } catch (e) {
    if (failure) throw failure;
    if (e instanceof DataError) throw e;
    // Anything else came from the decompressor: a cut-off download or damaged bytes.
    throw new DataError(
      `${label}: truncated or corrupt gzip data (${(e as Error).message}) after ${fmt(loaded)} of ${fmt(totalBytes)} bytes — download it again`,
      label,
    );
  }
  if (failure) throw failure;
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
  return files;
}

function baseName(path: string): string {
  return path.split('/').pop()!;
}

function hex(v: number): string {
  return v.toString(16).padStart(2, '0');
}
