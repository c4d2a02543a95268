/**
 * Conv2DBackpropFilter for the tfjs 'wasm' backend (missing in
 * tfjs-backend-wasm 4.22): dW[K, CO] = sum over chunks of
 * cols[K, len] @ dy'[len, CO], K = KH*KW*CI, with the multiply done by the
 * backend's XNNPACK matmul and the im2col in TypeScript over the WASM heap.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Conv2DBackpropFilterAttrs, TensorInfo } from '@tensorflow/tfjs';
import { im2colTransposed, padChannelsFirst, padRows, type ConvGeometry } from './im2col';
import { callKernel, dyChunk, geometry, heap, imagesPerChunk, type KernelArgs, type Shape4 } from './wasmKernelUtils';

/**
 * Max floats of the right-hand matmul operand of one chunk (1 MB, about one
 * core's L2). XNNPACK repacks that operand on every call, and both the
 * packing and the GEMM slow down ~2-4x once it falls out of cache, so many
 * small chunks beat one big matmul (measured: K=27 conv, 56 ms unchunked vs
 * 15 ms; K=576, 257 ms vs 138 ms).
 */
const RHS_FLOATS = 1 << 18;

/** Matmul operands of one chunk: dW += cols[1, K, len] @ rhs[1, len, CO]. */
interface FilterChunk { cols: TensorInfo; rhs: TensorInfo }

/** Any stride: transposed im2col from the channels-first input xT. */
function im2colChunk(b: BackendWasm, xT: TensorInfo, dy: TensorInfo, g: ConvGeometry, N: number, n0: number,
  nb: number): FilterChunk {
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const cols = b.makeOutput([1, K, nb * g.outHeight * g.outWidth], 'float32');
  const rhs = dyChunk(b, dy, g, N, n0, nb);
  im2colTransposed(heap(b, xT), N, g, n0, nb, heap(b, cols));
  return { cols, rhs };
}

/**
 * Stride 1: "shifted slabs" (see padChannelsFirst). Works on the padded
 * (OH+KH-1) x (OW+KW-1) grid, ~10-15% more multiply work for 3x3 filters but
 * the im2col is KH*KW large memmoves instead of ~K*M/OW short row copies.
 */
function slabChunk(b: BackendWasm, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, n0: number,
  nb: number): FilterChunk {
  const { filterHeight: KH, filterWidth: KW, inChannels: CI, outChannels: CO } = g;
  const Wp = g.outWidth + KW - 1;
  const len = nb * (g.outHeight + KH - 1) * Wp;
  // The last tap's slab reads (KH-1)*Wp + KW-1 floats past CI*len: zeros.
  const padded = b.makeOutput([CI * len + (KH - 1) * Wp + KW - 1], 'float32');
  const rhs = b.makeOutput([1, len, CO], 'float32');
  const cols = b.makeOutput([1, KH * KW * CI, len], 'float32');
  const p = heap(b, padded);
  const c = heap(b, cols);
  padChannelsFirst(heap(b, x), g, n0, nb, p);
  padRows(heap(b, dy), g, n0, nb, heap(b, rhs));
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const shift = kh * Wp + kw;
      c.set(p.subarray(shift, shift + CI * len), (kh * KW + kw) * CI * len);
    }
  }
  b.disposeData(padded.dataId);
  return { cols, rhs };
}

export function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode,
    false, tf.backend_util.convertConv2DDataFormat(dataFormat));
  const g = geometry(info, 'Conv2DBackpropFilter');
  const N = info.batchSize;
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const slabs = g.strideHeight === 1 && g.strideWidth === 1;
  // Channels-first copy of x (native transpose) makes im2col rows contiguous copies.
  const xT = slabs ? null : callKernel('Transpose', backend, { x }, { perm: [3, 0, 1, 2] });
  const positions = slabs
    ? (g.outHeight + g.filterHeight - 1) * (g.outWidth + g.filterWidth - 1)
    : g.outHeight * g.outWidth;
  const per = imagesPerChunk(K * positions, N, positions * g.outChannels, RHS_FLOATS);
  let acc: TensorInfo | null = null;
  for (let n0 = 0; n0 < N; n0 += per) {
    const nb = Math.min(per, N - n0);
    const { cols, rhs } = xT ? im2colChunk(backend, xT, dy, g, N, n0, nb) : slabChunk(backend, x, dy, g, n0, nb);
    // Neither operand transposed and batch 1: the only case the wasm
    // BatchMatMul sends to XNNPACK (transposed operands hit a slow scalar loop).
    const part = callKernel('BatchMatMul', backend, { a: cols, b: rhs }, { transposeA: false, transposeB: false });
    backend.disposeData(cols.dataId);
    backend.disposeData(rhs.dataId);
    if (acc === null) {
      acc = part;
    } else {
      const a = heap(backend, acc);
      const p = heap(backend, part);
      for (let i = 0; i < a.length; i++) a[i] += p[i];
      backend.disposeData(part.dataId);
    }
  }
  if (xT) backend.disposeData(xT.dataId);
  if (acc === null) { // empty batch
    const zeros = backend.makeOutput([...filterShape], 'float32');
    heap(backend, zeros).fill(0);
    return zeros;
  }
  // Same buffer, filter shape (the C++ side only tracks the element count).
  return { dataId: acc.dataId, shape: [...filterShape], dtype: 'float32' };
}
