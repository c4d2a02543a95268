import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellFileName, cellFileText, MAX_CELL_FILE_CHARS, parseCellFile, MAX_CELLS, LabError, type CellFile, type ResultStore } from '../engine';
import { readBoundedFile } from './boundedRead';

/**
 * A sweep's output folder: one `<runId>.json` per finished cell. Files are
 * written to a temporary name and renamed, so a sweep killed mid-write leaves
 * either the whole file or none; a file that fails its checks is reported and
 * trained again.
 */
const CELL_NAME = /^run_[0-9a-f]{16}\.json$/;

/** Regular files only, capped before reading (a FIFO or device named run_….json fails at once). */
function readCell(path: string, runId?: string): CellFile {
  return parseCellFile(new TextDecoder().decode(readBoundedFile(path, 'sweep cell', MAX_CELL_FILE_CHARS)), path, runId);
}

export function dirStore(dir: string, warn: (msg: string) => void = () => {}): ResultStore {
  mkdirSync(dir, { recursive: true });
  return {
    async has(runId) {
      const path = join(dir, cellFileName(runId));
      if (!existsSync(path)) return false;
      try {
        readCell(path, runId);
        return true;
      } catch (e) {
        warn(`${(e as Error).message} — it will be trained again`);
        return false;
      }
    },
    async put(file) {
      const path = join(dir, cellFileName(file.runId));
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, cellFileText(file) + '\n');
      renameSync(tmp, path);
    },
  };
}

/** Every valid cell file in a folder; bad or foreign files become warnings. */
export function readCellDir(dir: string, warn: (msg: string) => void): CellFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new LabError(`${dir} is not a folder`);
  const names = readdirSync(dir).filter((n) => CELL_NAME.test(n)).sort();
  if (names.length > MAX_CELLS) throw new LabError(`${dir} holds ${names.length} cell files; the limit is ${MAX_CELLS}`);
  const out: CellFile[] = [];
  for (const n of names) {
    try {
      out.push(readCell(join(dir, n), n.slice(0, -'.json'.length)));
    } catch (e) {
      warn(`skipped ${(e as Error).message}`);
    }
  }
  return out;
}

/** Leftover temporary files of a killed sweep. */
export function removeStaleTemps(dir: string): void {
  if (!existsSync(dir)) return;
  for (const n of readdirSync(dir)) if (/^run_[0-9a-f]{16}\.json\.\d+\.tmp$/.test(n)) unlinkSync(join(dir, n));
}
