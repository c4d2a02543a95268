import type * as tf from '@tensorflow/tfjs';

/** Where a prunable tensor sits; IMP uses a different rate for each role (LTH App. H). */
export type LayerRole = 'conv' | 'fc' | 'output';

export interface ParamSpec {
  /** Stable name, part of saved files and URLs: e.g. "fc1/kernel". */
  name: string;
  shape: number[];
  /** Prunable tensors get a mask; biases never do (LTH counts weights only). */
  prunable: boolean;
  role: LayerRole;
  /** Fans for initialisation (models/init.ts): a weight's fan-in and fan-out; a bias's layer fan-in (PyTorch's bias bound). */
  init: { kind: 'weight'; fanIn: number; fanOut: number } | { kind: 'bias'; fanIn: number };
}

/** Inputs to `forward`: one tensor per param, already masked by the trainer. */
export type ParamTensors = Record<string, tf.Tensor>;

/**
 * h·W for the fully-connected kernel named `kernel`. Models call this rather
 * than tf.matMul so the trainer can run a pruned layer on sparse kernels (where
 * p[kernel] is then the layer's compressed values, not a [K, N] matrix).
 */
export type DenseProduct = (h: tf.Tensor2D, kernel: string) => tf.Tensor2D;

export interface ModelDef {
  id: string;
  label: string;
  /** [height, width, channels] of one example. */
  inputShape: [number, number, number];
  numClasses: number;
  params: ParamSpec[];
  /** Floating-point operations (2 per multiply-add) of one image's dense forward pass: sizes evaluation chunks and time estimates. */
  forwardFlops: number;
  /**
   * Logits for a batch x of shape [batch, h, w, c]. Must be synchronous (runs
   * inside tf.tidy). Fully-connected products go through `product` (default:
   * denseProduct(p)).
   */
  forward(p: ParamTensors, x: tf.Tensor4D, product?: DenseProduct): tf.Tensor2D;
}

export function prunableParams(model: ModelDef): ParamSpec[] {
  return model.params.filter((p) => p.prunable);
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function countPrunable(model: ModelDef): number {
  return prunableParams(model).reduce((n, p) => n + sizeOf(p.shape), 0);
}
