import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../../engine/experiment/normalise';
import { createPageStore } from './pageStore';
import { backendKindOf, measuredSamplesPerSecond, startQuestion } from './measuredSpeed';
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
  it('names the backend (the tightest, WASM, until one is known) and asks only for big jobs', () => {
    const s = createPageStore({ presetId: 'tiny-test', overrides: {} }).getState();
    expect(backendKindOf(s)).toBe('wasm');
    expect(startQuestion(tiny, s)).toBeNull();
    expect(startQuestion(normaliseConfig({ training: { iterations: 10_000_000 }, method: { id: 'dense' } }), s)).toMatch(/^This experiment trains 1 network for 10,000,000 iterations and needs about [\d.]+ (h|days) on a slow device/);
  });
});
