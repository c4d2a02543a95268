import { LabError } from '../errors';
import type { Weights } from '../models/init';
import { prunableParams, sizeOf, type ModelDef, type ParamSpec } from '../models/types';
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

/**
 * A checkpoint from a file or storage must fit the model it resumes: every
 * parameter's weights (and θk) at its full size, a mask per prunable tensor,
 * and no other names. Otherwise the net would fail deep inside tfjs with a
 * shape error instead of this message.
 */
export function assertCheckpointFits(model: ModelDef, ck: RunCheckpoint): void {
  const fail = (what: string) => {
    throw new LabError(`This checkpoint does not fit ${model.label}: ${what}`);
  };
  const check = (group: Record<string, { length: number }>, specs: ParamSpec[], what: string) => {
    for (const p of specs) {
      const v = Object.hasOwn(group, p.name) ? group[p.name] : undefined;
      if (!v) fail(`${what} for ${p.name} are missing`);
      else if (v.length !== sizeOf(p.shape)) fail(`${what} for ${p.name} hold ${v.length} values, expected ${sizeOf(p.shape)}`);
    }
    const known = new Set(specs.map((p) => p.name));
    const extra = Object.keys(group).find((k) => !known.has(k));
    if (extra !== undefined) fail(`it holds ${what} for ${JSON.stringify(extra).slice(0, 60)}, which the model does not have`);
  };
  check(ck.weights, model.params, 'weights');
  check(ck.masks, prunableParams(model), 'masks');
  if (ck.thetaK) check(ck.thetaK, model.params, 'rewind weights');
  if (!Object.values(ck.masks).every((m) => m.every((b) => b === 0 || b === 1))) fail('a mask holds values other than 0 and 1');
}
