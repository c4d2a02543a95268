/**
 * Faster transposed matmuls for the tfjs 'wasm' backend.
 *
 * The wasm BatchMatMul kernel only hands a product to XNNPACK when neither
 * operand is transposed and both batch dimensions are 1; everything else runs
 * a scalar blocked loop that is ~20-40x slower. Gradients of a dense layer
 * are exactly the transposed cases (dW = x^T @ dy, dx = dy @ W^T), so without
 * this a conv net's dense head would cost more than its convolutions.
 *
 * The wrapper materialises transposed operands with the native Transpose
 * kernel (memory bound, cheap next to the multiply) and then calls the stock
 * kernel with transposeA = transposeB = false, either for C directly or for
 * C^T (whichever moves less memory). Batched (batch > 1) and non-float32
 * products go straight to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm'; // stock kernels must be registered first
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { BatchMatMulAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { BACKEND, callKernel as run, type KernelArgs } from './wasmKernelUtils';

let stockBatchMatMul: KernelFunc | null = null;

/** 2-D view of `t` (shape [..., r, c] with unit batch), transposed when asked. */
function as2d(backend: BackendWasm, t: TensorInfo, transpose: boolean): TensorInfo {
  const r = t.shape[t.shape.length - 2];
  const c = t.shape[t.shape.length - 1];
  const flat = run('Reshape', backend, { x: t }, { shape: [r, c] });
  if (!transpose) return flat;
  const out = run('Transpose', backend, { x: flat }, { perm: [1, 0] });
  backend.disposeData(flat.dataId);
  return out;
}

const size = (t: TensorInfo) => t.shape.reduce((p, d) => p * d, 1);

/** a @ b with both already 2-D and untransposed: the XNNPACK path. */
function xnnMatMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  const out = stockBatchMatMul!({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
  backend.disposeData(a.dataId);
  backend.disposeData(b.dataId);
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
  const m = transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  // Two plans; pick the one that moves less memory. Transposes are weighted
  // 2x (read + scattered write); XNNPACK also repacks its right operand
  // ("weights") on every call because these temporaries are new tensors.
  //  direct:  C   = op(A) @ op(B)
  //  swapped: C^T = op(B)^T @ op(A)^T, then one transpose of C (m*n).
  // E.g. a dense layer's dx = dy @ W^T would otherwise transpose all of W.
  const direct = 2 * ((transposeA ? size(a) : 0) + (transposeB ? size(b) : 0)) + size(b);
  const swapped = 2 * ((transposeA ? 0 : size(a)) + (transposeB ? 0 : size(b)) + m * n) + size(a);
  let out2d: TensorInfo;
  if (direct <= swapped) {
    out2d = xnnMatMul(backend, as2d(backend, a, transposeA), as2d(backend, b, transposeB));
  } else {
    const cT = xnnMatMul(backend, as2d(backend, b, !transposeB), as2d(backend, a, !transposeA));
    out2d = run('Transpose', backend, { x: cT }, { perm: [1, 0] });
    backend.disposeData(cT.dataId);
  }
  // Restore the broadcast batch dims the caller expects ([..., 1, 1, m, n]).
  const rank = Math.max(a.shape.length, b.shape.length);
  return { dataId: out2d.dataId, shape: [...new Array(rank - 2).fill(1), m, n], dtype: out2d.dtype };
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
