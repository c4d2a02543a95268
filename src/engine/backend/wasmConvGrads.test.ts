import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmConvGradients } from './wasmConvGrads';

/** Deterministic uniform(-1, 1) values (LCG) so both backends see the same numbers. */
function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

const prod = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** max |a-b| / (max|b| + 1e-8), b being the CPU reference. */
function relErr(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / (scale + 1e-8);
}

/** Runs `fn` on `backend` and returns the values of the tensors it returns. */
async function on(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const ts = fn();
  const out = await Promise.all(ts.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(ts);
  expect(out.every((v) => v.every(Number.isFinite))).toBe(true);
  return out;
}

/** Same computation on WASM and CPU; every output must agree to 1e-4. */
async function expectWasmMatchesCpu(fn: () => tf.Tensor[]): Promise<void> {
  const wasm = await on('wasm', fn);
  const cpu = await on('cpu', fn);
  expect(wasm.length).toBe(cpu.length);
  wasm.forEach((w, i) => {
    expect(cpu[i].some((v) => v !== 0)).toBe(true); // a zero reference would prove nothing
    expect(relErr(w, cpu[i])).toBeLessThan(1e-4);
  });
}

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
interface ConvCase { xShape: [number, number, number, number]; k: number; co: number; stride: number | [number, number]; pad: Pad }

/** d/dx and d/dW of sum(conv2d(x, W) * R): R makes dy an arbitrary tensor. */
function convGrads({ xShape, k, co, stride, pad }: ConvCase): () => tf.Tensor[] {
  return () => tf.tidy(() => {
    const x = tf.tensor4d(seeded(prod(xShape), 11), xShape);
    const wShape: [number, number, number, number] = [k, k, xShape[3], co];
    const w = tf.tensor4d(seeded(prod(wShape), 23), wShape);
    const yShape = tf.conv2d(x, w, stride, pad).shape;
    const r = tf.tensor(seeded(prod(yShape), 37), yShape);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), r));
    return tf.grads(f)([x, w]);
  });
}

const CONV_CASES: ConvCase[] = [
  { xShape: [1, 7, 7, 1], k: 3, co: 2, stride: 1, pad: 'same' },
  { xShape: [2, 9, 9, 3], k: 3, co: 8, stride: 2, pad: 'same' },
  { xShape: [3, 10, 11, 8], k: 5, co: 4, stride: 1, pad: 'valid' },
  { xShape: [4, 12, 12, 8], k: 5, co: 8, stride: 2, pad: 'valid' },
  { xShape: [2, 8, 8, 3], k: 5, co: 3, stride: 1, pad: 'same' },
  { xShape: [2, 8, 9, 1], k: 3, co: 8, stride: 2, pad: 'valid' },
  { xShape: [2, 7, 9, 3], k: 3, co: 4, stride: [2, 1], pad: 'same' },
  { xShape: [2, 8, 8, 3], k: 3, co: 5, stride: 1, pad: [[0, 0], [2, 0], [1, 2], [0, 0]] },
  // top pad > k-1: the stride-1 "conv with flipped filter" path cannot
  // express it, so this exercises the matmul + col2im fallback at stride 1.
  { xShape: [2, 6, 6, 3], k: 3, co: 4, stride: 1, pad: [[0, 0], [3, 1], [0, 4], [0, 0]] },
];

describe('WASM conv-net gradient kernels', () => {
  beforeAll(async () => {
    registerWasmConvGradients(); // before the backend initialises on purpose
    await tf.setBackend('wasm');
    await tf.ready();
  });

  it('registers Conv2DBackpropFilter idempotently', () => {
    const before = tf.getKernel('Conv2DBackpropFilter', 'wasm');
    expect(before).toBeDefined();
    registerWasmConvGradients();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc).toBe(before?.kernelFunc);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
    expect(tf.getKernel('MaxPoolGrad', 'wasm')).toBeDefined();
  });

  it.each(CONV_CASES)('conv2d grads match CPU: x=$xShape k=$k co=$co stride=$stride pad=$pad', async (c) => {
    await expectWasmMatchesCpu(convGrads(c));
  });

  it('conv2d grads match CPU when the batch is split into im2col chunks', async () => {
    // 1 float per chunk forces one image per chunk (accumulated filter grads,
    // per-chunk col2im); restore the default cap afterwards.
    registerWasmConvGradients({ im2colChunkFloats: 1 });
    try {
      await expectWasmMatchesCpu(convGrads({ xShape: [4, 9, 9, 3], k: 3, co: 8, stride: 2, pad: 'same' }));
      await expectWasmMatchesCpu(convGrads({ xShape: [3, 8, 8, 8], k: 3, co: 4, stride: 1, pad: 'valid' }));
    } finally {
      registerWasmConvGradients({ im2colChunkFloats: 1 << 23 });
    }
  });

  // The stock wasm MaxPoolGrad loses the gradient of windows whose values are
  // all <= 0; `negative` makes every window negative to pin that down.
  it.each([
    { size: 2, stride: 2, pad: 'valid' as const, negative: false },
    { size: 2, stride: 2, pad: 'valid' as const, negative: true },
    { size: 3, stride: 2, pad: 'same' as const, negative: false },
    { size: 3, stride: 1, pad: 'same' as const, negative: true },
  ])('maxPool / avgPool grads match CPU: $size x $size stride $stride $pad negative=$negative',
    async ({ size, stride, pad, negative }) => {
      await expectWasmMatchesCpu(() => tf.tidy(() => {
        const shape: [number, number, number, number] = [3, 9, 9, 8];
        const u = tf.tensor4d(seeded(prod(shape), 5), shape);
        const x = negative ? tf.sub(tf.neg(tf.abs(u)), 0.1) as tf.Tensor4D : u;
        const yShape = tf.maxPool(x, size, stride, pad).shape;
        const r = tf.tensor(seeded(prod(yShape), 6), yShape);
        const gMax = tf.grad((a) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, stride, pad), r)))(x);
        const gAvg = tf.grad((a) => tf.sum(tf.mul(tf.avgPool(a as tf.Tensor4D, size, stride, pad), r)))(x);
        return [tf.maxPool(x, size, stride, pad), gMax, gAvg];
      }));
    });

  it.each([
    { a: [6, 5], b: [6, 4], tA: true, tB: false },   // dense dW = x^T dy
    { a: [3, 7], b: [40, 7], tA: false, tB: true },  // dense dx = dy W^T (swapped plan)
    { a: [7, 3], b: [4, 7], tA: true, tB: true },
    { a: [1, 9, 5], b: [1, 9, 6], tA: true, tB: false },
    { a: [2, 4, 5], b: [2, 6, 5], tA: false, tB: true }, // batch 2: stock kernel
  ])('transposed matMul matches CPU: $a x $b tA=$tA tB=$tB', async ({ a, b, tA, tB }) => {
    await expectWasmMatchesCpu(() => tf.tidy(() => [
      tf.matMul(tf.tensor(seeded(prod(a), 3), a), tf.tensor(seeded(prod(b), 4), b), tA, tB),
    ]));
  });

  it('rejects unsupported data formats with a clear error', async () => {
    await tf.setBackend('wasm');
    const x = tf.zeros([1, 2, 5, 5]);
    const dy = tf.zeros([1, 4, 5, 5]);
    expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 4] } as unknown as tf.NamedAttrMap))
      .toThrow(/NHWC/);
    tf.dispose([x, dy]);
  });

  it('trains a tiny conv net on WASM without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const shapes = [[3, 3, 3, 4], [3, 3, 4, 4], [64, 8], [8, 10]];
    const params = shapes.map((s, i) => tf.variable(tf.tensor(seeded(prod(s), 100 + i), s).mul(0.3)));
    const x = tf.tensor4d(seeded(4 * 8 * 8 * 3, 9), [4, 8, 8, 3]);
    const y = tf.oneHot(tf.tensor1d([1, 3, 5, 7], 'int32'), 10);
    const loss = (p: tf.Tensor[]) => {
      let h = tf.relu(tf.conv2d(x, p[0] as tf.Tensor4D, 1, 'same'));
      h = tf.relu(tf.conv2d(h, p[1] as tf.Tensor4D, 1, 'same'));
      const f = tf.reshape(tf.maxPool(h, 2, 2, 'valid'), [4, 64]) as tf.Tensor2D;
      const logits = tf.matMul(tf.relu(tf.matMul(f, p[2] as tf.Tensor2D)), p[3] as tf.Tensor2D);
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    };
    const step = async () => {
      const value = tf.tidy(() => {
        const { value, grads } = tf.valueAndGrads((...p: tf.Tensor[]) => loss(p))(params);
        params.forEach((v, i) => v.assign(tf.sub(v, tf.mul(grads[i], 0.2))));
        return value;
      });
      const l = (await value.data())[0];
      value.dispose();
      return l;
    };
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const first = await step(); // warm-up
    const tensors = tf.memory().numTensors;
    const dataIds = backend.numDataIds(); // also catches intermediates leaked inside kernels
    let last = first;
    for (let i = 0; i < 8; i++) last = await step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(dataIds);
    expect(Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first * 0.9);
    tf.dispose([...params, x, y]);
  });
});
