/**
 * bench.html?backend=wasm&threads=2&preset=lth-mnist-quick&sparse=off|auto:
 * one preset end to end in the browser, on the page's threaded WASM, with the
 * sparse kernels on (auto, the page's default) or off (masked-dense) — the
 * page half of issue #14's before/after. scripts/bench-browser.mjs --preset
 * runs both in one browser and prints the ratio.
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset, normaliseConfig, runExperiment, YieldingControl, presets, parseSparseMode, setSparseMode } from '../../engine';
import { cachedDataFetch } from '../../worker/dataCache';
import { fetchReader } from '../../worker/fetchReader';

export interface PresetRunResult {
  preset: string;
  sparse: string;
  /** Wall seconds of runExperiment (data already loaded), evaluation included. */
  seconds: number;
  trainingSteps: number;
  /** Training samples per wall second (evaluation included, as the CLI's closing line counts them). */
  samplesPerSec: number;
  /** Final test accuracy per training, in run order (the two routes must agree). */
  finalTestAcc: number[];
}

export async function presetRun(q: URLSearchParams): Promise<PresetRunResult> {
  const id = q.get('preset')!;
  const preset = presets.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset ${id}`);
  const sparse = parseSparseMode(q.get('sparse') ?? 'auto');
  setSparseMode(sparse);
  const config = normaliseConfig(preset.config);
  const ds = await loadDataset(config.data.dataset, fetchReader(import.meta.env.BASE_URL, cachedDataFetch()), config.data);
  const t0 = performance.now();
  const result = await runExperiment(config, ds, { control: new YieldingControl() });
  const seconds = (performance.now() - t0) / 1000;
  const steps = result.rounds.reduce((s, r) => s + r.steps, 0);
  if (tf.getBackend() !== 'wasm') throw new Error(`ran on ${tf.getBackend()}, not wasm`);
  return {
    preset: id, sparse, seconds, trainingSteps: steps,
    samplesPerSec: (steps * config.training.batchSize) / seconds,
    finalTestAcc: result.rounds.map((r) => r.finalTestAcc),
  };
}
