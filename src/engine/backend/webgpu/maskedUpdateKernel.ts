/**
 * The masked optimizer update as ONE WebGPU dispatch per parameter tensor:
 * gradient masking, weight decay, moments, bias correction, the update and
 * re-masking, where the op-by-op path (src/engine/train/optimizers.ts) runs
 * about fourteen kernels per tensor for Adam. The arithmetic follows that
 * path step by step (same operations, same order, f32), so a WebGPU run
 * trains like a WASM run; masked positions come out exactly zero in the
 * weight and in every slot whatever came in.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { MASKED_UPDATE, type MaskedUpdateAttrs } from '../fusedKernels';
import { FLAT_INDEX, flatWorkgroups, runRawProgram } from './rawProgram';

const WG = 256;
const SLOTS = { sgd: 0, momentum: 1, adam: 2 } as const;

/** The update of one element, in WGSL: reads w, g (already masked and decayed), slot values s0, s1. */
function updateBody(kind: MaskedUpdateAttrs['kind'], nesterov: boolean): string {
  if (kind === 'sgd') return 'let wNext = w - g * u.lr;';
  if (kind === 'momentum') {
    const step = nesterov ? '(g + b * u.momentum)' : 'b';
    return `let b = s0[i] * u.momentum + g;
    s0Out[i] = select(0.0, b, keep);
    let wNext = w - ${step} * u.lr;`;
  }
  // Adam with PyTorch's bias corrections: w − (lr/bc1)·m / (√v/√bc2 + ε). 1 − β comes from the CPU in
  // double precision, rounded once to f32, as the op path's scalar is (1 − f32(β) in f32 differs).
  return `let m = s0[i] * u.momentum + g * u.oneMinusMomentum;
    let v = s1[i] * u.beta2 + (g * g) * u.oneMinusBeta2;
    s0Out[i] = select(0.0, m, keep);
    s1Out[i] = select(0.0, v, keep);
    let denom = sqrt(v) / u.sqrtBc2 + u.epsilon;
    let wNext = w - (m / denom) * u.stepSize;`;
}

function shader(kind: MaskedUpdateAttrs['kind'], masked: boolean, decay: boolean, nesterov: boolean): string {
  const n = SLOTS[kind];
  const outs = ['wOut', ...['s0Out', 's1Out'].slice(0, n)];
  const ins = ['wIn', 'gIn', ...(masked ? ['mask'] : []), ...['s0', 's1'].slice(0, n)];
  const bindings = [
    ...outs.map((o, i) => `@group(0) @binding(${i}) var<storage, read_write> ${o}: array<f32>;`),
    ...ins.map((o, i) => `@group(0) @binding(${outs.length + i}) var<storage, read> ${o}: array<f32>;`),
    `@group(0) @binding(${outs.length + ins.length}) var<uniform> u: U;`,
  ];
  return `
struct U { lr: f32, momentum: f32, oneMinusMomentum: f32, beta2: f32, oneMinusBeta2: f32, epsilon: f32, weightDecay: f32, stepSize: f32, sqrtBc2: f32, size: u32 };
${bindings.join('\n')}
const WG = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  ${FLAT_INDEX}
  if (i >= u.size) { return; }
  // select, not a multiply: masked entries become +0 whatever was there (NaN, Inf, −0 included).
  let keep = ${masked ? 'mask[i] != 0.0' : 'true'};
  let w = wIn[i];
  let g = ${decay ? 'select(0.0, gIn[i], keep) + w * u.weightDecay' : 'select(0.0, gIn[i], keep)'};
  ${updateBody(kind, nesterov)}
  wOut[i] = select(0.0, wNext, keep);
}`;
}

/** Inputs: w, g, optional mask, then the slots in order (momentum: buf; adam: m, v). */
const maskedUpdate: KernelFunc = ({ inputs, backend, attrs }) => {
  const a = attrs as unknown as MaskedUpdateAttrs;
  const { w, g, mask, s0, s1 } = inputs as Record<string, TensorInfo | undefined>;
  const n = SLOTS[a.kind];
  const size = w!.shape.reduce((x, y) => x * y, 1);
  const masked = mask !== undefined;
  const decay = a.weightDecay > 0;
  const slotInputs = [s0, s1].slice(0, n) as TensorInfo[];
  return runRawProgram(
    backend,
    { name: `MaskedUpdate_${a.kind}${masked ? '_masked' : ''}${decay ? '_decay' : ''}${a.nesterov ? '_nesterov' : ''}`, wgsl: shader(a.kind, masked, decay, a.nesterov), workgroups: flatWorkgroups(size, WG) },
    Array.from({ length: 1 + n }, () => w!.shape),
    [w!, g!, ...(masked ? [mask!] : []), ...slotInputs],
    [
      { type: 'float32', data: [a.lr] }, { type: 'float32', data: [a.momentum] }, { type: 'float32', data: [1 - a.momentum] },
      { type: 'float32', data: [a.beta2] }, { type: 'float32', data: [1 - a.beta2] },
      { type: 'float32', data: [a.epsilon] }, { type: 'float32', data: [a.weightDecay] }, { type: 'float32', data: [a.stepSize] },
      { type: 'float32', data: [a.sqrtBc2] }, { type: 'uint32', data: [size] },
    ],
  );
};

export const maskedUpdateConfig: KernelConfig = { kernelName: MASKED_UPDATE, backendName: 'webgpu', kernelFunc: maskedUpdate };
