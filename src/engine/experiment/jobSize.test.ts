import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPreset, presets } from '../presets';
import { BACKEND_KINDS, combineJobSizes, confirmationReason, expectedTime, jobSize, memoryRefusal, type JobSize } from './jobSize';
import { normaliseConfig } from './normalise';

const size = (input: unknown) => jobSize(normaliseConfig(input))!;

describe('job size before Start', () => {
  it('counts networks, iterations and samples as the runner plans them', () => {
    // IMP with 6 pruning rounds: 7 trunk trainings + the re-init control at each of the 6 pruned rounds.
    const quick = size(getPreset('lth-mnist-quick').config);
    expect(quick).toMatchObject({ networks: 13, iterations: 13 * 2000, samples: 13 * 2000 * 60, parameters: 266_610 });
    const tiny = size(getPreset('tiny-test').config);
    expect(tiny.networks).toBe(3);
    expect(tiny.samples).toBe(tiny.iterations * 32);
  });

  it('lets every preset fit every backend, and refuses Conv-6 × batch 4096 with the number', () => {
    for (const p of presets) for (const b of BACKEND_KINDS) expect(memoryRefusal(size(p.config), b, p.config.model ?? '', 60), `${p.id} on ${b}`).toBeNull();
    const huge = size({ model: 'conv6', data: { dataset: 'cifar10' }, training: { batchSize: 4096 } });
    expect(memoryRefusal(huge, 'wasm', 'Conv-6', 4096)).toMatch(/^This run needs about \d+\.\d GB on wasm \(Conv-6 × batch 4096\); wasm can hold about 4\.3 GB — lower the batch size or choose a smaller model$/);
  });

  it('asks before a long or big job, from measured speed or, before calibration, a slow device', () => {
    const link = size({ training: { iterations: 10_000_000 }, method: { id: 'imp', params: { rounds: 60 } }, controls: ['reinit'] });
    expect(link.iterations).toBe(1_210_000_000);
    const t = expectedTime(link, null);
    expect(t.basis).toBe('conservative');
    expect(confirmationReason(link, t, 'wasm')).toMatch(/^This experiment trains 121 networks for 1,210,000,000 iterations and needs about [\d,]+ days on a slow device \(not calibrated yet\)\.$/);
    const tiny = size(getPreset('tiny-test').config);
    expect(confirmationReason(tiny, expectedTime(tiny, null), 'wasm')).toBeNull();
    expect(expectedTime(tiny, 1000)).toEqual({ seconds: (tiny.samples + tiny.evalSamples / 3) / 1000, basis: 'measured' });
  });

  it('records the density each round trains at (IMP halves it per round; SNIP fixed; GraNet on its schedule)', () => {
    const quick = size(getPreset('lth-mnist-quick').config);
    expect(quick.modelClass).toBe('mlp');
    expect(quick.work.map((w) => w.density)).toEqual([1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625]);
    expect(quick.work.map((w) => w.samples)).toEqual([120_000, ...Array(6).fill(240_000)]);
    expect(quick.work.reduce((n, w) => n + w.evalSamples, 0)).toBe(quick.evalSamples);
    expect(size({ method: { id: 'snip', params: { density: 0.05 } } }).work.map((w) => w.density)).toEqual([0.05]);
    const granet = size({ method: { id: 'granet', params: { density: 0.1, pruneEnd: 0.5 } } }).work;
    expect(granet[0].density).toBeLessThan(1);
    expect(granet.at(-1)!.density).toBeCloseTo(0.1, 10);
    expect(size({ model: 'conv2', data: { dataset: 'cifar10' }, method: { id: 'dense' } })).toMatchObject({ modelClass: 'conv', work: [{ density: 1 }] });
  });

  it("prices pruned rounds on the sparse kernels: lth-mnist-quick's time as measured on this machine", () => {
    const quick = size(getPreset('lth-mnist-quick').config);
    const dense = (s: JobSize, sps: number) => (s.samples + s.evalSamples / 3) / sps;
    // The page's calibration timed the dense step at 4,695 samples/s; the run then took 134 s (page, quiet machine).
    const t = expectedTime(quick, 4695, true).seconds;
    expect(t).toBeGreaterThan(134 / 1.3);
    expect(t).toBeLessThan(134 * 1.3);
    // Without the sparse route (WebGPU, WebGL, --sparse off) every density trains at the dense speed, as before.
    expect(expectedTime(quick, 4695, false).seconds).toBeCloseTo(dense(quick, 4695), 6);
    expect(expectedTime(quick, 4695).seconds).toBeCloseTo(dense(quick, 4695), 6);
    // A dense job is the same on either route.
    const denseJob = size({ method: { id: 'dense' } });
    expect(expectedTime(denseJob, 4695, true).seconds).toBeCloseTo(dense(denseJob, 4695), 6);
    // A comparison keeps each run's densities.
    const both = combineJobSizes([quick, denseJob])!;
    expect(expectedTime(both, 4695, true).seconds).toBeCloseTo(t + dense(denseJob, 4695), 6);
  });

  it('imports nothing that pulls in tfjs (it runs on the page before any backend loads)', () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/^import (?!type )[^;]*from '@tensorflow/m);
      for (const m of text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)'/gm)) walk(resolve(dirname(file), `${m[1]}.ts`));
    };
    walk(join(__dirname, 'jobSize.ts'));
    expect(seen.size).toBeGreaterThan(5);
  });
});
