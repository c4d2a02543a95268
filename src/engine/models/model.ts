import type { Shape } from './architectures';
import { convForward } from './conv';
import { mlpForward } from './mlp';
import { getModelSpec } from './registry';
import type { ModelDef } from './forward';
import type { ModelSpec } from './types';

export type { DenseProduct, Forward, ModelDef, ParamTensors } from './forward';

/** Builds a trainable model for a dataset's input shape (the conv nets also run on 28×28×1). */
export function getModel(id: string, inputShape?: Shape, numClasses = 10): ModelDef {
  return buildModel(getModelSpec(id, inputShape, numClasses));
}

/** Adds the forward pass to a spec. */
export function buildModel(spec: ModelSpec): ModelDef {
  return { ...spec, forward: spec.arch.kind === 'mlp' ? mlpForward(spec) : convForward(spec, spec.arch.blocks) };
}
