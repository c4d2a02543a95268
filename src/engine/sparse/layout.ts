/**
 * Column-compressed (CSC) layout of one masked kernel W [K, N] (y = x·W).
 *
 * Why columns: the forward pass accumulates each output column in SIMD
 * registers (a gather of input rows), the input gradient scatters from the
 * same column, and the weight gradient is one dot per entry — one layout
 * serves all three products (wasm/sparseKernels.ts). A blocked layout was not
 * needed: at the batch sizes of these experiments every entry already does a
 * full-width SIMD axpy/dot over the batch (measured in scripts/bench-sparse.ts).
 *
 * The index arrays live in the kernel module's memory and are rebuilt only
 * when the mask changes; `positions` maps entry p back to its flat index
 * i·N + j in the dense tensor (gather/scatter between the two forms).
 */
import { i32, type SparseKernelExports } from './wasmModule';

export class SparseLayout {
  readonly nnz: number;
  /** Flat dense index of every stored entry, in storage order. */
  readonly positions: Int32Array;
  readonly colPtr: number;
  readonly rowIdx: number;
  private disposed = false;

  constructor(private readonly k: SparseKernelExports, mask: Uint8Array, readonly rows: number, readonly cols: number) {
    if (mask.length !== rows * cols) throw new Error(`sparse layout: mask has ${mask.length} entries, shape is ${rows}×${cols}`);
    const counts = new Int32Array(cols + 1);
    for (let i = 0, o = 0; i < rows; i++) for (let j = 0; j < cols; j++, o++) if (mask[o]) counts[j + 1]++;
    for (let j = 0; j < cols; j++) counts[j + 1] += counts[j];
    this.nnz = counts[cols];
    const rowIdx = new Int32Array(this.nnz);
    this.positions = new Int32Array(this.nnz);
    const next = counts.slice(0, cols);
    for (let i = 0, o = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++, o++) {
        if (!mask[o]) continue;
        const p = next[j]++;
        rowIdx[p] = i;
        this.positions[p] = o;
      }
    }
    this.colPtr = k.alloc(4 * (cols + 1)) >>> 0;
    this.rowIdx = k.alloc(4 * Math.max(1, this.nnz)) >>> 0;
    i32(k, this.colPtr, cols + 1).set(counts);
    i32(k, this.rowIdx, this.nnz).set(rowIdx);
  }

  /** Values at the stored positions of a dense [K, N] array. */
  gather(dense: Float32Array, out = new Float32Array(this.nnz)): Float32Array {
    for (let p = 0; p < this.nnz; p++) out[p] = dense[this.positions[p]];
    return out;
  }

  /** A dense [K, N] array with `values` at the stored positions and zeros elsewhere. */
  scatter(values: Float32Array): Float32Array {
    const out = new Float32Array(this.rows * this.cols);
    for (let p = 0; p < this.nnz; p++) out[this.positions[p]] = values[p];
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.k.release(this.colPtr);
    this.k.release(this.rowIdx);
  }
}
