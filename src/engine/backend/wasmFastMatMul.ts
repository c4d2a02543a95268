/**
 * Faster transposed matmuls for the tfjs 'wasm' backend.
 *
 * The wasm BatchMatMul kernel only hands a product to XNNPACK when neither
 * operand is transposed and both batch dimensions are 1; everything else runs
 * a scalar blocked loop that is ~20-40x slower. Gradients of a dense layer
 * are exactly the transposed cases (dW = x^T @ dy, dx = dy @ W^T), so without
 * this a conv net's dense head would cost more than its convolutions.
 *
 * The wrapper materialises the transposed operand with the native Transpose
 * kernel (memory bound, cheap next to the multiply) and then calls the stock
 * kernel with transposeA = transposeB = false. All other cases go straight
 * to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm'; // stock kernels must be registered first
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { BatchMatMulAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

const BACKEND = 'wasm';
type KernelArgs = Parameters<KernelFunc>[0];

let stockBatchMatMul: KernelFunc | null = null;

function run(name: string, backend: BackendWasm, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>): TensorInfo {
  const config = tf.getKernel(name, BACKEND);
  if (config == null) throw new Error(`wasmFastMatMul: wasm kernel '${name}' is not registered`);
  return config.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
}

/** 2-D copy of `t` (shape [..., r, c] with unit batch), transposed when asked. */
function as2d(backend: BackendWasm, t: TensorInfo, transpose: boolean): TensorInfo {
  const r = t.shape[t.shape.length - 2];
  const c = t.shape[t.shape.length - 1];
  const flat = run('Reshape', backend, { x: t }, { shape: [r, c] });
  if (!transpose) return flat;
  const out = run('Transpose', backend, { x: flat }, { perm: [1, 0] });
  backend.disposeData(flat.dataId);
  return out;
}

function fastBatchMatMul(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
  const unitBatch = (t: TensorInfo) => t.shape.length >= 2 && t.shape.slice(0, -2).every((d) => d === 1);
  const eligible = (transposeA || transposeB) && a.dtype === 'float32' && b.dtype === 'float32' &&
    unitBatch(a) && unitBatch(b);
  if (!eligible) return stockBatchMatMul!(args) as TensorInfo;
  const a2 = as2d(backend, a, transposeA);
  const b2 = as2d(backend, b, transposeB);
  const out = stockBatchMatMul!({ inputs: { a: a2, b: b2 }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
  backend.disposeData(a2.dataId);
  backend.disposeData(b2.dataId);
  // Restore the broadcast batch dims the caller expects ([..., 1, 1, m, n]).
  const rank = Math.max(a.shape.length, b.shape.length);
  const shape = [...new Array(rank - 2).fill(1), out.shape[out.shape.length - 2], out.shape[out.shape.length - 1]];
  return { dataId: out.dataId, shape, dtype: out.dtype };
}

/** Wraps the wasm BatchMatMul kernel (idempotent, before or after setBackend). */
export function registerWasmFastMatMul(): void {
  const existing = tf.getKernel('BatchMatMul', BACKEND);
  if (existing == null) throw new Error('wasmFastMatMul: the wasm backend has no BatchMatMul kernel');
  if (existing.kernelFunc === (fastBatchMatMul as KernelFunc)) return;
  stockBatchMatMul = existing.kernelFunc;
  tf.unregisterKernel('BatchMatMul', BACKEND);
  // Keep the stock setupFunc: it binds the C++ function the wrapper delegates to.
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: BACKEND, kernelFunc: fastBatchMatMul as KernelFunc,
    setupFunc: existing.setupFunc });
}
