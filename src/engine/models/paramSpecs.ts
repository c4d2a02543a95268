import type { Architecture, Shape } from './architectures';
import type { LayerRole, ParamSpec } from './types';

/** The parameters of one model and its dense forward FLOPs, derived from its architecture alone. */
export interface ParamLayout {
  params: ParamSpec[];
  forwardFlops: number;
}

/** Names of the fully-connected layers after the convolutions: fc1, fc2, …, out. */
export const denseLayerNames = (count: number): string[] => Array.from({ length: count }, (_, i) => (i + 1 === count ? 'out' : `fc${i + 1}`));

/** Names of the convolutions, two per block: [[conv1, conv2], [conv3, conv4], …]. */
export const convLayerNames = (blocks: number[]): string[][] => blocks.map((_, b) => [`conv${2 * b + 1}`, `conv${2 * b + 2}`]);

function weightAndBias(out: ParamSpec[], name: string, shape: number[], role: LayerRole, fanIn: number, fanOut: number) {
  out.push({ name: `${name}/kernel`, shape, prunable: true, role, init: { kind: 'weight', fanIn, fanOut } });
  out.push({ name: `${name}/bias`, shape: [shape[shape.length - 1]], prunable: false, role, init: { kind: 'bias', fanIn } });
}

/** Fully-connected ReLU layers `dims[0] → … → dims[last]`; the last one is the output layer. */
function denseLayers(out: ParamSpec[], dims: number[]): number {
  const names = denseLayerNames(dims.length - 1);
  let flops = 0;
  names.forEach((name, i) => {
    weightAndBias(out, name, [dims[i], dims[i + 1]], i + 1 === names.length ? 'output' : 'fc', dims[i], dims[i + 1]);
    flops += 2 * dims[i] * dims[i + 1];
  });
  return flops;
}

/**
 * LeNet-300-100 (LTH §2) is an MLP [300, 100] on 28×28 inputs: 784·300 + 300·100 + 100·10 = 266,200 prunable weights.
 * The LTH Conv-2/4/6 family (LTH Fig. 2): blocks of two 3×3 'same' convolutions then 2×2 max-pooling, then FC 256-256-10.
 * Prunable weights: Conv-2 4,300,992; Conv-4 2,425,024; Conv-6 2,261,184 (the paper prints "1.7M" for Conv-6,
 * which does not match its own architecture table).
 */
export function paramLayout(arch: Architecture, inputShape: Shape, numClasses: number): ParamLayout {
  const params: ParamSpec[] = [];
  if (arch.kind === 'mlp') {
    const forwardFlops = denseLayers(params, [inputShape[0] * inputShape[1] * inputShape[2], ...arch.hidden, numClasses]);
    return { params, forwardFlops };
  }
  let channels = inputShape[2];
  let side = inputShape[0];
  let flops = 0;
  convLayerNames(arch.blocks).forEach((block, b) => {
    const width = arch.blocks[b];
    for (const name of block) {
      weightAndBias(params, name, [3, 3, channels, width], 'conv', 9 * channels, 9 * width);
      flops += 2 * side * side * 9 * channels * width;
      channels = width;
    }
    side = Math.floor(side / 2);
  });
  flops += denseLayers(params, [side * side * channels, ...arch.fc, numClasses]);
  return { params, forwardFlops: flops };
}
