import type { RunCheckpoint, RoundResult } from '../../engine/spec';
import { roundsSummary, isQuotaError, type RunArtifacts, type RunSave, type RunStorage, type StoredRunMeta, type StoredStatus } from '../../storage/runStorage';
import type { FromWorker } from '../../worker/protocol';
import type { PageStore } from '../state/pageStore';
import { addNotice } from '../state/backendSlice';
import { upsertMeta } from '../state/historySlice';
import type { RunRecord } from '../state/resultsSlice';

/** The part of navigator.locks the recorder uses (absent in Node and old browsers). */
export interface LockManagerLike {
  request(name: string, fn: () => Promise<void>): Promise<unknown>;
}

/** Held while a run trains, so another tab never offers to resume a run that is still going. */
export const runLockName = (key: string) => `sparse-lab-run:${key}`;

export interface HistoryRecorder {
  /** Masks, ticket weights and checkpoint of a run of this visit, in memory until stored after the run ended (export works when storage did not). */
  artifacts(key: string): RunArtifacts | undefined;
  /** Before a stored run continues under its own key: its creation time and checkpoint, so neither is lost on the next write. */
  adopt(meta: StoredRunMeta, checkpoint?: RunCheckpoint): void;
  /** A run of this visit as it would be stored now, with its in-memory artifacts (null for runs from elsewhere). */
  live(key: string): { meta: StoredRunMeta; rounds: RoundResult[]; artifacts: RunArtifacts } | null;
  /** Queues a write (an imported run); a failure becomes a notice, as for runs trained here. Resolves when done. */
  save(s: RunSave): Promise<void>;
  /** Resolves when every write queued so far has finished (tests). */
  idle(): Promise<void>;
}

const ENDED: StoredStatus[] = ['finished', 'stopped', 'failed', 'interrupted'];

/** A run record of this visit as a history row. */
function metaFromRecord(r: RunRecord, createdAt: string, extra: Pick<StoredRunMeta, 'hasTicket'> & { checkpointRound?: number }): StoredRunMeta {
  const input = r.input;
  return {
    id: r.key, name: r.label, methodId: r.config?.method.id ?? r.methodId,
    model: r.config?.model ?? input.model ?? 'lenet300', dataset: r.config?.data.dataset ?? input.data?.dataset ?? 'mnist', seed: r.config?.seed ?? input.seed ?? 0,
    createdAt, updatedAt: new Date().toISOString(), backend: r.backend,
    status: r.status === 'queued' ? 'running' : r.status, ...(r.stoppedReason ? { stoppedReason: r.stoppedReason } : {}),
    origin: 'lab', input, config: r.config, ...roundsSummary(r.rounds),
    ...(extra.checkpointRound !== undefined && r.status !== 'finished' ? { checkpointRound: extra.checkpointRound } : {}),
    hasTicket: extra.hasTicket,
  };
}

/**
 * Stores every run trained on this page as it goes: the row when it starts
 * and changes status, the rounds after each round, the checkpoint after each
 * pruning step and the ticket at the end (those two come straight from the
 * worker, see TrainerSession.historyFeed). Writes are queued one after
 * another. A failed write never touches the page's results: a full disk gets
 * a notice saying the run is on the page but not saved.
 */
export function createHistoryRecorder(store: PageStore, storage: RunStorage, trainingController: { listen(fn: (m: FromWorker) => void): () => void }, locks?: LockManagerLike): HistoryRecorder {
  /**
   * Per run of this visit. The arrays stay in memory until a run has ended
   * and its latest artifacts are stored (`saved` caught up with `version`);
   * then they are let go, and export reads them back from storage. A run the
   * disk had no room for keeps them, so it can still be exported.
   */
  interface Entry { createdAt: string; artifacts: RunArtifacts; version: number; saved: number; released: boolean; hasTicket: boolean; checkpointRound?: number }
  const mem = new Map<string, Entry>();
  const releases = new Map<string, (() => void) | null>();
  let queue: Promise<void> = Promise.resolve();

  const entry = (key: string) => {
    let e = mem.get(key);
    if (!e) mem.set(key, (e = { createdAt: new Date().toISOString(), artifacts: {}, version: 0, saved: 0, released: false, hasTicket: false }));
    return e;
  };
  const metaOf = (r: RunRecord) => {
    const e = entry(r.key);
    return metaFromRecord(r, e.createdAt, { hasTicket: e.hasTicket, checkpointRound: e.checkpointRound });
  };
  /** Records a change of a run's artifacts; returns the version to save. */
  const changed = (e: Entry) => {
    e.hasTicket = Boolean(e.artifacts.masks);
    e.checkpointRound = e.artifacts.checkpoint?.nextRound;
    return ++e.version;
  };

  function write(s: RunSave, version?: number): Promise<void> {
    return (queue = queue.then(async () => {
      try {
        await storage.save(s);
        store.setState((st) => ({ history: upsertMeta(st.history, s.meta), unsaved: st.unsaved.filter((k) => k !== s.meta.id) }));
      } catch (e) {
        failed(s.meta, e);
        return;
      }
      const e = mem.get(s.meta.id);
      if (!e) return;
      if (version !== undefined) e.saved = Math.max(e.saved, version);
      const r = store.getState().runs.find((x) => x.key === s.meta.id && !x.source);
      if (r && ENDED.includes(r.status as StoredStatus) && e.saved === e.version) {
        e.artifacts = {};
        e.released = true;
      }
    }));
  }

  function failed(meta: StoredRunMeta, e: unknown): void {
    store.setState((st) => {
      if (isQuotaError(e)) {
        return {
          unsaved: st.unsaved.includes(meta.id) ? st.unsaved : [...st.unsaved, meta.id],
          notices: addNotice(st.notices, {
            level: 'warning', code: 'storage-full', title: 'Browser storage is full — this run is not saved in the history',
            text: `“${meta.name}” stays on this page with all its results: export it from the Runs table (.sparselab) before closing the tab, or delete old runs from the history to make room.`,
          }),
        };
      }
      return {
        historyState: 'unavailable' as const,
        notices: addNotice(st.notices, {
          level: 'warning', code: 'storage-failed', title: 'The run history is not available',
          text: `This browser refused to store runs (${(e as Error)?.message ?? String(e)}). Results stay on this page until it is closed.`,
        }),
      };
    });
  }

  /** Takes or lets go of the run's lock; a grant that arrives after the run ended lets go at once. */
  function lock(key: string, on: boolean): void {
    if (!locks || on === releases.has(key)) return;
    if (on) {
      releases.set(key, null);
      const held = () => new Promise<void>((resolve) => (releases.has(key) ? releases.set(key, resolve) : resolve()));
      void locks.request(runLockName(key), held).catch(() => {});
    } else {
      releases.get(key)?.();
      releases.delete(key);
    }
  }

  store.subscribe((s, prev) => {
    if (s.runs === prev.runs) return;
    const before = new Map(prev.runs.map((r) => [r.key, r]));
    for (const r of s.runs) {
      const old = before.get(r.key);
      if (r.source || old === r) continue;
      const ended = ENDED.includes(r.status as StoredStatus);
      lock(r.key, !ended);
      const e = entry(r.key);
      const finishedNow = r.status === 'finished' && old?.status !== 'finished' && !e.released;
      let version: number | undefined;
      if (finishedNow) {
        delete e.artifacts.checkpoint; // a finished run needs no resume point
        version = changed(e);
      }
      if (old && old.status === r.status && old.rounds === r.rounds && old.config === r.config) continue;
      write({ meta: metaOf(r), ...(old?.rounds !== r.rounds ? { rounds: r.rounds } : {}), ...(finishedNow ? { artifacts: e.artifacts } : {}) }, version);
    }
  });

  trainingController.listen((m) => {
    if (m.type !== 'checkpoint' && m.type !== 'artifacts') return;
    const r = store.getState().runs.find((x) => x.key === m.runKey);
    if (!r) return;
    const e = entry(r.key);
    const a = e.artifacts;
    if (m.type === 'checkpoint') a.checkpoint = m.checkpoint;
    else {
      a.masks = m.masks;
      a.ticketWeights = m.ticketWeights ?? undefined;
    }
    const version = changed(e);
    write({ meta: metaOf(r), artifacts: a }, version);
  });

  return {
    artifacts: (key) => mem.get(key)?.artifacts,
    live(key) {
      const r = store.getState().runs.find((x) => x.key === key && !x.source);
      return r && !mem.get(key)?.released ? { meta: metaOf(r), rounds: r.rounds, artifacts: entry(key).artifacts } : null;
    },
    save: write,
    adopt(meta, checkpoint) {
      // Its checkpoint is already in storage (version 1, saved).
      mem.set(meta.id, { createdAt: meta.createdAt, artifacts: checkpoint ? { checkpoint } : {}, version: 1, saved: 1, released: false, hasTicket: false, checkpointRound: checkpoint?.nextRound });
    },
    idle: () => queue,
  };
}
