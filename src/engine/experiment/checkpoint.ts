import { LabError } from '../errors';
import { prunableParams, sizeOf, type ModelSpec, type ParamSpec } from '../models/types';
import type { RunCheckpoint } from './events';

export type { RunCheckpoint } from './events';

/**
 * A checkpoint from a file or storage must fit the model it resumes: every
 * parameter's weights (and θk) at its full size, a mask per prunable tensor,
 * and no other names. Otherwise the net would fail deep inside tfjs with a
 * shape error instead of this message.
 */
export function assertCheckpointFits(model: ModelSpec, ck: RunCheckpoint): void {
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
