import type { Architecture } from './architectures';

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

/**
 * A model as plain data: its parameters and costs, no tfjs. The page, the
 * pruning methods and the cost model read this; the compute side
 * (models/model.ts) adds the forward pass.
 */
export interface ModelSpec {
  id: string;
  label: string;
  arch: Architecture;
  /** [height, width, channels] of one example. */
  inputShape: [number, number, number];
  numClasses: number;
  params: ParamSpec[];
  /** Floating-point operations (2 per multiply-add) of one image's dense forward pass: sizes evaluation chunks and time estimates. */
  forwardFlops: number;
}

export function prunableParams(model: Pick<ModelSpec, 'params'>): ParamSpec[] {
  return model.params.filter((p) => p.prunable);
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function countPrunable(model: Pick<ModelSpec, 'params'>): number {
  return prunableParams(model).reduce((n, p) => n + sizeOf(p.shape), 0);
}
