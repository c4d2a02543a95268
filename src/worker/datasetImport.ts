import { CIFAR10_BIN_FILES, CIFAR10_PREPARED, CIFAR10_RECORDS_PER_FILE, cifarFromBinFiles, checksumWarning, importCifarArchive, openArchive, maybeGunzip, extractTar, DataError, type CifarFiles, type ArchiveImport } from '../engine/spec';
import type { ImportSource, ImportStage } from './datasetProtocol';
import { inferRecordsPerFile } from './datasetRecords';
import { cappedBody, MAX_ARCHIVE_BYTES, MAX_BIN_FILE_BYTES } from './cappedDownload';

export interface ImportProgress {
  stage: ImportStage;
  loaded: number;
  total: number;
  detail: string;
}

export interface ImportedCifar {
  files: CifarFiles;
  recordsPerFile: number;
  warning?: string;
  /** For the page: the file name, "6 .bin files" or the URL. */
  source: string;
  /** The archive's md5 against the published one; absent for .bin files and prepared folders (nothing published to compare). */
  checksum?: Pick<ArchiveImport, 'md5' | 'checksum'>;
}

type OnProgress = (p: ImportProgress) => void;

/** An archive that can be read twice: the second pass only happens for a non-standard record count. */
interface Archive {
  name: string;
  open(): Promise<{ stream: ReadableStream<Uint8Array>; total: number }>;
}

const isArchiveName = (name: string) => /\.(tar\.gz|tgz|tar)$/i.test(name);
const baseName = (path: string) => path.split(/[\\/]/).pop()!;

/**
 * Reads CIFAR-10 from what the user gave — the official archive, its six
 * .bin files, or a URL of either — and returns the six checked .bin files.
 * The archive is streamed (never held whole); every check and message is
 * the engine's (DataError names the file and what was expected).
 */
export async function importCifar(source: ImportSource, onProgress: OnProgress, fetchFn: typeof fetch = fetch): Promise<ImportedCifar> {
  if (source.kind === 'url') {
    const url = source.url;
    if (isArchiveName(new URL(url).pathname)) {
      return { ...(await fromArchive({ name: baseName(new URL(url).pathname), open: () => download(url, fetchFn, MAX_ARCHIVE_BYTES) }, onProgress)), source: url };
    }
    return { ...(await fromFolder(url.endsWith('/') ? url : `${url}/`, fetchFn, onProgress)), source: url };
  }
  const files = source.files;
  const archives = files.filter((f) => isArchiveName(f.name));
  if (files.length === 1 && !files[0].name.endsWith('.bin')) {
    const f = files[0];
    return { ...(await fromArchive({ name: f.name, open: async () => ({ stream: f.stream(), total: f.size }) }, onProgress)), source: f.name };
  }
  if (archives.length > 0) {
    throw new DataError(`Choose either ${archives[0].name} alone or the six .bin files, not both (${files.length} files were chosen)`, archives[0].name);
  }
  const used = files.filter((f) => CIFAR10_BIN_FILES.includes(f.name)).length;
  return { ...(await fromBinFiles(files, onProgress)), source: `${used} .bin file${used === 1 ? '' : 's'}` };
}

async function fromArchive(archive: Archive, onProgress: OnProgress): Promise<Omit<ImportedCifar, 'source'>> {
  const first = await archive.open();
  const report = (stage: ImportStage) => (loaded: number, total: number) => onProgress({ stage, loaded, total, detail: archive.name });
  try {
    const { files, md5, checksum } = await importCifarArchive(first.stream, first.total, report('reading'), { fileName: archive.name });
    return withChecksum({ files, recordsPerFile: CIFAR10_RECORDS_PER_FILE }, { md5, checksum }, archive.name);
  } catch (e) {
    // Only a sound archive whose .bin files are the wrong size is worth a second look.
    if (!(e instanceof DataError) || !CIFAR10_BIN_FILES.includes(e.file ?? '')) throw e;
    const again = await archive.open();
    const opened = await openArchive(counted(again.stream, again.total, report('rereading')));
    const { files } = await extractTar(opened.tar, archive.name, (m) => CIFAR10_BIN_FILES.includes(baseName(m.name)));
    const byName = Object.fromEntries(Object.entries(files).map(([p, b]) => [baseName(p), b]));
    const guess = inferRecordsPerFile(CIFAR10_BIN_FILES.map((f) => byName[f]?.length ?? 0));
    if (guess.official) throw e;
    const checksum = opened.verdict();
    return withChecksum({ files: cifarFromBinFiles(byName, guess.records), recordsPerFile: guess.records, warning: guess.warning }, checksum, archive.name);
  }
}

async function fromBinFiles(files: File[], onProgress: OnProgress): Promise<Omit<ImportedCifar, 'source'>> {
  // Other files chosen along (batches.meta.txt, readme.html) are ignored; a missing one is named below.
  const wanted = files.filter((f) => CIFAR10_BIN_FILES.includes(f.name));
  const total = wanted.reduce((n, f) => n + f.size, 0);
  const bytes: Record<string, Uint8Array> = {};
  let loaded = 0;
  for (const f of wanted) {
    bytes[f.name] = new Uint8Array(await f.arrayBuffer());
    loaded += f.size;
    onProgress({ stage: 'reading', loaded, total, detail: f.name });
  }
  return checked(bytes);
}

/** The six prepared files of a folder (`npm run data:cifar10` writes .bin.gz; plain .bin is accepted too). */
async function fromFolder(folder: string, fetchFn: typeof fetch, onProgress: OnProgress): Promise<Omit<ImportedCifar, 'source'>> {
  const bytes: Record<string, Uint8Array> = {};
  let done = 0;
  for (const [i, f] of CIFAR10_BIN_FILES.entries()) {
    const res = await download(`${folder}${CIFAR10_PREPARED[f]}`, fetchFn, MAX_BIN_FILE_BYTES)
      .catch((e: unknown) => download(`${folder}${f}`, fetchFn, MAX_BIN_FILE_BYTES).catch(() => Promise.reject(e)));
    // The total is a guess until the last file: the files are about the same size.
    const raw = await readAll(res.stream, (loaded) =>
      onProgress({ stage: 'reading', loaded: done + loaded, total: done + res.total * (CIFAR10_BIN_FILES.length - i), detail: f }));
    done += raw.length;
    bytes[f] = await maybeGunzip(raw, f);
  }
  return checked(bytes);
}

/** Adds the checksum verdict, and its warning after any other (records per file). */
function withChecksum(r: Omit<ImportedCifar, 'source'>, checksum: NonNullable<ImportedCifar['checksum']>, name: string): Omit<ImportedCifar, 'source'> {
  const note = checksumWarning(checksum, name);
  const warning = [r.warning, note].filter(Boolean).join(' ');
  return { ...r, checksum, ...(warning ? { warning } : {}) };
}

function checked(bytes: Record<string, Uint8Array>): Omit<ImportedCifar, 'source'> {
  const guess = inferRecordsPerFile(Object.values(bytes).map((b) => b.length));
  return { files: cifarFromBinFiles(bytes, guess.records), recordsPerFile: guess.records, warning: guess.warning };
}

async function download(url: string, fetchFn: typeof fetch, maxBytes: number): Promise<{ stream: ReadableStream<Uint8Array>; total: number }> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new DataError(
      `Could not download ${url} (${(e as Error).message}). The server may not allow downloads from other sites; download the file and choose it with "Import CIFAR-10…" instead`,
      url,
    );
  }
  // Dev servers and SPA hosts answer a missing file with the HTML page.
  if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html') || !res.body) {
    throw new DataError(`${url}: not found (HTTP ${res.status}${res.ok ? ', a web page instead of data' : ''})`, url);
  }
  return cappedBody(url, res, res.body, maxBytes);
}

function counted(stream: ReadableStream<Uint8Array>, total: number, onProgress: (loaded: number, total: number) => void): ReadableStream<Uint8Array> {
  let loaded = 0;
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      loaded += chunk.length;
      onProgress(loaded, Math.max(total, loaded));
      ctl.enqueue(chunk);
    },
  }));
}

async function readAll(stream: ReadableStream<Uint8Array>, onProgress: (loaded: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    loaded += r.value.length;
    onProgress(loaded);
  }
  const out = new Uint8Array(loaded);
  chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
  return out;
}
