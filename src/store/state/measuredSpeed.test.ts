import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../../engine/experiment/normalise';
import { createPageStore } from './pageStore';
import { stepCost } from '../../engine/experiment/sparseSpeed';
import { backendKindOf, measuredSamplesPerSecond, measuredSpeed, startQuestion } from './measuredSpeed';
import { round } from './testing';
import type { RunRecord } from './resultsSlice';

const tiny = normaliseConfig({ model: 'mlp-tiny' });
const record = (key: string, model: string, sps: number, source?: RunRecord['source']): RunRecord => ({
  key, label: key, group: key, seriesName: key, methodId: 'imp', input: { model }, config: normaliseConfig({ model }), backend: 'wasm', status: 'finished',
  plan: [], rounds: [{ ...round('trunk', 0, 1), samplesPerSec: sps }], ...(source ? { source } : {}),
});

describe("this device's measured speed and the question before a big start", () => {
  it('uses the newest run trained here on the same model; never a link, file or another model', () => {
    const s = createPageStore({ presetId: 'tiny-test', overrides: {} }).getState();
    expect(measuredSamplesPerSecond(s)).toBeNull();
    const runs = [record('a', 'mlp-tiny', 900), record('b', 'lenet300', 50), record('c', 'mlp-tiny', 5000, 'file')];
    expect(measuredSamplesPerSecond({ ...s, runs })).toBe(900);
    expect(measuredSamplesPerSecond({ ...s, runs, draft: { model: 'conv6' } })).toBeNull();
  });
  it("normalises a run's speed by the densities it trained at, so a sparse last run does not make a dense job look fast", () => {
    const s = createPageStore({ presetId: 'tiny-test', overrides: {} }).getState();
    const sparseRun: RunRecord = {
      ...record('a', 'mlp-tiny', 0),
      rounds: [{ ...round('trunk', 0, 1), samplesPerSec: 5000, seconds: 24 }, { ...round('trunk', 1, 0.02), samplesPerSec: 20_000, seconds: 6 }],
    };
    const c = stepCost(0.02, { modelClass: 'mlp', sparseKernels: true });
    expect(c).toBeLessThan(1);
    expect(measuredSamplesPerSecond({ ...s, runs: [sparseRun] })).toBeCloseTo((5000 * 24 + 20_000 * 6 * c) / 30, 6);
    // Trained on WebGPU: no sparse route, the speed stands as measured.
    expect(measuredSamplesPerSecond({ ...s, runs: [{ ...sparseRun, backend: 'webgpu' }] })).toBeCloseTo((5000 * 24 + 20_000 * 6) / 30, 6);
    // The run training now, in its first (sparse) training: its speed at that density, made dense.
    const snip = { ...record('b', 'mlp-tiny', 0), config: normaliseConfig({ model: 'mlp-tiny', method: { id: 'snip', params: { density: 0.02 } } }), rounds: [], status: 'running' as const };
    const progress = { series: 'trunk' as const, round: 0, step: 50, roundSteps: 100, samplesPerSec: 20_000, runDone: 50, runTotal: 100 } as NonNullable<typeof s.progress>;
    expect(measuredSpeed({ ...s, runs: [snip], activeRunKey: 'b', progress })).toEqual({ samplesPerSec: 20_000 * c, source: 'this run' });
  });
  it('names the backend (the tightest, WASM, until one is known) and asks only for big jobs', () => {
    const s = createPageStore({ presetId: 'tiny-test', overrides: {} }).getState();
    expect(backendKindOf(s)).toBe('wasm');
    expect(startQuestion(tiny, s)).toBeNull();
    expect(startQuestion(normaliseConfig({ training: { iterations: 10_000_000 }, method: { id: 'dense' } }), s)).toMatch(/^This experiment trains 1 network for 10,000,000 iterations and needs about [\d.]+ (h|days) on a slow device/);
  });
});
