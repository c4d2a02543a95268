import type { RunCheckpoint, RunConfig, RunConfigInput, RoundResult, Weights, Masks } from '../engine/spec';

/**
 * The run history behind one small interface: IndexedDB in the browser
 * (runStorageIdb.ts, database 'sparse-lab'), a Map in unit tests. A run is
 * kept in three parts so the history list never loads curves or weights:
 *   meta       one small row per run (what the history table shows)
 *   rounds     the per-round results with their curves (charts)
 *   artifacts  final masks, ticket weights and the latest checkpoint (MBs)
 */
export type StoredStatus = 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

export interface StoredRunMeta {
  id: string;
  name: string;
  methodId: string;
  model: string;
  dataset: string;
  seed: number;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
  backend: string;
  status: StoredStatus;
  stoppedReason?: string;
  /** 'lab': trained on this page; 'file': imported from a .sparselab file. */
  origin: 'lab' | 'file';
  input: RunConfigInput;
  /** The normalised config, once the run has started (always set for imports). */
  config: RunConfig | null;
  rounds: number;
  /** Fraction of weights remaining in the sparsest finished round, and the best early-stop test accuracy. */
  sparsest: number | null;
  best: number | null;
  seconds: number;
  /** Round the stored checkpoint resumes at (absent: nothing to resume from). */
  checkpointRound?: number;
  hasTicket: boolean;
}

export interface RunArtifacts {
  /** The final trunk masks and the weights the last trunk round started from (θ0 or θk). */
  masks?: Masks;
  ticketWeights?: Weights;
  /** The latest checkpoint, while the run is unfinished. */
  checkpoint?: RunCheckpoint;
}

export interface RunSave {
  meta: StoredRunMeta;
  /** Omitted: leave the stored part as it is. */
  rounds?: RoundResult[];
  artifacts?: RunArtifacts;
}

export interface RunStorage {
  /** Every run's meta, newest first. */
  list(): Promise<StoredRunMeta[]>;
  get(id: string): Promise<StoredRunMeta | null>;
  rounds(id: string): Promise<RoundResult[]>;
  artifacts(id: string): Promise<RunArtifacts>;
  /** Writes the given parts in one transaction: all of them or (on a quota error) none. */
  save(s: RunSave): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Browsers report a full disk or exhausted quota as a DOMException named QuotaExceededError. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (e as { code?: unknown } | null)?.code === 22;
}

/** The history row's figures: sparsest trunk density, best early-stop test accuracy, training seconds. */
export function roundsSummary(rounds: RoundResult[]): Pick<StoredRunMeta, 'rounds' | 'sparsest' | 'best' | 'seconds'> {
  const trunk = rounds.filter((r) => r.series === 'trunk');
  const accs = rounds.map((r) => r.earlyStopTestAcc).filter(Number.isFinite);
  const seconds = rounds.reduce((n, r) => n + (Number.isFinite(r.seconds) ? r.seconds : 0), 0);
  return {
    rounds: rounds.length,
    sparsest: trunk.length ? Math.min(...trunk.map((r) => r.density)) : null,
    best: accs.length ? Math.max(...accs) : null,
    seconds,
  };
}

export const newestFirst = (a: StoredRunMeta, b: StoredRunMeta) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

/**
 * A RunStorage in Maps, with structuredClone on the way in and out as
 * IndexedDB does. `quotaBytes` (tests) makes writes past that many bytes of
 * artifacts fail with a QuotaExceededError, writing nothing.
 */
export function memoryRunStorage(opts: { quotaBytes?: number } = {}): RunStorage & { bytes(): number } {
  const metas = new Map<string, StoredRunMeta>();
  const rounds = new Map<string, RoundResult[]>();
  const artifacts = new Map<string, RunArtifacts>();
  const sizeOf = (a: RunArtifacts) =>
    [a.masks, a.ticketWeights, a.checkpoint?.masks, a.checkpoint?.weights, a.checkpoint?.thetaK ?? undefined]
      .flatMap((g) => Object.values(g ?? {}))
      .reduce((n, v) => n + v.byteLength, 0);
  const bytes = () => [...artifacts.values()].reduce((n, a) => n + sizeOf(a), 0);
  return {
    bytes,
    list: async () => [...metas.values()].map((m) => structuredClone(m)).sort(newestFirst),
    get: async (id) => structuredClone(metas.get(id) ?? null),
    rounds: async (id) => structuredClone(rounds.get(id) ?? []),
    artifacts: async (id) => structuredClone(artifacts.get(id) ?? {}),
    async save({ meta, rounds: r, artifacts: a }) {
      if (a && opts.quotaBytes !== undefined) {
        const after = bytes() - sizeOf(artifacts.get(meta.id) ?? {}) + sizeOf(a);
        if (after > opts.quotaBytes) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      metas.set(meta.id, structuredClone(meta));
      if (r) rounds.set(meta.id, structuredClone(r));
      if (a) artifacts.set(meta.id, structuredClone(a));
    },
    async delete(id) {
      metas.delete(id);
      rounds.delete(id);
      artifacts.delete(id);
    },
  };
}
