import type { LayerDensity } from '../pruning/masks';
import type { Weights } from '../models/init';
import type { Masks } from '../pruning/masks';
import type { RunConfig } from './config';

/** Which network a result belongs to: the method itself, or one of the LTH controls. */
export type SeriesId = 'trunk' | 'reinit' | 'random-mask';

export interface EvalPoint {
  step: number;
  trainLoss: number;
  valLoss: number;
  valAcc: number;
  testLoss: number;
  testAcc: number;
}

/** The mask at one point of a round, for methods that change it while training (GraNet, GMP, RigL). */
export interface MaskTracePoint {
  step: number;
  density: number;
  /** Per-layer density, in the order of RoundResult.layers. */
  layers: number[];
  /** Share of the surviving weights that this update regrew (0 for pure pruning, and at the start). */
  regrown: number;
}

export interface RoundResult {
  series: SeriesId;
  round: number;
  /** Fraction of prunable weights remaining while this round trained (at its end, for in-training methods). */
  density: number;
  layers: LayerDensity[];
  /** LTH metric: iteration of minimum validation loss, and accuracies there. */
  earlyStopStep: number;
  earlyStopValAcc: number;
  earlyStopTestAcc: number;
  finalTestAcc: number;
  finalValAcc: number;
  curve: EvalPoint[];
  /** Start of the round and every in-training mask update (only for methods that change the mask while training). */
  maskTrace?: MaskTracePoint[];
  steps: number;
  seconds: number;
  samplesPerSec: number;
}

/** One k of the instability analysis: test error along the line between the two copies. */
export interface LmcPoint {
  k: number;
  alphas: number[];
  /** Test error (0–1) and loss at each α. */
  testError: number[];
  testLoss: number[];
  /** max over the evaluated α of the error, minus the mean of the two ends (≥ 0). */
  barrier: number;
}

export interface RunResult {
  schema: 'sparse-lab/run@1';
  runId: string;
  config: RunConfig;
  backend: string;
  startedAt: string;
  seconds: number;
  rounds: RoundResult[];
  /** Instability analysis results, one per k (runs with config.lmc). */
  lmc?: LmcPoint[];
  /** Set when the run ended early (stopped, diverged). */
  stoppedReason?: string;
}

/** One training the run will do: the trunk's round, or a control on that round's mask. */
export interface PlannedTraining {
  series: SeriesId;
  round: number;
  steps: number;
  /** Evaluations of validation + test during it. */
  evals: number;
}

/** The stream a run emits; the CLI, the Web Worker and the tests all consume it. */
export type RunEvent =
  | { type: 'run-start'; runId: string; config: RunConfig; plan: PlannedTraining[] }
  | { type: 'phase'; label: string; done: number; total: number }
  | {
      type: 'progress';
      series: SeriesId;
      round: number;
      step: number;
      roundSteps: number;
      loss: number;
      lr: number;
      samplesPerSec: number;
      /** Steps done / planned across the whole run, for an overall ETA. */
      runDone: number;
      runTotal: number;
      /** Set while the network is being evaluated: images done of validation + test. */
      evaluating?: { done: number; total: number };
      /** Evaluated images a second, measured (0 before the first evaluation). */
      evalImagesPerSec?: number;
      /**
       * Seconds left in this training and in the whole run, training and
       * evaluation both, at the speeds measured so far (absent until the first
       * steps are timed).
       */
      roundSecondsLeft?: number;
      runSecondsLeft?: number;
    }
  | { type: 'eval'; series: SeriesId; round: number; point: EvalPoint }
  | {
      type: 'masks'; series: SeriesId; round: number; step: number; reason: string; density: number; layers: LayerDensity[];
      /** Set for in-training updates (and the round's starting mask when the method has them): the density-over-training chart's point. */
      trace?: MaskTracePoint;
    }
  | { type: 'warning'; code: 'layer-collapse' | 'diverged' | 'ignored-setting' | 'no-validation' | 'other'; message: string }
  | { type: 'round-end'; result: RoundResult }
  /** Instability analysis: the interpolation for one k is done. */
  | { type: 'lmc'; point: LmcPoint }
  /** After each pruning step: enough state to resume the run from the next round. */
  | { type: 'checkpoint'; checkpoint: RunCheckpoint }
  | { type: 'run-end'; result: RunResult };

export type EmitFn = (e: RunEvent) => void;

/**
 * Everything needed to continue a run at a round boundary. Each round starts
 * with a fresh optimizer and a data order fixed by the seed (skipped ahead to
 * the start iteration), so masks, the round's starting weights, θk and the
 * results so far fully determine the rest of the run: a resumed run finishes
 * with the same masks as an uninterrupted one on the same backend.
 */
export interface RunCheckpoint {
  schema: 'sparse-lab/checkpoint@1';
  runId: string;
  /** The round about to start. */
  nextRound: number;
  /** Iteration the next round starts at (k when rewinding). */
  startStep: number;
  masks: Masks;
  /** The next round's starting weights (after reset or rewind), biases included. */
  weights: Weights;
  /** θ0 label: 'init', or 'init-redraw' when a method trains an independent init draw (SNIP). */
  theta0Label: string;
  thetaK: Weights | null;
  results: RoundResult[];
  runDone: number;
  savedAt: string;
}
