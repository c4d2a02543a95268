import type { StoredDatasetInfo } from '../../storage/datasetCache';
import type { ImportStage } from '../../worker/datasetProtocol';

/**
 * CIFAR-10's availability and its import, as one small state machine:
 *
 *   checking ──checked──▶ imported | server | missing
 *   any ──start──▶ (job running) ──progress*──▶ done ──▶ imported
 *                                            └─▶ failed ──▶ as before, with the error
 *   imported ──forgotten──▶ server | missing
 *
 * Availability follows from two facts: a stored import in this browser, and
 * prepared files on the site (a deployer ran `npm run data:cifar10`). A failed
 * import leaves an earlier one in place (the worker only stores a checked
 * import). Events of a job that is no longer current are ignored.
 */
export type CifarAvailability = 'checking' | 'imported' | 'server' | 'missing';

export interface CifarJob {
  id: number;
  source: string;
  stage: ImportStage;
  loaded: number;
  total: number;
  detail: string;
  /** Page clock (ms) when the import started, for the ETA and the measured time. */
  startedAt: number;
  /** Set while the worker waits for "replace the stored import with this one?": the question. */
  confirm?: string;
}

export interface CifarState {
  availability: CifarAvailability;
  /** The import stored in this browser, if any. */
  stored: StoredDatasetInfo | null;
  /** Prepared files on the site itself. */
  server: boolean;
  job: CifarJob | null;
  error: { message: string; file?: string; source: string } | null;
  /** The last import that finished in this page, with its wall time as the page saw it. */
  last: { source: string; seconds: number } | null;
  /** What happened to an import that was not stored (the user kept the stored one). */
  notice: string | null;
}

export type CifarEvent =
  | { type: 'checked'; stored: StoredDatasetInfo | null; server: boolean }
  | { type: 'start'; id: number; source: string; at: number }
  | { type: 'progress'; id: number; stage: ImportStage; loaded: number; total: number; detail: string }
  | { type: 'done'; id: number; info: StoredDatasetInfo; at: number }
  | { type: 'failed'; id: number; message: string; file?: string }
  | { type: 'confirm'; id: number; message: string }
  | { type: 'kept'; id: number; message: string }
  | { type: 'cancelled'; id: number }
  | { type: 'forgotten' };

export const initialCifarState: CifarState = { availability: 'checking', stored: null, server: false, job: null, error: null, last: null, notice: null };

const availability = (stored: StoredDatasetInfo | null, server: boolean): CifarAvailability =>
  stored ? 'imported' : server ? 'server' : 'missing';

export function reduceCifar(s: CifarState, e: CifarEvent): CifarState {
  const current = 'id' in e && s.job?.id === e.id;
  switch (e.type) {
    case 'checked':
      // A check answering after an import finished must not hide that import.
      return { ...s, stored: s.stored ?? e.stored, server: e.server, availability: availability(s.stored ?? e.stored, e.server) };
    case 'start':
      if (s.job) return s;
      return { ...s, error: null, notice: null, job: { id: e.id, source: e.source, stage: 'reading', loaded: 0, total: 0, detail: '', startedAt: e.at } };
    case 'progress':
      if (!current || !s.job) return s;
      return { ...s, job: { ...s.job, stage: e.stage, loaded: e.loaded, total: e.total, detail: e.detail } };
    case 'done':
      if (!current || !s.job) return s;
      return {
        ...s, job: null, error: null, stored: e.info, availability: 'imported',
        last: { source: s.job.source, seconds: (e.at - s.job.startedAt) / 1000 },
      };
    case 'confirm':
      return current && s.job ? { ...s, job: { ...s.job, confirm: e.message } } : s;
    case 'kept':
      return current ? { ...s, job: null, notice: e.message } : s;
    case 'failed':
      if (!current || !s.job) return s;
      return { ...s, job: null, error: { message: e.message, file: e.file, source: s.job.source } };
    case 'cancelled':
      return current ? { ...s, job: null } : s;
    case 'forgotten':
      return { ...s, stored: null, last: null, error: null, availability: s.availability === 'checking' ? 'checking' : availability(null, s.server) };
  }
}

/** True when a run can use CIFAR-10 now. */
export const cifarUsable = (s: CifarState) => s.availability === 'imported' || s.availability === 'server';

/** The share of the job done, 0–1 (null before the size is known). */
export function jobFraction(job: CifarJob): number | null {
  return job.total > 0 ? Math.min(1, job.loaded / job.total) : null;
}
