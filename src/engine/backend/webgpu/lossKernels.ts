/**
 * Mean softmax cross-entropy against one-hot labels as one dispatch forward
 * and one backward, where tf.losses.softmaxCrossEntropy runs about twenty
 * small kernels (max, subtract, exp, sum, log, multiply, mean, their
 * gradients). Rows are the batch, columns the classes; one work-group.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { SOFTMAX_XENT, SOFTMAX_XENT_GRAD } from '../fusedKernels';
import { flatWorkgroups, FLAT_INDEX, runRawProgram } from './rawProgram';

const HEADER = `struct U { rows: u32, cols: u32 };`;

/** log Σ exp(x[r, ·]), shifted by the row maximum as tfjs does. */
const LOG_SUM_EXP = `
fn logSumExp(r: u32) -> f32 {
  var m = logits[r * u.cols];
  for (var c = 1u; c < u.cols; c++) { m = max(m, logits[r * u.cols + c]); }
  var s = 0.0;
  for (var c = 0u; c < u.cols; c++) { s += exp(logits[r * u.cols + c] - m); }
  return log(s) + m;
}`;

const forward: KernelFunc = ({ inputs, backend }) => {
  const { logits, labels } = inputs as Record<string, TensorInfo>;
  const [rows, cols] = logits.shape;
  const wgsl = `${HEADER}
@group(0) @binding(0) var<storage, read_write> loss: array<f32>;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<f32>;
@group(0) @binding(3) var<uniform> u: U;
var<workgroup> part: array<f32, 256>;
${LOG_SUM_EXP}
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  var s = 0.0;
  for (var r = lid.x; r < u.rows; r += 256u) {
    let lse = logSumExp(r);
    for (var c = 0u; c < u.cols; c++) { s += labels[r * u.cols + c] * (lse - logits[r * u.cols + c]); }
  }
  part[lid.x] = s;
  workgroupBarrier();
  for (var h = 128u; h > 0u; h = h >> 1u) {
    if (lid.x < h) { part[lid.x] += part[lid.x + h]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { loss[0] = part[0] / f32(u.rows); }
}`;
  return runRawProgram(backend, { name: 'SoftmaxXent', wgsl, workgroups: [1, 1, 1] }, [[]], [logits, labels], [
    { type: 'uint32', data: [rows] }, { type: 'uint32', data: [cols] },
  ])[0];
};

/** d loss / d logits = dy · (softmax − labels) / rows, one thread per row. */
const backward: KernelFunc = ({ inputs, backend }) => {
  const { logits, labels, dy } = inputs as Record<string, TensorInfo>;
  const [rows, cols] = logits.shape;
  const wgsl = `${HEADER}
@group(0) @binding(0) var<storage, read_write> dx: array<f32>;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<f32>;
@group(0) @binding(3) var<storage, read> dy: array<f32>;
@group(0) @binding(4) var<uniform> u: U;
${LOG_SUM_EXP}
const WG = 64u;
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  ${FLAT_INDEX}
  if (i >= u.rows) { return; }
  let lse = logSumExp(i);
  let scale = dy[0] / f32(u.rows);
  for (var c = 0u; c < u.cols; c++) {
    let k = i * u.cols + c;
    dx[k] = (exp(logits[k] - lse) - labels[k]) * scale;
  }
}`;
  return runRawProgram(backend, { name: 'SoftmaxXentGrad', wgsl, workgroups: flatWorkgroups(rows, 64) }, [logits.shape], [logits, labels, dy], [
    { type: 'uint32', data: [rows] }, { type: 'uint32', data: [cols] },
  ])[0];
};

const grad: GradConfig = {
  kernelName: SOFTMAX_XENT,
  inputsToSave: ['logits', 'labels'],
  gradFunc: (dy, saved) => {
    const [logits, labels] = saved;
    // Labels are data, never trained: their gradient is zero (the tape does not ask for it).
    return {
      logits: () => tf.engine().runKernel(SOFTMAX_XENT_GRAD, { logits, labels, dy: dy as tf.Tensor }) as tf.Tensor,
      labels: () => tf.zerosLike(labels),
    };
  },
};

export const lossKernelConfigs: KernelConfig[] = [
  { kernelName: SOFTMAX_XENT, backendName: 'webgpu', kernelFunc: forward },
  { kernelName: SOFTMAX_XENT_GRAD, backendName: 'webgpu', kernelFunc: backward },
];
export const lossGradConfigs: GradConfig[] = [grad];
