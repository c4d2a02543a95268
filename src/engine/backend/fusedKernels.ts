/**
 * Names and attributes of the engine's fused kernels (the lean training step).
 * A backend that registers them gets the lean step; every other backend runs
 * the same maths as plain tfjs ops. Today only WebGPU registers them
 * (src/engine/backend/webgpu/register.ts), where every kernel is a GPU
 * dispatch with a fixed cost and fusing them is what makes small models fast.
 */
import * as tf from '@tensorflow/tfjs';

/** Masked optimizer update: inputs {w, g, mask?, ...slots}; outputs [w', ...slots']. */
export const MASKED_UPDATE = 'SparseLabMaskedUpdate';
/** y = act(x·W + b) on 2-D x; gradient registered with it. */
export const DENSE = 'SparseLabDense';
/** y = relu(conv2d(x, f, 'same') + b), NHWC, stride 1; gradient registered with it. */
export const CONV_RELU = 'SparseLabConvRelu';
/** Mean softmax cross-entropy of logits against one-hot labels (a scalar); gradient registered with it. */
export const SOFTMAX_XENT = 'SparseLabSoftmaxXent';
/** Backward helpers: relu gate + bias gradient in one pass; softmax cross-entropy gradient. */
export const BIAS_GRAD = 'SparseLabBiasGrad';
export const SOFTMAX_XENT_GRAD = 'SparseLabSoftmaxXentGrad';

export interface MaskedUpdateAttrs {
  kind: 'sgd' | 'momentum' | 'adam';
  lr: number;
  momentum: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  nesterov: boolean;
  /** Adam: lr / (1 − β1^t) and √(1 − β2^t), computed in double precision on the CPU as the op path does. */
  stepSize: number;
  sqrtBc2: number;
}

/** True when the active backend has the fused kernel `name`. */
export function hasFused(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}
