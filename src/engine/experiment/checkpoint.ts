import type { Weights } from '../models/init';
import type { Masks } from '../pruning/masks';
import type { RoundResult } from './events';

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
