import { LabError } from '../errors';

/**
 * When a layer trains on the sparse WASM kernels instead of masked-dense.
 *
 * 'auto' decides per layer from its density (SPARSE_BELOW_DENSITY); 'off' keeps every layer masked-dense (the route every
 * other backend takes); 'force' sends every eligible layer sparse (tests).
 */
export const SPARSE_MODES = ['auto', 'off', 'force'] as const;
export type SparseMode = (typeof SPARSE_MODES)[number];

let mode: SparseMode = 'auto';

export function setSparseMode(m: SparseMode): void {
  mode = m;
}

export function parseSparseMode(s: string): SparseMode {
  if ((SPARSE_MODES as readonly string[]).includes(s)) return s as SparseMode;
  throw new LabError(`--sparse must be ${SPARSE_MODES.join(', ')}, not "${s}"`);
}

export function sparseMode(): SparseMode {
  return mode;
}

/**
 * Density below which a fully-connected layer runs sparse. Measured by `npm
 * run bench`'s density sweep (LeNet-300-100, batch 60, Adam, WASM 1 thread,
 * CPU ms per step on the shared 2-core machine): the sparse route took
 * 8.5 / 5.2 / 3.0 / 2.5 / 1.5 / 1.6 ms at 100 / 50 / 20 / 10 / 5 / 2 %
 * against 11.5–12.8 ms masked-dense at every density — it is ahead already at
 * 100 % (it skips the mask multiplies and runs one fused optimizer pass instead
 * of ~14 element-wise kernels per tensor). The crossover is set below 100 % all
 * the same: an unpruned layer (round 0 of IMP, the dense baseline) keeps
 * XNNPACK's GEMM and the exact arithmetic of the masked-dense route.
 */
export const SPARSE_BELOW_DENSITY = 0.75;

/** True when the sparse kernels should run this [rows, cols] layer with `nnz` surviving weights. */
export function prefersSparse(rows: number, cols: number, nnz: number): boolean {
  if (mode === 'off') return false;
  if (mode === 'force') return true;
  return nnz < SPARSE_BELOW_DENSITY * rows * cols;
}
