import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { CIFAR10_BIN_FILES, CIFAR10_HOW_TO_GET, cifarFilesReader, cifarFromBinFiles, checksumWarning, importCifarArchive, DataError, type ArchiveImport, type FileReader } from '../engine';
import { diskReader } from './files';

/** Streams a cifar-10-binary.tar.gz (or the plain .tar inside it) from disk through the engine's importer. */
export async function readCifarArchive(path: string, onProgress?: (loaded: number, total: number) => void, recordsPerFile?: number): Promise<ArchiveImport> {
  if (!existsSync(path)) throw new DataError(`${path}: no such file. Get CIFAR-10 with: ${CIFAR10_HOW_TO_GET}`, path);
  const stream = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
  return importCifarArchive(stream, statSync(path).size, onProgress, { fileName: basename(path), recordsPerFile });
}

const isArchiveName = (p: string) => /\.(tar\.gz|tgz|tar)$/i.test(p);

/**
 * The CLI's `--data PATH`, for any dataset: a data root holding prepared
 * folders (default public/data). For cifar10 it may also be the official
 * archive, the folder of its extracted .bin files, or the prepared cifar10
 * folder itself; all are served under the names loadDataset asks for.
 */
export async function nodeDataReader(
  dataset: string,
  path: string | undefined,
  onProgress?: (loaded: number, total: number) => void,
  recordsPerFile?: number,
): Promise<FileReader> {
  if (path === undefined) return diskReader();
  const isFile = existsSync(path) && statSync(path).isFile();
  if (isFile || isArchiveName(path)) {
    if (dataset !== 'cifar10') throw new DataError(`--data ${path} is a file; only --dataset cifar10 reads an archive. For ${dataset}, pass a folder.`, path);
    const archive = await readCifarArchive(path, onProgress, recordsPerFile);
    const warning = checksumWarning(archive, basename(path));
    if (warning) console.error(`\nwarning: ${warning}`);
    return cifarFilesReader(archive.files);
  }
  if (dataset === 'cifar10' && existsSync(join(path, CIFAR10_BIN_FILES[0]))) {
    const files: Record<string, Uint8Array> = {};
    for (const f of CIFAR10_BIN_FILES) {
      if (existsSync(join(path, f))) files[f] = new Uint8Array(readFileSync(join(path, f)));
    }
    return cifarFilesReader(cifarFromBinFiles(files, recordsPerFile));
  }
  if (dataset === 'cifar10' && existsSync(join(path, `${CIFAR10_BIN_FILES[0]}.gz`))) {
    // The prepared folder itself (…/cifar10) rather than its parent.
    const inner = diskReader(path);
    return (file, p) => inner(file.replace(/^[^/]+\//, ''), p);
  }
  return diskReader(path);
}
