import type { StateCreator } from 'zustand/vanilla';
import type { RunConfig, RunConfigInput, EvalPoint, LmcPoint, MaskTracePoint, RoundResult, SeriesId, LayerDensity } from '../../engine/spec';
import type { RoundPictures } from '../../worker/protocol';
import { comparisonLabel } from '../pure/comparison';
import type { RunSlice } from './runSlice';

export type RunRecordStatus = 'queued' | 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

/**
 * What the page keeps about one run: its identity, plan and finished rounds
 * (they survive crashes and restarts). This changes a few times a run, so
 * the lottery and early-stop charts re-render only then; the fast-changing
 * parts (live curve, newest mask, pictures) live beside it in the slice.
 */
export interface RunRecord {
  key: string;
  label: string;
  /** Runs of one comparison method share a line on the charts (a single run is its own group). */
  group: string;
  /** The legend name of the group's line ("SNIP", "IMP ticket"). */
  seriesName: string;
  methodId: string;
  input: RunConfigInput;
  /** The normalised config, once the worker has started the run. */
  config: RunConfig | null;
  backend: string;
  status: RunRecordStatus;
  stoppedReason?: string;
  plan: { series: SeriesId; round: number; steps: number }[];
  rounds: RoundResult[];
  /** Instability analysis runs: the interpolation for each k, as it finishes. */
  lmc?: LmcPoint[];
  /** Set when this run replaces one a crash interrupted, so it is not retried twice. */
  retryOf?: string;
  /**
   * Where a run that was not trained in this visit came from: a shared link's
   * results summary, the run history, or an imported file. Unset for runs
   * trained here (the history recorder stores only those).
   */
  source?: 'link' | 'history' | 'file';
}

/** The curve of the round training now. */
export interface LiveCurve {
  runKey: string;
  series: SeriesId;
  round: number;
  points: EvalPoint[];
}

/** A run's newest mask change (every prune, every in-training update). */
export interface MaskSummary {
  series: SeriesId;
  round: number;
  density: number;
  layers: LayerDensity[];
  reason: string;
}

/** The mask over the round training now, for methods that change it while training (the density chart's live line). */
export interface LiveMaskTrace {
  series: SeriesId;
  round: number;
  layerNames: string[];
  points: MaskTracePoint[];
}

export interface ResultsSlice {
  runs: RunRecord[];
  live: LiveCurve | null;
  /** Newest mask per run key. */
  masks: Record<string, MaskSummary>;
  /** In-training mask updates of each run's current round. */
  maskTraces: Record<string, LiveMaskTrace>;
  /** Sparsity pictures per run key, one per series, round and phase. */
  pictures: Record<string, RoundPictures[]>;
  /** The run whose rounds, curves and pictures the detail charts show (null: the newest). */
  selectedRunKey: string | null;
  selectRun(key: string | null): void;
  /** Forget every run that is not training now. */
  clearResults(): void;
  /** Take a shared link's results off the charts ("Hide these points"). */
  hideLinkResults(): void;
  /** Keep only the runs trained in this visit on the charts (a chart region's "Reset this view"). */
  showOnlyRunsTrainedHere(): void;
}

export const createResultsSlice: StateCreator<ResultsSlice & Pick<RunSlice, 'activeRunKey'>, [], [], ResultsSlice> = (set) => ({
  runs: [],
  live: null,
  masks: {},
  maskTraces: {},
  pictures: {},
  selectedRunKey: null,
  selectRun: (key) => set({ selectedRunKey: key }),
  clearResults: () =>
    set((s) => {
      const keep = (k: string) => k === s.activeRunKey;
      const only = <T,>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).filter(([k]) => keep(k)));
      return { runs: s.runs.filter((r) => keep(r.key)), masks: only(s.masks), maskTraces: only(s.maskTraces), pictures: only(s.pictures), selectedRunKey: null };
    }),
  hideLinkResults: () => set((s) => ({ runs: s.runs.filter((r) => r.source !== 'link'), selectedRunKey: null })),
  showOnlyRunsTrainedHere: () => set((s) => ({ runs: s.runs.filter((r) => !r.source), selectedRunKey: null })),
});

export function newRunRecord(key: string, label: string, input: RunConfigInput, backend: string, opts: Partial<Pick<RunRecord, 'group' | 'seriesName' | 'retryOf'>> = {}): RunRecord {
  const methodId = input.method?.id ?? 'imp';
  return {
    key, label, input, backend, retryOf: opts.retryOf,
    group: opts.group ?? key,
    seriesName: opts.seriesName ?? comparisonLabel(opts.group ?? methodId),
    methodId,
    config: null, status: 'queued', plan: [], rounds: [],
  };
}
