import type * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from './types';

/** The types of a model's forward pass (compute side; the spec is in types.ts). */

/** Inputs to `forward`: one tensor per param, already masked by the trainer. */
export type ParamTensors = Record<string, tf.Tensor>;

/**
 * h·W for the fully-connected kernel named `kernel`. Models call this rather
 * than tf.matMul so the trainer can run a pruned layer on sparse kernels (where
 * p[kernel] is then the layer's compressed values, not a [K, N] matrix).
 */
export type DenseProduct = (h: tf.Tensor2D, kernel: string) => tf.Tensor2D;

/**
 * Logits for a batch x of shape [batch, h, w, c]. Must be synchronous (runs
 * inside tf.tidy). Fully-connected products go through `product` (default:
 * denseProduct(p)).
 */
export type Forward = (p: ParamTensors, x: tf.Tensor4D, product?: DenseProduct) => tf.Tensor2D;

/** A model the trainer can run: its spec (registry.ts) plus its forward pass. */
export interface ModelDef extends ModelSpec {
  forward: Forward;
}
