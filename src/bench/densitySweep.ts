/**
 * The density sweep of `npm run bench` (issue #14): the lab's LeNet-300-100
 * step at 100/50/20/10/5/2 % density on the sparse WASM route and on the
 * masked-dense route, with rounds interleaved across every (density, route)
 * so a slow spell on a shared machine hits all of them alike. Browser-safe,
 * like stepTiming.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { initWeights, getModel, denseMasks, randomMasksWithDensities, setSparseMode, sparseMode, SparseNet, Rng } from '../engine';
import { DEFAULT_STEP_BENCH, makeBatches, median, round, runSteps, type Bench, type StepBenchOptions } from './stepTiming';

export const SWEEP_DENSITIES = [1, 0.5, 0.2, 0.1, 0.05, 0.02];

export type SweepRoute = 'sparse' | 'masked-dense';

export interface SweepPoint {
  density: number;
  route: SweepRoute;
  /** Layers that ran on the sparse kernels (the sparse route forces every fully-connected layer). */
  sparseLayers: string[];
  /** Layers the default policy ('auto') would run sparse at this density. */
  autoSparseLayers: string[];
  medianMs: number;
  samplesPerSec: number;
  /** Median process CPU ms per step, when a cpuClock was given (steadier than wall time on a shared machine). */
  cpuMs?: number;
  kernelsPerStep: number;
  tensorsFlat: boolean;
}

function makeNet(density: number, route: SweepRoute, o: StepBenchOptions): { bench: Bench; auto: string[] } {
  const model = getModel(o.model);
  const theta0 = initWeights(model, o.seed);
  const like = denseMasks(model);
  const masks = density === 1 ? like
    : randomMasksWithDensities(like, Object.fromEntries(Object.keys(like).map((k) => [k, density])), Rng.derive(o.seed, 'bench-mask'));
  const prev = sparseMode();
  try {
    // The route is fixed when the net adopts its masks; what 'auto' picks is recorded alongside.
    setSparseMode('auto');
    const probe = new SparseNet(model, theta0, masks, { kind: 'adam' });
    const auto = probe.sparse?.names ?? [];
    probe.dispose();
    setSparseMode(route === 'sparse' ? 'force' : 'off');
    return { bench: { variant: 'masked', net: new SparseNet(model, theta0, masks, { kind: 'adam' }), theta0 }, auto };
  } finally {
    setSparseMode(prev);
  }
}

/** Times every density on both routes (WASM backend); returns one point per (density, route). */
export async function densitySweep(opts: Partial<StepBenchOptions> = {}, densities = SWEEP_DENSITIES, onRound?: (r: number) => void): Promise<SweepPoint[]> {
  const o = { ...DEFAULT_STEP_BENCH, ...opts };
  const cells = densities.flatMap((density) => (['sparse', 'masked-dense'] as SweepRoute[]).map((route) => {
    const { bench, auto } = makeNet(density, route, o);
    return { density, route, bench, auto, sparse: bench.net.sparse?.names ?? [] };
  }));
  const data = makeBatches(cells[0].bench.net.model, o.batch, o.seed);
  const classes = cells[0].bench.net.model.numClasses;
  const ms = cells.map(() => [] as number[]);
  const cpu = cells.map(() => [] as number[]);
  const tensors = cells.map(() => [] as number[]);
  const kernels: number[] = [];
  try {
    for (const c of cells) {
      await round(c.bench, data, o, classes); // warm-up, not recorded
      const info = await tf.profile(() => runSteps(c.bench, data, 1, o.lr, classes) as tf.Scalar);
      tf.dispose(info.result as tf.Tensor);
      kernels.push(info.kernels.length);
    }
    for (let r = 0; r < o.rounds; r++) {
      for (const [i, c] of cells.entries()) {
        const t = await round(c.bench, data, o, classes);
        ms[i].push(t.ms);
        cpu[i].push(t.cpu);
        tensors[i].push(tf.memory().numTensors);
      }
      onRound?.(r);
    }
  } finally {
    cells.forEach((c) => c.bench.net.dispose());
  }
  return cells.map((c, i) => ({
    density: c.density, route: c.route, sparseLayers: c.sparse, autoSparseLayers: c.auto,
    medianMs: median(ms[i]), samplesPerSec: (o.batch * 1000) / median(ms[i]), kernelsPerStep: kernels[i],
    ...(o.cpuClock ? { cpuMs: median(cpu[i]) } : {}),
    tensorsFlat: tensors[i].every((n) => n === tensors[i][0]),
  }));
}
