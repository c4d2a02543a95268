/**
 * Conv-net gradient kernels for the tfjs 'wasm' backend.
 *
 * tfjs-backend-wasm 4.22 ships no `Conv2DBackpropFilter` kernel, so
 * `tf.grad` through `tf.conv2d` throws on WASM. Its `Conv2DBackpropInput` is
 * a naive C++ loop (~10x slower than the XNNPACK forward conv), which would
 * dominate a conv-net training step. Both are implemented here on top of the
 * backend's own fast kernels:
 *
 *  - filter gradient: transposed im2col (TypeScript, over the WASM heap)
 *    followed by one XNNPACK matmul  dW[K, CO] = colsT[K, M] @ dy[M, CO];
 *  - input gradient, stride 1: a forward XNNPACK Conv2D of dy with the
 *    spatially flipped, in/out-swapped filter ("full" correlation);
 *  - input gradient, other strides: cols[M, K] = dy[M, CO] @ W^T[CO, K]
 *    (XNNPACK matmul) followed by col2im (TypeScript).
 *
 * K = KH*KW*CI, M = images*OH*OW. Large batches are processed in chunks of
 * images so the im2col buffer stays bounded (CHUNK_FLOATS).
 */
import * as tf from '@tensorflow/tfjs';
// Imported for its side effect: the stock wasm kernels must be registered
// before ours, otherwise a later import of the backend would silently
// overwrite a replaced kernel (registerKernel only warns on duplicates).
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type {
  Conv2DBackpropFilterAttrs, Conv2DBackpropInputAttrs, KernelConfig, KernelFunc,
  NamedAttrMap, NamedTensorInfoMap, TensorInfo,
} from '@tensorflow/tfjs';
import { col2imAdd, im2colTransposed, type ConvGeometry } from './im2col';
import { registerWasmFastMatMul } from './wasmFastMatMul';

const BACKEND = 'wasm';
/** Max floats of one im2col buffer (32 MB); bigger batches are chunked. */
const CHUNK_FLOATS = 1 << 23;

type Shape4 = [number, number, number, number];
type KernelArgs = Parameters<KernelFunc>[0];

function callKernel(name: string, backend: BackendWasm, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const config = tf.getKernel(name, BACKEND);
  if (config == null) throw new Error(`wasmConvGrads: wasm kernel '${name}' is not registered`);
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

const reshape = (b: BackendWasm, x: TensorInfo, shape: number[]) => callKernel('Reshape', b, { x }, { shape });

/**
 * Float32 view of a tensor in the WASM heap. Take views only after the last
 * allocation/kernel call: malloc can grow the heap, which detaches the old
 * ArrayBuffer and leaves earlier views empty.
 */
function heap(b: BackendWasm, t: TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`wasmConvGrads: expected float32, got ${t.dtype}`);
  return b.typedArrayFromHeap(t) as Float32Array;
}

function geometry(info: tf.backend_util.Conv2DInfo, kernel: string): ConvGeometry {
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`${kernel} (wasm): only NHWC / channelsLast is supported, got ${info.dataFormat}`);
  }
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw new Error(`${kernel} (wasm): dilation > 1 is not supported`);
  }
  const { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth,
    strideHeight, strideWidth } = info;
  return { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth,
    strideHeight, strideWidth, padTop: info.padInfo.top, padLeft: info.padInfo.left };
}

/** Images per chunk so that an [images*OH*OW, K] buffer fits CHUNK_FLOATS. */
function imagesPerChunk(g: ConvGeometry, batch: number): number {
  const perImage = g.filterHeight * g.filterWidth * g.inChannels * g.outHeight * g.outWidth;
  return Math.max(1, Math.min(batch, Math.floor(CHUNK_FLOATS / perImage)));
}

/** dy rows [1, nb*OH*OW, CO] of images [n0, n0+nb): a free reshape when the chunk is the whole batch. */
function dyChunk(b: BackendWasm, dy: TensorInfo, g: ConvGeometry, batch: number, n0: number, nb: number): TensorInfo {
  const rows = g.outHeight * g.outWidth * g.outChannels;
  if (nb === batch) return reshape(b, dy, [1, nb * g.outHeight * g.outWidth, g.outChannels]);
  const out = b.makeOutput([1, nb * g.outHeight * g.outWidth, g.outChannels], 'float32');
  heap(b, out).set(heap(b, dy).subarray(n0 * rows, (n0 + nb) * rows));
  return out;
}

function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode,
    false, tf.backend_util.convertConv2DDataFormat(dataFormat));
  const g = geometry(info, 'Conv2DBackpropFilter');
  const N = info.batchSize;
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  // Channels-first copy of x (native transpose) makes im2col rows contiguous copies.
  const xT = callKernel('Transpose', backend, { x }, { perm: [3, 0, 1, 2] });
  const per = imagesPerChunk(g, N);
  let acc: TensorInfo | null = null;
  for (let n0 = 0; n0 < N; n0 += per) {
    const nb = Math.min(per, N - n0);
    const cols = backend.makeOutput([1, K, nb * g.outHeight * g.outWidth], 'float32');
    const dyc = dyChunk(backend, dy, g, N, n0, nb);
    im2colTransposed(heap(backend, xT), N, g, n0, nb, heap(backend, cols));
    // Neither operand transposed and batch 1: the only case the wasm
    // BatchMatMul sends to XNNPACK (transposed operands hit a slow scalar loop).
    const part = callKernel('BatchMatMul', backend, { a: cols, b: dyc }, { transposeA: false, transposeB: false });
    backend.disposeData(cols.dataId);
    backend.disposeData(dyc.dataId);
    if (acc === null) {
      acc = part;
    } else {
      const a = heap(backend, acc);
      const p = heap(backend, part);
      for (let i = 0; i < a.length; i++) a[i] += p[i];
      backend.disposeData(part.dataId);
    }
  }
  backend.disposeData(xT.dataId);
  if (acc === null) { // empty batch
    const zeros = backend.makeOutput([...filterShape], 'float32');
    heap(backend, zeros).fill(0);
    return zeros;
  }
  // Same buffer, filter shape (the C++ side only tracks the element count).
  return { dataId: acc.dataId, shape: [...filterShape], dtype: 'float32' };
}

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
  const per = imagesPerChunk(g, N);
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

function conv2DBackpropInput(args: KernelArgs): TensorInfo {
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

export interface WasmConvGradOptions {
  /**
   * Replace the stock (naive C++) wasm Conv2DBackpropInput by the XNNPACK
   * based one above. Default true: the stock kernel alone costs about as much
   * as the rest of a conv-net training step.
   */
  replaceSlowBackpropInput?: boolean;
  /** Route transposed matmuls (dense-layer gradients) to XNNPACK; see wasmFastMatMul.ts. Default true. */
  fastTransposedMatMul?: boolean;
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
 */
export function registerWasmConvGradients(options: WasmConvGradOptions = {}): void {
  const { replaceSlowBackpropInput = true, fastTransposedMatMul = true } = options;
  install('Conv2DBackpropFilter', conv2DBackpropFilter as KernelFunc, false);
  const stock = install('Conv2DBackpropInput', conv2DBackpropInput as KernelFunc, replaceSlowBackpropInput);
  if (stock) stockBackpropInput = stock.kernelFunc;
  if (fastTransposedMatMul) registerWasmFastMatMul();
}
