import type { Batcher } from '../data/batcher';
import type { Dataset } from '../data/types';
import type { SparsityMethod } from '../methods/types';
import type { ModelDef } from '../models/model';
import type { Weights } from '../models/init';
import type { SparseNet } from '../train/sparseNet';
import type { Rng } from '../util/rng';
import type { RunConfig } from './config';
import type { RunControl } from './control';
import type { EvalSet } from './evaluate';
import type { EmitFn, RunCheckpoint, SeriesId } from './events';
import type { RunClock } from './runClock';

/**
 * Called with the live network at the start and end of every training
 * (trunk rounds and controls): tests check weights and masks here, the
 * worker draws mask heatmaps and weight histograms.
 */
export type Inspector = (info: { series: SeriesId; round: number; phase: 'start' | 'end'; net: SparseNet }) => void | Promise<void>;

/** What every training of one run shares: its config, model and data, where events go, who steers it, its clock. */
export interface RunContext {
  config: RunConfig;
  model: ModelDef;
  ds: Dataset;
  val: EvalSet;
  test: EvalSet;
  emit: EmitFn;
  control: RunControl;
  /** Measured speeds, shared by every training of the run, for the ETAs. */
  clock: RunClock;
  /** Steps of the whole run, for the run-wide progress bar. */
  runTotal: number;
  inspect?: Inspector;
  /** Tests only: a pause after each evaluation chunk (a forced slow evaluation). */
  evalDelayMs?: number;
}

/** One training inside a run: which network, from where to where, and what it reports. */
export interface Training {
  net: SparseNet;
  batcher: Batcher;
  series: SeriesId;
  round: number;
  /** First iteration (k when rewinding) and the iteration training ends at. */
  startStep: number;
  endStep: number;
  /** Steps done before this training, for the run-wide progress bar. */
  runDone: number;
  /** Work the run still has after this training (for the run's ETA). */
  later: { steps: number; evals: number };
  /** Mask updates during training (GraNet, RigL, GMP), when the method has them. */
  method?: { def: SparsityMethod<Record<string, unknown>>; params: Record<string, unknown>; rng: Rng };
  /** Save the weights reached at this iteration (θk for rewinding), or at each of these. */
  snapshotAt?: number | number[];
  onSnapshot?: (w: Weights, step: number) => void;
}

export interface RunOptions {
  emit?: EmitFn;
  control?: RunControl;
  /**
   * Called with the live network at the start and end of every training
   * (trunk rounds and controls): tests check weights and masks here, the
   * worker draws mask heatmaps and weight histograms.
   */
  inspect?: Inspector;
  /** Continue from a checkpoint emitted by an earlier run of the same config. */
  resume?: RunCheckpoint;
  /** Tests only: evaluate in chunks of `chunk` images and wait `delayMs` after each, to hold the run inside an evaluation. */
  slowEvaluation?: { delayMs: number; chunk: number };
}

/** The optimizer a run's config asks for. */
export function optimizerOf(config: RunConfig) {
  const t = config.training;
  return { kind: t.optimizer, momentum: t.momentum, weightDecay: t.weightDecay };
}
