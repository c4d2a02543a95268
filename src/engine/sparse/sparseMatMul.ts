/**
 * y = x·(W⊙M) as a registered tfjs kernel on the 'wasm' backend, with its
 * gradient: the input gradient through the same compressed layout and the
 * weight gradient only at surviving positions (a sampled dense-dense
 * product). The op's weight input is the compressed value vector (length
 * nnz), so the tape hands back a gradient of that length and the optimizer
 * never sees a masked position. tfjs calls each input's gradient lazily, so
 * the first layer never computes a gradient for the data.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { SparseLayout } from './layout';
import { f32, Scratch, sparseKernels, type SparseKernelExports } from './wasmModule';

const FORWARD = 'SparseLabSpMM';
const BACK_INPUT = 'SparseLabSpMMBackInput';
const WEIGHT_GRAD = 'SparseLabSDDMM';

/** Layouts by id: kernel attributes carry the id, the layout itself stays in JS. */
const layouts = new Map<number, SparseLayout>();
let nextId = 1;

export function registerLayout(layout: SparseLayout): number {
  const id = nextId++;
  layouts.set(id, layout);
  return id;
}

export function unregisterLayout(id: number): void {
  layouts.delete(id);
}

interface Buffers { a: Scratch; aT: Scratch; b: Scratch; bT: Scratch; vals: Scratch }
let buffers: Buffers | null = null;

function setup(): { k: SparseKernelExports; s: Buffers } {
  const k = sparseKernels();
  if (!k) throw new Error('sparse kernels used before loadSparseKernels() resolved');
  buffers ??= { a: new Scratch(k), aT: new Scratch(k), b: new Scratch(k), bT: new Scratch(k), vals: new Scratch(k) };
  return { k, s: buffers };
}

const layoutOf = (attrs: NamedAttrMap) => {
  const l = layouts.get(attrs.layout as number);
  if (!l) throw new Error(`sparse matmul: layout ${String(attrs.layout)} is not registered`);
  return l;
};
const padded = (b: number) => (b + 3) & ~3;

/** Copies a batch-major [B, C] tensor from the tfjs heap and transposes it to [C, Bp] in ours. */
function loadTransposed(backend: BackendWasm, k: SparseKernelExports, s: Buffers, t: TensorInfo, which: 'a' | 'b'): number {
  const [rows, cols] = t.shape;
  const bp = padded(rows);
  const raw = s[which].get(4 * rows * cols);
  const tr = s[which === 'a' ? 'aT' : 'bT'].get(4 * cols * bp);
  f32(k, raw, rows * cols).set(backend.typedArrayFromHeap(t) as Float32Array);
  k.transpose(raw, cols, tr, bp, rows, cols);
  return tr;
}

function loadValues(backend: BackendWasm, k: SparseKernelExports, s: Buffers, values: TensorInfo, nnz: number): number {
  const ptr = s.vals.get(4 * Math.max(1, nnz));
  f32(k, ptr, nnz).set(backend.typedArrayFromHeap(values) as Float32Array);
  return ptr;
}

/** Transposes [C, Bp] back to a batch-major [B, C] tfjs tensor. */
function storeTransposed(backend: BackendWasm, k: SparseKernelExports, src: number, rows: number, cols: number, out: Scratch): TensorInfo {
  const bp = padded(rows);
  const dst = out.get(4 * rows * cols);
  k.transpose(src, bp, dst, cols, cols, rows);
  const t = backend.makeOutput([rows, cols], 'float32');
  (backend.typedArrayFromHeap(t) as Float32Array).set(f32(k, dst, rows * cols));
  return t;
}

const forward: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const { x, values } = inputs as { x: TensorInfo; values: TensorInfo };
  const l = layoutOf(attrs ?? {});
  const { k, s } = setup();
  const batch = x.shape[0];
  const xT = loadTransposed(b, k, s, x, 'a');
  const vals = loadValues(b, k, s, values, l.nnz);
  const yT = s.bT.get(4 * l.cols * padded(batch));
  k.spmmForward(xT, l.colPtr, l.rowIdx, vals, yT, l.cols, padded(batch));
  return storeTransposed(b, k, yT, batch, l.cols, s.b);
};

const backInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const { dy, values } = inputs as { dy: TensorInfo; values: TensorInfo };
  const l = layoutOf(attrs ?? {});
  const { k, s } = setup();
  const batch = dy.shape[0];
  const dyT = loadTransposed(b, k, s, dy, 'b');
  const vals = loadValues(b, k, s, values, l.nnz);
  const dxT = s.aT.get(4 * l.rows * padded(batch));
  k.spmmBackwardInput(dyT, l.colPtr, l.rowIdx, vals, dxT, l.rows, l.cols, padded(batch));
  return storeTransposed(b, k, dxT, batch, l.rows, s.a);
};

const weightGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const l = layoutOf(attrs ?? {});
  const { k, s } = setup();
  const xT = loadTransposed(b, k, s, x, 'a');
  const dyT = loadTransposed(b, k, s, dy, 'b');
  const g = s.vals.get(4 * Math.max(1, l.nnz));
  k.sddmm(xT, dyT, l.colPtr, l.rowIdx, g, l.cols, padded(x.shape[0]));
  const out = b.makeOutput([l.nnz], 'float32');
  (b.typedArrayFromHeap(out) as Float32Array).set(f32(k, g, l.nnz));
  return out;
};

let registered = false;

/** Registers the three kernels and the gradient on 'wasm' (idempotent). */
export function registerSparseMatMul(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, kernelFunc] of [[FORWARD, forward], [BACK_INPUT, backInput], [WEIGHT_GRAD, weightGrad]] as const) {
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  tf.registerGradient({
    kernelName: FORWARD,
    inputsToSave: ['x', 'values'],
    gradFunc: (dy, saved, attrs) => {
      const [x, values] = saved;
      const g = dy as tf.Tensor;
      return {
        x: () => tf.engine().runKernel(BACK_INPUT, { dy: g, values }, attrs) as tf.Tensor,
        values: () => tf.engine().runKernel(WEIGHT_GRAD, { x, dy: g }, attrs) as tf.Tensor,
      };
    },
  });
}

/** x [B, K] times the layer registered as `layoutId` (values: its nnz surviving weights). */
export function sparseMatMul(x: tf.Tensor2D, values: tf.Tensor, layoutId: number): tf.Tensor2D {
  return tf.engine().runKernel(FORWARD, { x, values }, { layout: layoutId }) as tf.Tensor2D;
}
