/**
 * Conv-net gradient kernels for the tfjs 'wasm' backend.
 *
 * tfjs-backend-wasm 4.22 ships no `Conv2DBackpropFilter` kernel, so
 * `tf.grad` through `tf.conv2d` throws on WASM. Its `Conv2DBackpropInput` is
 * a naive C++ loop (~10x slower than the XNNPACK forward conv), which would
 * dominate a conv-net training step. Both are implemented here on top of the
 * backend's own fast kernels:
 *
 *  - filter gradient: im2col (TypeScript, over the WASM heap) followed by
 *    XNNPACK matmuls dW[K, CO] += colsT[K, m] @ dy[m, CO] per chunk of
 *    images; for stride 1 the im2col is a few large memmoves ("shifted
 *    slabs" over a zero-padded, channels-first copy of x);
 *  - input gradient, stride 1: a forward XNNPACK Conv2D of dy with the
 *    spatially flipped, in/out-swapped filter ("full" correlation);
 *  - input gradient, other strides: cols[M, K] = dy[M, CO] @ W^T[CO, K]
 *    (XNNPACK matmul) followed by col2im (TypeScript).
 *
 * It also replaces the stock MaxPoolGrad (wrong for windows of non-positive
 * values, see wasmMaxPoolGrad.ts) and routes transposed matmuls — dense-layer
 * gradients — to XNNPACK (wasmFastMatMul.ts).
 *
 * K = KH*KW*CI, M = images*OH*OW. Large batches are processed in chunks of
 * images so the im2col buffers stay bounded.
 *
 * Files: wasmConvBackpropFilter.ts, wasmConvBackpropInput.ts, im2col.ts,
 * wasmMaxPoolGrad.ts, wasmFastMatMul.ts, wasmKernelUtils.ts.
 */
import * as tf from '@tensorflow/tfjs';
// Imported for its side effect: the stock wasm kernels must be registered
// before ours, otherwise a later import of the backend would silently
// overwrite a replaced kernel (registerKernel only warns on duplicates).
import '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { conv2DBackpropFilter } from './wasmConvBackpropFilter';
import { conv2DBackpropInput, setStockBackpropInput } from './wasmConvBackpropInput';
import { registerWasmFastMatMul } from './wasmFastMatMul';
import { BACKEND, setIm2colChunkFloats } from './wasmKernelUtils';
import { registerWasmMaxPoolGrad } from './wasmMaxPoolGrad';

export interface WasmConvGradOptions {
  /**
   * Replace the stock (naive C++) wasm Conv2DBackpropInput by the XNNPACK
   * based one (wasmConvBackpropInput.ts). Default true: the stock kernel
   * alone costs about as much as the rest of a conv-net training step.
   */
  replaceSlowBackpropInput?: boolean;
  /** Route transposed matmuls (dense-layer gradients) to XNNPACK; see wasmFastMatMul.ts. Default true. */
  fastTransposedMatMul?: boolean;
  /**
   * Replace the stock wasm MaxPoolGrad, which drops the gradient of windows
   * whose values are all <= 0 (see wasmMaxPoolGrad.ts). Default true.
   */
  replaceBuggyMaxPoolGrad?: boolean;
  /** Cap (in floats) of one im2col buffer; default 8M (32 MB). Mainly for tests. */
  im2colChunkFloats?: number;
}

function install(kernelName: string, kernelFunc: KernelFunc, replace: boolean): KernelConfig | undefined {
  const existing = tf.getKernel(kernelName, BACKEND);
  if (existing?.kernelFunc === kernelFunc) return undefined; // already ours: idempotent
  if (existing && !replace) return undefined;
  if (existing) tf.unregisterKernel(kernelName, BACKEND);
  // Keep the stock setupFunc: it initialises the C++ binding the fallback path
  // calls, and runs when the backend initialises after this registration.
  tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc, setupFunc: existing?.setupFunc });
  return existing;
}

/**
 * Registers the missing / slow conv-net gradient kernels for the 'wasm'
 * backend. Idempotent; may be called before or after tf.setBackend('wasm').
 * Options only ever add replacements: a later call with a flag set to false
 * does not restore a stock kernel that an earlier call replaced.
 */
export function registerWasmConvGradients(options: WasmConvGradOptions = {}): void {
  const { replaceSlowBackpropInput = true, fastTransposedMatMul = true, replaceBuggyMaxPoolGrad = true,
    im2colChunkFloats } = options;
  if (im2colChunkFloats !== undefined) setIm2colChunkFloats(im2colChunkFloats);
  install('Conv2DBackpropFilter', conv2DBackpropFilter as KernelFunc, false);
  const stock = install('Conv2DBackpropInput', conv2DBackpropInput as KernelFunc, replaceSlowBackpropInput);
  if (stock) setStockBackpropInput(stock.kernelFunc);
  if (fastTransposedMatMul) registerWasmFastMatMul();
  if (replaceBuggyMaxPoolGrad) registerWasmMaxPoolGrad();
}
