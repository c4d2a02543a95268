import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LabError } from '../engine';

/** The run-file limit, plus room for a JSON result with long curves. */
const MAX_CLI_FILE_BYTES = 300 * 1024 * 1024;

/**
 * Reads a file named on the command line, only if it is a regular file of at
 * most `maxBytes`. A FIFO would block readFileSync forever and /dev/zero
 * would grow without end (3 GB in 9 s once); both now fail at once. The file
 * is opened non-blocking and checked with fstat on the open descriptor, so
 * what is checked is what is read; reading stops at the size fstat reported.
 */
export function readBoundedFile(path: string, what: string, maxBytes = MAX_CLI_FILE_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError(`${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new LabError(`${what} ${path} is a folder, not a file`);
    if (!st.isFile()) throw new LabError(`${what} ${path} is not a regular file (${st.isFIFO() ? 'a pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'special'}); give the path of a saved file`);
    if (st.size > maxBytes) throw new LabError(`${what} ${path} is ${(st.size / 1e6).toFixed(0)} MB; the limit is ${(maxBytes / 1e6).toFixed(0)} MB`);
    const out = new Uint8Array(st.size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, out.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return out.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
