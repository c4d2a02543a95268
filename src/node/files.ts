import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileReader } from '../engine/data/registry';
import { DataError } from '../engine/data/types';

/** public/data in this checkout: the same files the page fetches. */
export const DEFAULT_DATA_ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'data'));

/** A FileReader over a folder on disk (the CLI's --data flag, default public/data). */
export function diskReader(root = DEFAULT_DATA_ROOT): FileReader {
  return async (file) => {
    const path = join(root, file);
    if (!existsSync(path)) throw new DataError(`Missing data file ${path}`, path);
    return new Uint8Array(readFileSync(path));
  };
}
