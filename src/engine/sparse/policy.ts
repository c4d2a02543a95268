/**
 * When a layer trains on the sparse WASM kernels instead of masked-dense.
 *
 * 'auto' compares the two per layer from its shape and surviving count with
 * the cost model below; 'off' keeps every layer masked-dense (the route every
 * other backend takes); 'force' sends every eligible layer sparse (tests).
 */
export type SparseMode = 'auto' | 'off' | 'force';

let mode: SparseMode = 'auto';

export function setSparseMode(m: SparseMode): void {
  mode = m;
}

export function sparseMode(): SparseMode {
  return mode;
}

/**
 * Per-step cost of one dense layer (forward, both gradients and the
 * optimizer) in microseconds per batch row, from `npm run bench`'s density
 * sweep on LeNet-300-100 (scripts/bench-sparse.ts prints the fit):
 *   masked-dense ≈ DENSE_PER_WEIGHT · K·N
 *   sparse       ≈ SPARSE_FIXED + SPARSE_PER_ACTIVATION · (K + N) + SPARSE_PER_NNZ · nnz
 * The sparse side pays for copying/transposing activations between tfjs's heap
 * and the kernels' memory; the dense side runs XNNPACK's GEMM at full size and
 * an optimizer over every weight.
 */
export const costModel = {
  densePerWeight: 1.6e-4,
  sparseFixed: 0.4,
  sparsePerActivation: 2.0e-3,
  sparsePerNnz: 6.0e-4,
};

/** True when the sparse kernels should run this [rows, cols] layer with `nnz` surviving weights. */
export function prefersSparse(rows: number, cols: number, nnz: number): boolean {
  if (mode === 'off') return false;
  if (mode === 'force') return true;
  const c = costModel;
  const dense = c.densePerWeight * rows * cols;
  const sparse = c.sparseFixed + c.sparsePerActivation * (rows + cols) + c.sparsePerNnz * nnz;
  return sparse < dense;
}
