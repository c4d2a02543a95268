import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseConfig } from './normalise';
import { useNodeBackend } from '../../node/backend';
import { getModel } from '../models/model';
import { getPreset, presets } from '../presets';
import { syntheticDataset } from '../testing/synthetic';
import type { RunEvent } from './events';
import { runExperiment } from './runner';
import { estimatePreset, estimateRun, MEASURED_SPEED, runWork, speedFor } from './timeEstimate';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('time estimates', () => {
  it('counts exactly the steps and evaluated images a run makes (rounds, rewinding, controls)', async () => {
    const ds = syntheticDataset({ val: 30, test: 40 });
    const config = {
      model: 'mlp-tiny', seed: 2, data: { dataset: 'mnist', valSize: 30 },
      training: { optimizer: 'adam', lr: 0.01, batchSize: 8, iterations: 25, evalEvery: 10 },
      method: { id: 'imp', params: { rounds: 2, reset: 'rewind', rewindStep: 5 } },
      controls: ['reinit'],
    } as const;
    const events: RunEvent[] = [];
    const result = await runExperiment(normaliseConfig(config), ds, { emit: (e) => events.push(e) });
    const evals = events.filter((e) => e.type === 'eval').length;
    const work = runWork(config);
    expect(work.steps).toBe(result.rounds.reduce((n, r) => n + r.steps, 0));
    // The synthetic set has 40 test images; runWork assumes MNIST's 10,000 (the config's name), so compare evaluations.
    expect(work.evalImages / (30 + 10_000)).toBe(evals);
  });

  it('counts an instability analysis: the ticket\'s parent, the shared run to k, both copies per k and every interpolation point', async () => {
    const ds = syntheticDataset({ val: 30, test: 40 });
    const config = {
      model: 'mlp-tiny', seed: 3, data: { dataset: 'mnist', valSize: 30 },
      training: { optimizer: 'sgd', lr: 0.05, batchSize: 8, iterations: 20, evalEvery: 10 },
      method: { id: 'dense' }, lmc: { ks: [0, 5], points: 3, density: 0.5 },
    } as const;
    const events: RunEvent[] = [];
    const result = await runExperiment(normaliseConfig(config), ds, { emit: (e) => events.push(e) });
    const work = runWork(config);
    // Parent 20 + shared run to k = 5 + copies 2 × 20 + 2 × 15.
    expect(work.steps).toBe(result.rounds.reduce((n, r) => n + r.steps, 0));
    expect(work.steps).toBe(95);
    const lines = 2 * 3 * 10_000;
    expect((work.evalImages - lines) / (30 + 10_000)).toBe(events.filter((e) => e.type === 'eval').length);
  });

  it('counts the iterations of an epochs budget from the training split', () => {
    // open_lth's recipe: 2 epochs of all 60,000 images at batch 128, last partial batch kept = 2 × 469 per level.
    const w = runWork(getPreset('open-lth-lenet').config);
    expect(w.steps).toBe(11 * 2 * 469);
    expect(runWork({ data: { dataset: 'mnist', valSize: 1000, trainSubset: 500 }, training: { epochs: 3, batchSize: 100 }, method: { id: 'dense' } }).steps).toBe(15);
  });

  it('prices training and evaluation at the measured WASM speed, scales with the batch, and has no GPU guess', () => {
    const e = estimateRun({ model: 'conv2', data: { dataset: 'cifar10', valSize: 5000 }, training: { iterations: 100, evalEvery: 100, batchSize: 60 }, method: { id: 'dense' } })!;
    expect(e.steps).toBe(100);
    expect(e.evalImages).toBe(15_000);
    expect(e.trainSeconds).toBeCloseTo(100 * MEASURED_SPEED.wasm.conv2.stepSeconds);
    expect(e.evalSeconds).toBeCloseTo(15_000 * MEASURED_SPEED.wasm.conv2.evalSecondsPerImage);
    const half = estimateRun({ model: 'conv2', data: { dataset: 'cifar10' }, training: { iterations: 100, evalEvery: 100, batchSize: 30 }, method: { id: 'dense' } })!;
    expect(half.trainSeconds).toBeCloseTo(e.trainSeconds / 2);
    expect(estimateRun({ model: 'conv2', data: { dataset: 'cifar10' }, method: { id: 'dense' } }, 'webgpu')).toBeNull();
    // A model without a measurement is priced by its FLOPs at Conv-2's throughput.
    const tiny = speedFor(getModel('conv-tiny'), 'wasm')!;
    expect(tiny.evalSecondsPerImage).toBeLessThan(MEASURED_SPEED.wasm.conv2.evalSecondsPerImage / 10);
  });

  it('every MNIST preset that states a time is within 2× of the estimate (LeNet steps are mostly overhead, so looser than CIFAR)', () => {
    // "About 2½ minutes", "About a minute", "About 2 CPU-minutes", "Under a minute".
    const re = /\b(about|under) (a|\d+(?:½)?|½)(?: minute and a half)? (?:CPU-)?minutes?\b/i;
    const mnist = presets.filter((p) => (p.config.data?.dataset ?? 'mnist') === 'mnist' && re.test(p.description));
    expect(mnist.length).toBeGreaterThanOrEqual(10);
    for (const p of mnist) {
      const m = re.exec(p.description)!;
      const n = m[2] === 'a' ? (m[0].includes('and a half') ? 1.5 : 1) : m[2] === '½' ? 0.5 : parseFloat(m[2]) + (m[2].endsWith('½') ? 0.5 : 0);
      const est = estimatePreset(p)!.seconds;
      if (m[1].toLowerCase() === 'under') expect(est, `${p.id}: under ${n} min, estimate ${Math.round(est)} s`).toBeLessThan(n * 60 * 1.5);
      else expect(Math.max(n * 60 / est, est / (n * 60)), `${p.id}: about ${n} min, estimate ${Math.round(est)} s`).toBeLessThan(2);
    }
  });

  it('every CIFAR-10 preset states its time on a 2-core CPU (WASM) within 20 % of the estimate, evaluation included', () => {
    const units: Record<string, number> = { minutes: 60, h: 3600, days: 86_400 };
    const cifar = presets.filter((p) => p.config.data?.dataset === 'cifar10');
    expect(cifar.length).toBeGreaterThanOrEqual(5);
    for (const p of cifar) {
      const m = /about ([\d.]+) (minutes|h|days)[^.]*on a 2-core CPU \(WASM\)|on a 2-core CPU \(WASM\)[^.]*about ([\d.]+) (minutes|h|days)/i.exec(p.description);
      expect(m, `${p.id} states no time on a 2-core CPU (WASM)`).not.toBeNull();
      const stated = Number(m![1] ?? m![3]) * units[m![2] ?? m![4]];
      const est = estimatePreset(p)!.seconds;
      expect(Math.abs(stated - est) / est, `${p.id}: states ${stated} s, estimate ${Math.round(est)} s`).toBeLessThan(0.2);
    }
  });
});
