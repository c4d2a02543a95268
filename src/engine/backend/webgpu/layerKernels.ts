/**
 * Fused layers for the lean WebGPU step. Forward: one dispatch per layer
 * (tfjs-webgpu's own fused matmul / conv with bias and ReLU in the shader).
 * Backward: registered gradients whose closures the tape calls only for the
 * inputs it needs (no input gradient for the first layer, unlike tf.fused's
 * customGrad, which computes them all), with the ReLU gate and the bias
 * gradient in one pass (BIAS_GRAD) instead of Step, Multiply and Sum.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { BIAS_GRAD, CONV_RELU, DENSE } from '../fusedKernels';
import { runRawProgram } from './rawProgram';

const BACKEND = 'webgpu';

function stock(name: string): KernelFunc {
  const k = tf.getKernel(name, BACKEND);
  if (!k) throw new Error(`tfjs-backend-webgpu has no ${name} kernel`);
  return k.kernelFunc;
}

const dense: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, w, b } = inputs as Record<string, TensorInfo>;
  const relu = Boolean((attrs as { relu?: boolean }).relu);
  return stock('_FusedMatMul')({ inputs: { a: x, b: w, bias: b }, backend, attrs: { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear' } }) as TensorInfo;
};

const convRelu: KernelFunc = ({ inputs, backend }) => {
  const { x, f, b } = inputs as Record<string, TensorInfo>;
  return stock('FusedConv2D')({
    inputs: { x, filter: f, bias: b }, backend,
    attrs: { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu' },
  }) as TensorInfo;
};

/**
 * One work-group per output column (channel): dy masked by y > 0 when the
 * layer has a ReLU (written out as dyAct), and its column sum (the bias
 * gradient), over `rows` = every leading dimension.
 */
const biasGrad: KernelFunc = ({ inputs, backend }) => {
  const { dy, y } = inputs as Record<string, TensorInfo | undefined>;
  const cols = dy!.shape[dy!.shape.length - 1];
  const rows = dy!.shape.reduce((a, c) => a * c, 1) / cols;
  const relu = y !== undefined;
  const wgsl = `
struct U { rows: u32, cols: u32 };
${relu ? '@group(0) @binding(0) var<storage, read_write> dyAct: array<f32>;' : ''}
@group(0) @binding(${relu ? 1 : 0}) var<storage, read_write> db: array<f32>;
@group(0) @binding(${relu ? 2 : 1}) var<storage, read> dy: array<f32>;
${relu ? '@group(0) @binding(3) var<storage, read> y: array<f32>;' : ''}
@group(0) @binding(${relu ? 4 : 2}) var<uniform> u: U;
var<workgroup> part: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let c = wg.x;
  var s = 0.0;
  for (var r = lid.x; r < u.rows; r += 256u) {
    let k = r * u.cols + c;
    ${relu ? 'let g = select(0.0, dy[k], y[k] > 0.0);\n    dyAct[k] = g;' : 'let g = dy[k];'}
    s += g;
  }
  part[lid.x] = s;
  workgroupBarrier();
  for (var h = 128u; h > 0u; h = h >> 1u) {
    if (lid.x < h) { part[lid.x] += part[lid.x + h]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { db[c] = part[0]; }
}`;
  return runRawProgram(backend, { name: `BiasGrad${relu ? 'Relu' : ''}`, wgsl, workgroups: [cols, 1, 1] }, relu ? [dy!.shape, [cols]] : [[cols]], relu ? [dy!, y!] : [dy!], [
    { type: 'uint32', data: [rows] }, { type: 'uint32', data: [cols] },
  ]);
};

/** [dyAct, db] for a layer's output gradient (dyAct = dy when there is no ReLU). */
function gateAndBiasGrad(dy: tf.Tensor, y: tf.Tensor | undefined): [tf.Tensor, tf.Tensor] {
  const out = tf.engine().runKernel(BIAS_GRAD, (y ? { dy, y } : { dy }) as unknown as tf.NamedTensorMap) as tf.Tensor[];
  return y ? [out[0], out[1]] : [dy, out[0]];
}

const denseGrad: GradConfig = {
  kernelName: DENSE,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, y] = saved;
    const [g, db] = gateAndBiasGrad(dy as tf.Tensor, (attrs as { relu?: boolean }).relu ? y : undefined);
    return { x: () => tf.matMul(g, w, false, true), w: () => tf.matMul(x, g, true, false), b: () => db };
  },
};

const convReluGrad: GradConfig = {
  kernelName: CONV_RELU,
  inputsToSave: ['x', 'f'],
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [x, f, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const [g, db] = gateAndBiasGrad(dy as tf.Tensor, y);
    const conv = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
    return {
      x: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: g, filter: f }, { ...conv, inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      f: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: g }, { ...conv, filterShape: f.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      b: () => db,
    };
  },
};

export const layerKernelConfigs: KernelConfig[] = [
  { kernelName: DENSE, backendName: BACKEND, kernelFunc: dense },
  { kernelName: CONV_RELU, backendName: BACKEND, kernelFunc: convRelu },
  { kernelName: BIAS_GRAD, backendName: BACKEND, kernelFunc: biasGrad },
];
export const layerGradConfigs: GradConfig[] = [denseGrad, convReluGrad];
