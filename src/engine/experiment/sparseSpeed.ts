import type { ModelClass } from '../backend/info';
import { SPARSE_BELOW_DENSITY } from '../sparse/policy';

/**
 * How much a training step costs at a density, relative to the dense step the
 * calibration times. On WASM with the sparse kernels loaded, fully-connected
 * layers below SPARSE_BELOW_DENSITY train on them (src/engine/sparse/), with
 * work proportional to their surviving weights; convolutions always stay
 * dense. Every other backend (WebGPU, WebGL, CPU), `--sparse off`, or kernels
 * that failed to load: the masked-dense route, as fast at any density as dense.
 */

/**
 * Step time on the sparse route over the dense (masked-dense, 100 %) step, by
 * density, per model class. Measured in the page's own setting: Chromium,
 * WASM on both threads of this project's 2-core machine, sparse kernels
 * loaded, batch 60, Adam, random masks at the density in every layer, rounds
 * interleaved across densities and routes, with `node
 * scripts/bench-browser.mjs --sweep` (src/bench/page/sweep.ts; it prints each
 * figure as "sparse … ms" over "dense step"). Re-measure there after a kernel
 * change. 2026-11-30, machine shared (load average ~4):
 * - LeNet-300-100: dense step 12.95 ms (4,630 samples/s); sparse route
 *   13.87 / 8.62 / 3.47 / 2.97 / 1.95 / 1.65 ms at 100 / 50 / 20 / 10 / 5 / 2 %.
 *   On 2 threads the dense step has XNNPACK's threaded GEMM while the sparse
 *   kernels run on one, so the gain is smaller than the 1-thread sweep in
 *   bench/results.md (8× at 10 %).
 * - Conv-2 (only its fully-connected layers go sparse; the convolutions stay
 *   dense and dominate the 1.25–1.7 s step): two sweeps (2 steps × 2 rounds,
 *   3 × 3) were noisy — the masked-dense step, which does not depend on
 *   density, ranged 1.21–1.84 s — so each sparse step is taken against the
 *   mean masked-dense step of its sweep: 0.87 / 0.99 at 50 %, 0.63 / 0.63 at
 *   10 %, 0.84 / 0.85 at 2 %. The table holds the mean at 50 % and the mean
 *   of 10 % and 2 % for both (a sparser layer is not slower: the gap is
 *   noise); the gain is the dense Adam and mask multiply on fc1's 4.2 M weights.
 * Below the sparsest point the cost is held (the per-step overhead stays).
 */
export const SPARSE_STEP_COST: Readonly<Record<ModelClass, readonly (readonly [density: number, cost: number])[]>> = {
  mlp: [[1, 1.071], [0.5, 0.666], [0.2, 0.268], [0.1, 0.229], [0.05, 0.151], [0.02, 0.128]],
  conv: [[1, 1], [0.5, 0.93], [0.1, 0.74], [0.02, 0.74]],
};

/** Where a job trains: its model class, and whether pruned layers take the sparse kernels there. */
export interface TrainingRoute {
  modelClass: ModelClass;
  sparseKernels: boolean;
}

/** The sparse route's step cost at `density`: interpolated on log density between the measured points, held flat beyond them. */
function sparseCost(points: readonly (readonly [number, number])[], density: number): number {
  const d = Math.min(1, Math.max(density, points[points.length - 1][0]));
  for (let i = 1; i < points.length; i++) {
    const [d1, c1] = points[i - 1];
    const [d2, c2] = points[i];
    if (d >= d2) return c1 + ((c2 - c1) * Math.log(d / d1)) / Math.log(d2 / d1);
  }
  return points[points.length - 1][1];
}

/** A step (or an evaluated image) at `density` costs this many dense ones on `route`; 1 off the sparse route or above the crossover. */
export function stepCost(density: number, route: TrainingRoute | null): number {
  if (!route?.sparseKernels || !(density < SPARSE_BELOW_DENSITY)) return 1;
  return sparseCost(SPARSE_STEP_COST[route.modelClass], density);
}

/** Training samples (and evaluated images) of a job at each density it trains at. */
export interface DensityWork {
  density: number;
  samples: number;
  evalSamples: number;
}

/** The job's work in dense-step equivalents: what the calibration's dense samples/s divides. */
export function denseEquivalent(work: readonly DensityWork[], route: TrainingRoute | null): { samples: number; evalSamples: number } {
  let samples = 0;
  let evalSamples = 0;
  for (const w of work) {
    const c = stepCost(w.density, route);
    samples += w.samples * c;
    evalSamples += w.evalSamples * c;
  }
  return { samples, evalSamples };
}

/**
 * The dense samples/s behind a speed measured while training at `density` (a
 * finished round of IMP at 2 % runs ~4× the calibration's rate): the figure
 * the estimate divides dense-equivalent work by.
 */
export const denseSamplesPerSec = (measured: number, density: number, route: TrainingRoute | null): number => measured * stepCost(density, route);
