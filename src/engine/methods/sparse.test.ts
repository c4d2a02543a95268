import * as tf from '@tensorflow/tfjs';
import { normaliseConfig } from '../experiment/normalise';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { Batcher } from '../data/batcher';
import type { RunEvent } from '../experiment/events';
import { runExperiment } from '../experiment/runner';
import { toTensors } from '../experiment/trainRound';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { countPrunable, prunableParams } from '../models/types';
import { allocateDensities, densitiesToCounts } from '../pruning/allocation';
import { denseMasks, nnz } from '../pruning/masks';
import { syntheticDataset } from '../testing/synthetic';
import { SparseNet } from '../train/sparseNet';
import { Rng } from '../util/rng';
import { methods } from './registry';
import { snipMasks, snipSaliency } from './snip';

const ds = syntheticDataset();
const model = getModel('mlp-tiny', ds.inputShape, ds.numClasses);
const m = countPrunable(model);
const training = { optimizer: 'adam' as const, lr: 0.01, batchSize: 32, iterations: 40, evalEvery: 20 };

beforeAll(async () => {
  await useNodeBackend('cpu');
});

async function run(id: string, params: Record<string, unknown>, seed = 0) {
  const events: RunEvent[] = [];
  const result = await runExperiment(normaliseConfig({ model: 'mlp-tiny', seed, training, method: { id, params } }), ds, { emit: (e) => events.push(e) });
  const masks = events.filter((e): e is Extract<RunEvent, { type: 'masks' }> => e.type === 'masks');
  const warnings = events.filter((e): e is Extract<RunEvent, { type: 'warning' }> => e.type === 'warning');
  return { result, masks, warnings };
}

describe('method contract', () => {
  it('every method has a two-sentence summary citing its paper and a URL', () => {
    for (const meth of Object.values(methods)) {
      expect(meth.paper).toMatch(/^https:\/\//);
      expect(meth.summary.length).toBeGreaterThan(80);
    }
  });
});

describe('SNIP (check 12)', () => {
  it('saliencies are non-negative, sum to 1, and exactly κ are kept globally', async () => {
    const net = new SparseNet(model, initWeights(model, 1), denseMasks(model), { kind: 'adam' });
    const { x, y } = toTensors(new Batcher(ds, 100, new Rng(2)).next(), 8, 8, 1, ds.numClasses);
    const { loss, grads } = net.lossAndDenseGrads(x, y);
    const g: Record<string, Float32Array> = {};
    for (const [n, t] of Object.entries(grads)) g[n] = (await t.data()) as Float32Array;
    tf.dispose([x, y, loss, ...Object.values(grads)]);
    const names = prunableParams(model).map((p) => p.name);
    const s = snipSaliency(await net.readWeights(), g, names);
    net.dispose();
    let sum = 0;
    for (const n of names) for (const v of s[n]) { expect(v).toBeGreaterThanOrEqual(0); sum += v; }
    expect(sum).toBeCloseTo(1, 5);
    const masks = snipMasks(s, denseMasks(model), 0.05);
    const kept = names.reduce((k, n) => k + nnz(masks[n]), 0);
    expect(kept).toBe(Math.round(0.05 * m));
    let minKept = Infinity;
    let maxPruned = -Infinity;
    for (const n of names) s[n].forEach((v, i) => (masks[n][i] ? (minKept = Math.min(minKept, v)) : (maxPruned = Math.max(maxPruned, v))));
    expect(minKept).toBeGreaterThanOrEqual(maxPruned);
  });

  it('runs with one init batch, keeps κ weights and trains on a fresh draw', async () => {
    const { result, masks } = await run('snip', { density: 0.2 });
    expect(masks[0].layers.reduce((k, l) => k + l.nnz, 0)).toBe(Math.round(0.2 * m));
    expect(result.rounds[0].finalTestAcc).toBeGreaterThan(0.25);
  });
});

describe('random pruning at init', () => {
  it.each(['uniform', 'erk', 'uniform-plus'])('%s has exact per-layer counts', async (distribution) => {
    const { masks } = await run('random', { distribution, density: 0.1 });
    const layers = prunableParams(model);
    const counts = densitiesToCounts(layers, allocateDensities(distribution as 'erk', layers, 0.1));
    for (const l of masks[0].layers) expect(l.nnz).toBe(counts[l.name]);
  });
});

describe('pruning during training', () => {
  it.each([
    ['granet', { density: 0.1 }],
    ['granet', { density: 0.1, initialDensity: 0.5 }],
    ['granet', { density: 0.1, scope: 'layerwise' }],
    ['gmp', { density: 0.1 }],
  ])('%s %j ends exactly at the target density with monotone pruning', async (id, params) => {
    const { result, masks } = await run(id, params);
    expect(masks.length).toBeGreaterThan(3);
    const total = masks[0].layers.reduce((k, l) => k + l.size, 0);
    const last = masks[masks.length - 1];
    expect(last.layers.reduce((k, l) => k + l.nnz, 0)).toBe(Math.round(0.1 * total));
    for (let i = 1; i < masks.length; i++) expect(masks[i].density).toBeLessThanOrEqual(masks[i - 1].density + 1e-12);
    expect(result.rounds[0].density).toBeCloseTo(0.1, 3);
    if (id === 'granet' && 'initialDensity' in params) expect(masks[0].density).toBeCloseTo(0.5, 2);
  });

  it('RigL keeps every layer count constant and stops at T_end', async () => {
    const { masks } = await run('rigl', { density: 0.2, end: 0.5, interval: 0.1 });
    expect(masks.length).toBeGreaterThan(1);
    for (const e of masks) e.layers.forEach((l, i) => expect(l.nnz).toBe(masks[0].layers[i].nnz));
    for (const e of masks) expect(e.step).toBeLessThanOrEqual(20);
  });

  it('one-shot (magnitude and LAMP) and iterative LAMP hit their densities', async () => {
    for (const score of ['magnitude', 'lamp']) {
      const { result } = await run('oneshot', { density: 0.05, score });
      expect(result.rounds.map((r) => r.round)).toEqual([0, 1]);
      expect(Math.round(result.rounds[1].density * m)).toBe(Math.round(0.05 * m));
    }
    const { result } = await run('lamp', { targetDensities: [0.5, 0.2] });
    expect(result.rounds.map((r) => Math.round(r.density * m))).toEqual([m, Math.round(0.5 * m), Math.round(0.2 * m)]);
  });
});

describe('layer collapse (check 27)', () => {
  it('warns when a method empties a layer at init, between rounds and during training', async () => {
    // 3 weights of 2,624 cannot cover three layers under a single global threshold.
    for (const [id, params] of [['snip', { density: 0.001 }], ['oneshot', { density: 0.001 }], ['gmp', { density: 0.001 }]] as const) {
      const { warnings } = await run(id, params);
      expect(warnings.some((w) => w.code === 'layer-collapse')).toBe(true);
    }
    // LAMP and per-layer regrowth never empty a layer.
    const lamp = await run('oneshot', { density: 0.002, score: 'lamp' });
    expect(lamp.warnings.some((w) => w.code === 'layer-collapse')).toBe(false);
  });
});
