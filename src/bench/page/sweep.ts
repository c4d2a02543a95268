/**
 * bench.html?backend=wasm&threads=N&sweep=lenet300,conv2: the density sweep
 * (src/bench/densitySweep.ts) on the page's own WASM (every core, sparse
 * kernels loaded), with the calibration's timing of the dense step
 * (measureTrainingStep, as the worker runs it at page load) before and after.
 * These are the figures behind SPARSE_STEP_COST
 * (src/engine/experiment/sparseSpeed.ts): the page prices each round of a job
 * at the calibration's dense speed times the sparse route's cost at the
 * round's density. `node scripts/bench-browser.mjs --sweep` runs it.
 */
import { getModel } from '../../engine';
import { measureTrainingStep } from '../../engine/backend/calibrate';
import { densitySweep, SWEEP_DENSITIES, type SweepPoint } from '../densitySweep';

export interface SweepPageResult {
  model: string;
  /** Calibration samples/s (dense step, page-load budget) before and after the sweep. */
  calibration: [number, number];
  points: SweepPoint[];
}

/** Conv steps take ~0.5 s on a 2-core CPU: fewer densities and steps keep the page under a few minutes. */
const CONV_DENSITIES = [1, 0.5, 0.1, 0.02];

export async function sweepPage(q: URLSearchParams): Promise<SweepPageResult[]> {
  const out: SweepPageResult[] = [];
  for (const id of (q.get('sweep') || 'lenet300').split(',')) {
    const model = getModel(id);
    const conv = model.params.some((p) => p.shape.length === 4);
    const num = (k: string, fallback: number) => Number(q.get(k) ?? fallback);
    const opts = { model: id, steps: num('steps', conv ? 2 : 40), rounds: num('rounds', conv ? 2 : 5), warmupSteps: conv ? 1 : 3 };
    const before = (await measureTrainingStep(model, 60)).samplesPerSec;
    const points = await densitySweep(opts, conv ? CONV_DENSITIES : SWEEP_DENSITIES);
    const after = (await measureTrainingStep(model, 60)).samplesPerSec;
    out.push({ model: id, calibration: [before, after], points });
  }
  return out;
}
