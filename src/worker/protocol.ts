import { z } from 'zod';
import type { Calibration, BackendName, BackendReport, RunCheckpoint, RunConfig, RunConfigInput, RunEvent, SeriesId, Weights, Masks } from '../engine/spec';

/**
 * The only vocabulary the page and the trainer worker share. Commands to the
 * worker are tiny and validated with zod on arrival; messages from the worker
 * are typed here and checked by tag on arrival (they are built by our own
 * worker, so a cheap structural check catches a mismatched build without the
 * cost of parsing every batch).
 */

const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const satisfies readonly BackendName[];
const SERIES_IDS = ['trunk', 'reinit', 'random-mask'] as const satisfies readonly SeriesId[];

const requestId = z.number().int().nonnegative();

/** The model whose training step a calibration times (the draft's model, dataset input and batch). */
export const CalibrateSpecSchema = z.object({
  model: z.string().min(1),
  inputShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  numClasses: z.number().int().min(2),
  batch: z.number().int().min(1).max(4096),
});
export type CalibrateSpec = z.infer<typeof CalibrateSpecSchema>;

export const ToWorkerSchema = z.discriminatedUnion('type', [
  /**
   * Bring up a backend. 'manual': the first working one of `backends` (in order).
   * 'auto': time `calibrate`'s training step on every working backend and keep the
   * fastest, unless `cache` (earlier calibrations by device and model class) already
   * names the winner here.
   */
  z.object({
    type: z.literal('init'),
    backends: z.array(z.enum(BACKEND_NAMES)).min(1),
    /** Absent: 'manual'. */
    mode: z.enum(['auto', 'manual']).optional(),
    calibrate: CalibrateSpecSchema.optional(),
    cache: z.record(z.string(), z.unknown()).optional(),
    /**
     * The site's root as an absolute URL (the page's folder). With relative asset
     * URLs the worker's own location is the assets/ folder, so it cannot work this out.
     */
    dataRoot: z.string().url().optional(),
  }),
  /**
   * Start a run. The page sends the config it validated (a RunConfig; a comparison's
   * planned cells as planned); the worker checks it once, at its edge (TrainerSession:
   * normaliseConfig), so a bad one ends the run with the field named, not a protocol error.
   * `resume` (a RunCheckpoint) is checked by parseCheckpoint.
   */
  z.object({ type: z.literal('start'), runKey: z.string().min(1), config: z.custom<RunConfig | RunConfigInput>(), resume: z.unknown().optional() }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  /** While paused: train exactly one more batch. */
  z.object({ type: z.literal('step') }),
  /** Stop once the round in progress is finished and recorded. */
  z.object({ type: z.literal('finish-round') }),
  z.object({ type: z.literal('stop') }),
  /** The masks a series trained with in a round of the current run (tests compare backends with it). */
  z.object({ type: z.literal('get-masks'), requestId, series: z.enum(SERIES_IDS), round: z.number().int().min(0) }),
  /** Run a small op on the live backend and say which backend computed it. */
  z.object({ type: z.literal('probe'), requestId }),
  /** Test hook: destroy the WebGPU device, as a driver reset would. */
  z.object({ type: z.literal('lose-device') }),
  /** Test hook: evaluate `chunk` images at a time and hold each chunk `delayMs`; only builds for the browser tests honour it (VITE_TEST_HOOKS=1). */
  z.object({ type: z.literal('slow-evaluation'), delayMs: z.number().int().min(0).max(10_000), chunk: z.number().int().min(1).max(1000) }),
  /** A dataset was imported or forgotten: drop the parsed copy, the next run reads the files again. */
  z.object({ type: z.literal('data-changed') }),
]);

export type ToWorker = z.infer<typeof ToWorkerSchema>;

export function parseToWorker(data: unknown): { ok: true; msg: ToWorker } | { ok: false; error: string } {
  const r = ToWorkerSchema.safeParse(data);
  if (r.success) return { ok: true, msg: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  device: string;
  /** SwiftShader, llvmpipe, Microsoft Basic Render Driver, or a declared fallback adapter. */
  software: boolean;
}

/** How the backend in use was chosen: timed now, taken from an earlier timing here, picked by the user, or the fallback chain. */
export type BackendChoiceReason = 'measured' | 'cached' | 'manual' | 'fallback';

export interface BackendInfo extends BackendReport {
  adapter?: AdapterInfo;
  /** Absent in older builds' records: the first working backend of the chain. */
  choice?: BackendChoiceReason;
  /** The timings behind an automatic choice (or the one manual backend's own speed). */
  calibration?: Calibration;
  /** WASM only: pruned fully-connected layers train on the sparse kernels (false: they failed to load). */
  sparseKernels?: boolean;
}

/**
 * A matrix of per-cell densities downsampled to a few dozen cells a side.
 * Cells are scaled to the densest cell (255 = `max`), so a 2 %-dense layer
 * still shows its pattern instead of a blank square.
 */
export interface DensityMap {
  name: string;
  /** Shape of the weight matrix the map summarises: rows = inputs, cols = outputs. */
  rows: number;
  cols: number;
  h: number;
  w: number;
  cells: Uint8Array;
  /** Fraction of connections kept in the densest cell (what 255 stands for). */
  max: number;
}

export interface WeightHistogram {
  /** Symmetric value range of the bins: [-limit, limit]. */
  limit: number;
  /** Counts of surviving weights per bin. */
  kept: number[];
  /** Weights removed by the mask (held at exactly zero). */
  pruned: number;
  total: number;
}

/** What the worker draws a round's sparsity pictures from: compact, computed from the SparseNet. */
export interface RoundPictures {
  series: SeriesId;
  round: number;
  /** 'start': the mask a run begins with (before round 0 trains); 'end': after the round trained. */
  phase: 'start' | 'end';
  density: number;
  /** First layer of an MLP: fraction of each input pixel's connections that survive. */
  input?: DensityMap;
  layers: DensityMap[];
  histogram: WeightHistogram;
}

export type DataProgress = { type: 'data-progress'; file: string; loaded: number; total: number; done: boolean };
export type PicturesEvent = { type: 'pictures'; pictures: RoundPictures };

/** Everything a run reports, in order: the engine's events plus the worker's own. */
export type LabEvent = RunEvent | PicturesEvent | DataProgress;

export type FatalReason = 'device-lost' | 'backend-failed' | 'crash';

export type FromWorker =
  | { type: 'ready'; backend: BackendInfo }
  /** Events of one run, batched: at most ~10 of these a second, progress coalesced. */
  | { type: 'batch'; runKey: string; events: LabEvent[] }
  | { type: 'paused'; paused: boolean }
  | { type: 'run-failed'; runKey: string; message: string }
  | { type: 'fatal'; reason: FatalReason; message: string }
  | { type: 'masks'; requestId: number; masks: Record<string, Uint8Array> | null }
  | { type: 'probe'; requestId: number; backend: string; ok: boolean; detail: string }
  /** After each pruning step, for the run history: state to resume from the next round (arrays transferred). */
  | { type: 'checkpoint'; runKey: string; checkpoint: RunCheckpoint }
  /** At the end of the trunk's last round: the final masks and the weights that round started from (θ0 or θk). */
  | { type: 'artifacts'; runKey: string; masks: Masks; ticketWeights: Weights | null };

const FROM_WORKER_FIELDS: Record<FromWorker['type'], string[]> = {
  ready: ['backend'],
  batch: ['runKey', 'events'],
  paused: ['paused'],
  'run-failed': ['runKey', 'message'],
  fatal: ['reason', 'message'],
  masks: ['requestId', 'masks'],
  probe: ['requestId', 'backend', 'ok'],
  checkpoint: ['runKey', 'checkpoint'],
  artifacts: ['runKey', 'masks', 'ticketWeights'],
};

/** True when `data` has a known tag and that tag's fields. */
export function isFromWorker(data: unknown): data is FromWorker {
  if (!data || typeof data !== 'object') return false;
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(FROM_WORKER_FIELDS, type)) return false;
  const fields = FROM_WORKER_FIELDS[type as FromWorker['type']];
  if (!fields.every((f) => f in data)) return false;
  return type !== 'batch' || Array.isArray((data as { events: unknown }).events);
}
