import type { StateCreator } from 'zustand/vanilla';
import type { StoredRunMeta } from '../../storage/runStorage';

/**
 * The run history as the page shows it (services/runHistory.ts loads and changes it; the
 * runs themselves live in IndexedDB behind src/storage/runStorage.ts).
 * Reopened and overlaid runs go into the results slice's `runs`, which is
 * what every chart draws, marked with `source: 'history'`.
 */
export interface HistorySlice {
  /** Every stored run's summary row, newest first. */
  history: StoredRunMeta[];
  historyState: 'loading' | 'ready' | 'unavailable';
  /** Runs of an earlier visit that were cut off mid-experiment (tab closed or reloaded): the banner offers to resume them. */
  resumable: StoredRunMeta[];
  /** Keys of runs of this visit that could not be saved (storage full): still on the page, exportable from the Runs table. */
  unsaved: string[];
  /** Stored runs set aside because they failed to load or render: listed with the reason, never drawn. */
  damaged: DamagedRun[];
  dismissResume(id: string): void;
}

export interface DamagedRun {
  id: string;
  /** The stored name, when it was readable. */
  name?: string;
  reason: string;
}

export const createHistorySlice: StateCreator<HistorySlice> = (set) => ({
  history: [],
  historyState: 'loading',
  resumable: [],
  unsaved: [],
  damaged: [],
  dismissResume: (id) => set((s) => ({ resumable: s.resumable.filter((m) => m.id !== id) })),
});

/** The history list with one entry added or replaced, newest first. */
export function upsertMeta(list: StoredRunMeta[], meta: StoredRunMeta): StoredRunMeta[] {
  const rest = list.filter((m) => m.id !== meta.id);
  const i = rest.findIndex((m) => m.createdAt < meta.createdAt);
  return i < 0 ? [...rest, meta] : [...rest.slice(0, i), meta, ...rest.slice(i)];
}
