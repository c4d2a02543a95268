/**
 * Conv2DBackpropInput for the tfjs 'wasm' backend. The stock kernel is a
 * naive C++ loop, ~10x slower than the XNNPACK forward conv; this one is
 *  - stride 1: one forward XNNPACK Conv2D of dy with the flipped filter;
 *  - otherwise: cols[M, K] = dy[M, CO] @ W^T[CO, K] (XNNPACK) + col2im.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Conv2DBackpropInputAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { col2imAdd, type ConvGeometry } from './im2col';
import { callKernel, dyChunk, geometry, heap, imagesPerChunk, reshape, type KernelArgs, type Shape4 } from './wasmKernelUtils';

/**
 * Stride-1 input gradient as a forward conv:
 *   dx[n,i,j,ci] = sum dy[n, i+pt-kh, j+pl-kw, co] * W[kh,kw,ci,co]
 * is a correlation of dy with W'[kh,kw,co,ci] = W[KH-1-kh, KW-1-kw, ci, co]
 * padded by (KH-1-top, KW-1-left). Returns null when a derived pad would be
 * negative (exotic explicit paddings), so the caller falls back to im2col.
 */
function backpropInputByConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo | null {
  const { filterHeight: KH, filterWidth: KW, inChannels: CI, outChannels: CO } = g;
  const top = KH - 1 - g.padTop;
  const left = KW - 1 - g.padLeft;
  const bottom = g.inHeight - 1 - (g.outHeight - 1) - top + (KH - 1);
  const right = g.inWidth - 1 - (g.outWidth - 1) - left + (KW - 1);
  if (Math.min(top, left, bottom, right) < 0) return null;
  const flipped = backend.makeOutput([KH, KW, CO, CI], 'float32');
  const w = heap(backend, filter);
  const f = heap(backend, flipped);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const src = ((KH - 1 - kh) * KW + (KW - 1 - kw)) * CI * CO;
      const dst = (kh * KW + kw) * CO * CI;
      for (let ci = 0; ci < CI; ci++) {
        for (let co = 0; co < CO; co++) f[dst + co * CI + ci] = w[src + ci * CO + co];
      }
    }
  }
  const dx = callKernel('Conv2D', backend, { x: dy, filter: flipped }, {
    strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC', dimRoundingMode: undefined as unknown as string,
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]] as unknown as number[],
  });
  // Disposing the filter tensor also drops XNNPACK's cached operator for it.
  backend.disposeData(flipped.dataId);
  return dx;
}

/** General input gradient: cols = dy @ W^T (XNNPACK), then col2im. */
function backpropInputByMatMul(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry,
  inputShape: Shape4): TensorInfo {
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const w2 = reshape(backend, filter, [K, g.outChannels]);
  const wT = callKernel('Transpose', backend, { x: w2 }, { perm: [1, 0] });
  backend.disposeData(w2.dataId);
  const wT3 = reshape(backend, wT, [1, g.outChannels, K]);
  backend.disposeData(wT.dataId);
  const N = inputShape[0];
  const dx = backend.makeOutput([...inputShape], 'float32');
  heap(backend, dx).fill(0); // malloc'd memory is not zeroed; col2im accumulates
  const per = imagesPerChunk(K * g.outHeight * g.outWidth, N);
  for (let n0 = 0; n0 < N; n0 += per) {
    const nb = Math.min(per, N - n0);
    const dyc = dyChunk(backend, dy, g, N, n0, nb);
    const cols = callKernel('BatchMatMul', backend, { a: dyc, b: wT3 }, { transposeA: false, transposeB: false });
    col2imAdd(heap(backend, cols), g, n0, nb, heap(backend, dx));
    backend.disposeData(cols.dataId);
    backend.disposeData(dyc.dataId);
  }
  backend.disposeData(wT3.dataId);
  return dx;
}

/** Stock kernel kept for the cases we do not handle (NCHW). */
let stockBackpropInput: KernelFunc | null = null;
export function setStockBackpropInput(kernelFunc: KernelFunc): void {
  stockBackpropInput = kernelFunc;
}

export function conv2DBackpropInput(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
  if (format !== 'channelsLast' && stockBackpropInput) return stockBackpropInput(args) as TensorInfo;
  const info = tf.backend_util.computeConv2DInfo([...inputShape] as Shape4, filter.shape as Shape4, strides, 1,
    pad, dimRoundingMode, false, format);
  const g = geometry(info, 'Conv2DBackpropInput');
  if (g.strideHeight === 1 && g.strideWidth === 1) {
    const dx = backpropInputByConv(backend, dy, filter, g);
    if (dx) return dx;
  }
  return backpropInputByMatMul(backend, dy, filter, g, [...inputShape] as Shape4);
}
