/**
 * Shared plumbing for the TypeScript wasm kernels in this folder: calling the
 * backend's own (C++/XNNPACK) kernels from inside a kernel, heap views, conv
 * geometry and batch chunking.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import type { ConvGeometry } from './im2col';

export const BACKEND = 'wasm';

/** Max floats of one im2col buffer (32 MB by default); bigger batches are chunked. */
let chunkFloats = 1 << 23;
export function setIm2colChunkFloats(n: number): void {
  if (!(n >= 1)) throw new Error('im2colChunkFloats must be >= 1');
  chunkFloats = Math.floor(n);
}

export type Shape4 = [number, number, number, number];
export type KernelArgs = Parameters<KernelFunc>[0];

export function callKernel(name: string, backend: BackendWasm, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const config = tf.getKernel(name, BACKEND);
  if (config == null) throw new Error(`wasm kernel '${name}' is not registered`);
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

export const reshape = (b: BackendWasm, x: TensorInfo, shape: number[]) => callKernel('Reshape', b, { x }, { shape });

/**
 * Float32 view of a tensor in the WASM heap. Take views only after the last
 * allocation/kernel call: malloc can grow the heap, which detaches the old
 * ArrayBuffer and leaves earlier views empty.
 */
export function heap(b: BackendWasm, t: TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`wasm kernels: expected float32, got ${t.dtype}`);
  return b.typedArrayFromHeap(t) as Float32Array;
}

export function geometry(info: tf.backend_util.Conv2DInfo, kernel: string): ConvGeometry {
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

/** Images per chunk so that the im2col buffer fits chunkFloats and the rhs fits rhsFloats. */
export function imagesPerChunk(colsPerImage: number, batch: number, rhsPerImage = 0, rhsFloats = Infinity): number {
  const byCols = Math.floor(chunkFloats / colsPerImage);
  const byRhs = rhsPerImage > 0 ? Math.floor(rhsFloats / rhsPerImage) : batch;
  return Math.max(1, Math.min(batch, byCols, byRhs));
}

/** dy rows [1, nb*OH*OW, CO] of images [n0, n0+nb): a free reshape when the chunk is the whole batch. */
export function dyChunk(b: BackendWasm, dy: TensorInfo, g: ConvGeometry, batch: number, n0: number, nb: number): TensorInfo {
  const rows = g.outHeight * g.outWidth * g.outChannels;
  if (nb === batch) return reshape(b, dy, [1, nb * g.outHeight * g.outWidth, g.outChannels]);
  const out = b.makeOutput([1, nb * g.outHeight * g.outWidth, g.outChannels], 'float32');
  heap(b, out).set(heap(b, dy).subarray(n0 * rows, (n0 + nb) * rows));
  return out;
}
