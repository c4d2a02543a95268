/**
 * The shape of every model the lab builds, without tfjs: the registry builds
 * the trainable model from it, and the job-size estimate (parameters, FLOPs,
 * memory) reads it on the page's main thread before anything is trained.
 */
export type Architecture =
  | { kind: 'mlp'; hidden: number[] }
  /** Blocks of two 3×3 'same' convolutions and a 2×2 max-pool, then fully-connected layers. */
  | { kind: 'conv'; blocks: number[]; fc: number[] };

export type Shape = [number, number, number];

export interface ArchitectureEntry {
  label: string;
  /** The input the model was designed for (the paper's dataset). */
  defaultInput: Shape;
  arch: Architecture;
}

export const architectures: Record<string, ArchitectureEntry> = {
  lenet300: { label: 'LeNet-300-100', defaultInput: [28, 28, 1], arch: { kind: 'mlp', hidden: [300, 100] } },
  'mlp-tiny': { label: 'Tiny MLP 32-16', defaultInput: [28, 28, 1], arch: { kind: 'mlp', hidden: [32, 16] } },
  conv2: { label: 'Conv-2', defaultInput: [32, 32, 3], arch: { kind: 'conv', blocks: [64], fc: [256, 256] } },
  conv4: { label: 'Conv-4', defaultInput: [32, 32, 3], arch: { kind: 'conv', blocks: [64, 128], fc: [256, 256] } },
  conv6: { label: 'Conv-6', defaultInput: [32, 32, 3], arch: { kind: 'conv', blocks: [64, 128, 256], fc: [256, 256] } },
  'conv-tiny': { label: 'Tiny Conv 4-4 / FC 16', defaultInput: [32, 32, 3], arch: { kind: 'conv', blocks: [4], fc: [16] } },
};

/** One layer as the cost model sees it: multiply-adds per example and the activations it keeps for backprop. */
export interface LayerCost {
  params: number;
  macs: number;
  /** Floats of output per example (kept for the backward pass). */
  outputs: number;
  /** Conv only: floats of the im2col patch matrix per example (WASM's gradient kernels build it). */
  patches: number;
}

export function layerCosts(arch: Architecture, input: Shape, numClasses: number): LayerCost[] {
  const out: LayerCost[] = [];
  const dense = (dims: number[]) => {
    for (let i = 0; i + 1 < dims.length; i++) out.push({ params: dims[i] * dims[i + 1] + dims[i + 1], macs: dims[i] * dims[i + 1], outputs: dims[i + 1], patches: 0 });
  };
  if (arch.kind === 'mlp') {
    dense([input[0] * input[1] * input[2], ...arch.hidden, numClasses]);
    return out;
  }
  let side = input[0];
  let channels = input[2];
  for (const width of arch.blocks) {
    for (let k = 0; k < 2; k++) {
      const pixels = side * side;
      out.push({ params: 9 * channels * width + width, macs: pixels * 9 * channels * width, outputs: pixels * width, patches: pixels * 9 * channels });
      channels = width;
    }
    side = Math.floor(side / 2);
    out.push({ params: 0, macs: 0, outputs: side * side * channels, patches: 0 });
  }
  dense([side * side * channels, ...arch.fc, numClasses]);
  return out;
}
