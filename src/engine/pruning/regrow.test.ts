import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { Batcher } from '../data/batcher';
import { parseRunConfig } from '../experiment/config';
import { toTensors } from '../experiment/trainRound';
import { gradualUpdate } from '../methods/granet';
import { randomSparseMasks } from '../methods/random';
import type { TrainingContext } from '../methods/types';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { syntheticDataset } from '../testing/synthetic';
import { SparseNet } from '../train/sparseNet';
import { Rng } from '../util/rng';
import { nnz, overallDensity, type Masks } from './masks';
import { dropAndRegrow, growCandidates } from './regrow';
import { indicesWhere } from './topk';

const ds = syntheticDataset();
const model = getModel('mlp-tiny', ds.inputShape, ds.numClasses);

beforeAll(async () => {
  await useNodeBackend('cpu');
});

/** A sparse net trained a few steps with Adam, then one more step that returns dL/d(W⊙M). */
async function trainedWithGrads() {
  const masks = randomSparseMasks(model, 'uniform', 0.3, new Rng(4));
  const net = new SparseNet(model, initWeights(model, 5), masks, { kind: 'adam' });
  const b = new Batcher(ds, 32, new Rng(1));
  let grads: Record<string, Float32Array> = {};
  for (let i = 0; i < 6; i++) {
    const { x, y } = toTensors(b.next(), 8, 8, 1, ds.numClasses);
    const r = net.step(x, y, 0.01, i === 5);
    if (r.denseGrads) for (const [n, g] of Object.entries(r.denseGrads)) grads[n] = (await g.data()) as Float32Array;
    tf.dispose([x, y, r.loss, ...Object.values(r.denseGrads ?? {})]);
  }
  return { net, masks, grads, weights: await net.readWeights() };
}

describe('prune-and-regrow (algorithms.md §11, check 10)', () => {
  it('the dense gradient is non-zero at masked positions', async () => {
    const { net, masks, grads } = await trainedWithGrads();
    for (const name of Object.keys(masks)) {
      const inactive = indicesWhere(masks[name], 0);
      const nonZero = Array.from(inactive).filter((i) => grads[name][i] !== 0).length;
      expect(nonZero).toBeGreaterThan(inactive.length / 2);
    }
    net.dispose();
  });

  it('keeps nnz per layer, grows only at inactive positions ranked by |dL/d(W⊙M)|, and starts them at zero', async () => {
    const { net, masks, grads, weights } = await trainedWithGrads();
    const counts = Object.fromEntries(Object.keys(masks).map((n) => [n, Math.ceil(0.3 * nnz(masks[n]))]));
    const { masks: next, grown, dropped } = dropAndRegrow(weights, grads, masks, counts);
    for (const name of Object.keys(masks)) {
      expect(nnz(next[name])).toBe(nnz(masks[name]));
      expect(grown[name].length).toBe(dropped[name].length);
      expect(grown[name].length).toBeGreaterThan(0);
      // Candidates after the drop are exactly the inactive positions.
      const afterDrop = masks[name].slice();
      for (const i of indicesWhere(masks[name], 1)) if (!next[name][i] && !grown[name].includes(i)) afterDrop[i] = 1;
      const dropSet = new Set<number>();
      const alive = Array.from(indicesWhere(masks[name], 1)).sort((a, b) => Math.abs(weights[name][a]) - Math.abs(weights[name][b]) || b - a);
      alive.slice(0, counts[name]).forEach((i) => dropSet.add(i));
      const cand = growCandidates(Uint8Array.from(masks[name], (v, i) => (v && !dropSet.has(i) ? 1 : 0)));
      const candSet = new Set(cand);
      for (let i = 0; i < masks[name].length; i++) expect(candSet.has(i)).toBe(masks[name][i] === 0 || dropSet.has(i));
      // The grown set is the top-k of |g| among the candidates.
      const chosen = Array.from(cand).filter((i) => next[name][i] === 1);
      expect(chosen.length).toBe(counts[name]);
      const minChosen = Math.min(...chosen.map((i) => Math.abs(grads[name][i])));
      const maxOther = Math.max(...Array.from(cand).filter((i) => !next[name][i]).map((i) => Math.abs(grads[name][i])));
      expect(minChosen).toBeGreaterThanOrEqual(maxOther);
      for (const i of grown[name]) expect(masks[name][i]).toBe(0);
    }
    // Install the new masks: regrown weights and their Adam moments are exactly 0.
    net.setMasks(next);
    const w = await net.readWeights();
    const state = net.optimizer.state();
    for (const name of Object.keys(masks)) {
      const slots = await Promise.all(state[name].map(async (v) => (await v.data()) as Float32Array));
      expect(slots.length).toBe(2);
      for (const i of grown[name]) {
        expect(Math.abs(w[name][i])).toBe(0);
        for (const s of slots) expect(Math.abs(s[i])).toBe(0);
      }
      for (const i of dropped[name]) expect(Math.abs(w[name][i])).toBe(0);
    }
    net.dispose();
  });

  it('a GraNet update reaches the schedule density exactly and regrowth alone leaves layer counts unchanged', async () => {
    const { net, masks, grads, weights } = await trainedWithGrads();
    const config = parseRunConfig({});
    // As in training, weights are exactly zero wherever the mask is 0.
    const masked = (m: Masks) => Object.fromEntries(Object.entries(weights).map(([n, w]) => [n, m[n] ? w.map((v, i) => v * m[n][i]) : w]));
    const ctx = (step: number, m: Masks, g = grads): TrainingContext => ({ model, config, weights: masked(m), masks: m, grads: g, rng: new Rng(0), step, totalSteps: 100 });
    // A later batch's gradient (static weights and gradients would just re-pick the same positions).
    const noise = new Rng(7);
    const grads2 = Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, g.map(() => noise.normal())]));
    const opts = { density: 0.1, initialDensity: 0.3, pruneStart: 0, pruneEnd: 0.5, scope: 'global' as const, regrowth: 0.5, regrowthMin: 0.005 };
    const total = Object.values(masks).reduce((n, m) => n + m.length, 0);
    // t = tf: the cubic schedule is at its final value.
    const atEnd = gradualUpdate(ctx(50, masks), opts)!;
    expect(Math.round(overallDensity(atEnd) * total)).toBe(Math.round(0.1 * total));
    // After tf only regrowth happens.
    const later = gradualUpdate(ctx(80, atEnd, grads2), opts);
    expect(later).not.toBeNull();
    if (!later) return;
    for (const name of Object.keys(masks)) expect(nnz(later[name])).toBe(nnz(atEnd[name]));
    expect(gradualUpdate(ctx(100, atEnd, grads2), opts)).toBeNull();
    net.dispose();
  });
});
