import { z } from 'zod';
import type { StoredDatasetInfo } from '../storage/datasetCache';

/**
 * The vocabulary between the page and the dataset import worker (a worker of
 * its own, so an import survives the trainer restarting on another backend,
 * and its memory — up to 184 MB of CIFAR-10 — goes away with it). File
 * objects cross the boundary as references; the worker streams them.
 */

/** A File (or any Blob with a name); checked by shape because zod cannot see File in every host. */
const FileLike = z.custom<File>((v) => typeof Blob !== 'undefined' && v instanceof Blob && typeof (v as File).name === 'string', 'expected a File');

export const ImportSourceSchema = z.discriminatedUnion('kind', [
  /** cifar-10-binary.tar.gz, or the six extracted .bin files chosen together. */
  z.object({ kind: z.literal('files'), files: z.array(FileLike).min(1) }),
  /** An absolute URL of the archive, or of a folder holding the six .bin.gz (or .bin) files. */
  z.object({ kind: z.literal('url'), url: z.string().url() }),
]);

export type ImportSource = z.infer<typeof ImportSourceSchema>;

export const ToImporterSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('import'), jobId: z.number().int().nonnegative(), source: ImportSourceSchema }),
  /** The page's answer to 'confirm': replace the stored import with this one, or keep the stored one. */
  z.object({ type: z.literal('confirm'), jobId: z.number().int().nonnegative(), replace: z.boolean() }),
]);

export type ToImporter = z.infer<typeof ToImporterSchema>;

/** reading: streaming, decompressing and parsing; rereading: a second pass for a non-standard record count; storing: writing to IndexedDB. */
export type ImportStage = 'reading' | 'rereading' | 'storing';

export type FromImporter =
  | { type: 'progress'; jobId: number; stage: ImportStage; loaded: number; total: number; detail: string }
  | { type: 'done'; jobId: number; info: StoredDatasetInfo }
  /** Read and checked, but not the official archive and an import is already stored: replace it? (answer with 'confirm'). */
  | { type: 'confirm'; jobId: number; message: string }
  /** The user kept the stored import; this one was not stored. */
  | { type: 'kept'; jobId: number; message: string }
  /** `file` is the member or file at fault when the engine named one. */
  | { type: 'failed'; jobId: number; message: string; file?: string };

const FIELDS: Record<FromImporter['type'], string[]> = {
  progress: ['jobId', 'stage', 'loaded', 'total'],
  done: ['jobId', 'info'],
  confirm: ['jobId', 'message'],
  kept: ['jobId', 'message'],
  failed: ['jobId', 'message'],
};

/** True when `data` has a known tag and that tag's fields (our own worker built it: a cheap check suffices). */
export function isFromImporter(data: unknown): data is FromImporter {
  if (!data || typeof data !== 'object') return false;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(FIELDS, type) && FIELDS[type as FromImporter['type']].every((f) => f in data);
}
