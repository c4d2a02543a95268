/**
 * Correct MaxPoolGrad for the tfjs 'wasm' backend.
 *
 * The stock wasm kernel (4.22) seeds its running maximum with
 * std::numeric_limits<float>::min(), the smallest *positive* float, instead
 * of -infinity. Any pooling window whose values are all <= 0 therefore never
 * records a maximum: its gradient is silently dropped (or lands on element 0
 * of the tensor). That is harmless for relu -> maxPool, but wrong for e.g.
 * conv -> maxPool -> relu or pooling of signed features. It also breaks ties
 * towards the last element, whereas the cpu/webgl backends pick the first.
 *
 * This kernel matches the cpu backend: the first strict maximum of each
 * window (initialised at -infinity) receives the window's dy.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { BACKEND, type KernelArgs } from './wasmKernelUtils';

function maxPoolGrad(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error('MaxPoolGrad (wasm): only float32 tensors are supported');
  }
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize,
    strides, 1, pad, dimRoundingMode);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { strideHeight: SH, strideWidth: SW, effectiveFilterHeight: KH, effectiveFilterWidth: KW } = info;
  const { top, left } = info.padInfo;

  const dxInfo = backend.makeOutput([...input.shape], 'float32');
  // Views after the allocation (a heap grow would detach earlier views).
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(dxInfo) as Float32Array;
  dx.fill(0);

  // Per-channel running max / argmax for one output pixel; NHWC keeps every
  // inner loop contiguous over channels.
  const best = new Float32Array(C);
  const pos = new Int32Array(C);
  let dyOffset = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * SH - top;
      const hLo = Math.max(0, h0);
      const hHi = Math.min(H, h0 + KH);
      for (let ow = 0; ow < OW; ow++, dyOffset += C) {
        const w0 = ow * SW - left;
        const wLo = Math.max(0, w0);
        const wHi = Math.min(W, w0 + KW);
        best.fill(-Infinity);
        pos.fill(-1);
        for (let h = hLo; h < hHi; h++) {
          for (let w = wLo; w < wHi; w++) {
            const base = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) { best[c] = v; pos[c] = base + c; }
            }
          }
        }
        for (let c = 0; c < C; c++) if (pos[c] >= 0) dx[pos[c]] += g[dyOffset + c];
      }
    }
  }
  return dxInfo;
}

/** Replaces the stock wasm MaxPoolGrad (idempotent, before or after setBackend). */
export function registerWasmMaxPoolGrad(): void {
  const existing = tf.getKernel('MaxPoolGrad', BACKEND);
  if (existing?.kernelFunc === (maxPoolGrad as KernelFunc)) return;
  if (existing) tf.unregisterKernel('MaxPoolGrad', BACKEND);
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: BACKEND, kernelFunc: maxPoolGrad as KernelFunc });
}
