import * as tf from '@tensorflow/tfjs';
import { normaliseConfig } from './normalise';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { initWeights, type Weights } from '../models/init';
import { getModel } from '../models/model';
import { nnz, type Masks } from '../pruning/masks';
import { syntheticDataset } from '../testing/synthetic';
import type { RunConfigInput } from './config';
import type { RunCheckpoint } from './checkpoint';
import type { RunEvent, RunResult } from './events';
import { runExperiment, type Inspector } from './runner';
import { setSparseMode, type SparseMode } from '../sparse/policy';

const ds = syntheticDataset();
const model = getModel('mlp-tiny', ds.inputShape, ds.numClasses);

const base = (over: Partial<RunConfigInput> = {}): RunConfigInput => ({
  model: 'mlp-tiny', seed: 11,
  training: { optimizer: 'adam', lr: 0.01, batchSize: 16, iterations: 20, evalEvery: 10 },
  method: { id: 'imp', params: { rounds: 2, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } },
  ...over,
});

interface Snapshot { series: string; round: number; phase: string; weights: Weights; masks: Masks; tensors: number }

function recorder(): { snaps: Snapshot[]; inspect: Inspector } {
  const snaps: Snapshot[] = [];
  return {
    snaps,
    inspect: async ({ series, round, phase, net }) => {
      snaps.push({ series, round, phase, weights: await net.readWeights(), masks: structuredClone(net.masks), tensors: tf.memory().numTensors });
    },
  };
}

const find = (s: Snapshot[], series: string, round: number, phase: string) => s.find((x) => x.series === series && x.round === round && x.phase === phase)!;

function expectMaskedEqual(actual: Weights, expected: Weights, masks: Masks) {
  for (const name of Object.keys(expected)) {
    const m = masks[name];
    // === treats -0 and +0 as equal: a masked negative weight becomes -0, which is exactly zero.
    let mismatches = 0;
    expected[name].forEach((v, i) => {
      if (actual[name][i] !== (m && !m[i] ? 0 : v)) mismatches++;
    });
    expect(mismatches, `${name}: entries differing from the expected weights`).toBe(0);
  }
}

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('IMP runs (algorithms.md §11 checks 6, 7, 14)', () => {
  it('resets survivors and biases bit-exactly to θ0 every round', async () => {
    const rec = recorder();
    await runExperiment(normaliseConfig(base()), ds, { inspect: rec.inspect });
    const theta0 = initWeights(model, 11);
    for (const r of [0, 1, 2]) {
      const s = find(rec.snaps, 'trunk', r, 'start');
      expectMaskedEqual(s.weights, theta0, s.masks);
    }
    expect(find(rec.snaps, 'trunk', 1, 'end').weights['fc1/bias']).not.toEqual(theta0['fc1/bias']);
  });

  it('rewinds survivors and biases bit-exactly to θk, the weights reached at iteration k', async () => {
    const k = 5;
    const cfg = base({ method: { id: 'imp', params: { rounds: 2, reset: 'rewind', rewindStep: k, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } } });
    const rec = recorder();
    await runExperiment(normaliseConfig(cfg), ds, { inspect: rec.inspect });
    // θk from an independent dense run stopped after k iterations.
    const recK = recorder();
    await runExperiment(normaliseConfig(base({ training: { ...base().training, iterations: k }, method: { id: 'dense', params: {} } })), ds, { inspect: recK.inspect });
    const thetaK = find(recK.snaps, 'trunk', 0, 'end').weights;
    for (const r of [1, 2]) {
      const s = find(rec.snaps, 'trunk', r, 'start');
      expectMaskedEqual(s.weights, thetaK, s.masks);
    }
  });

  it('re-init control keeps the mask and draws new weights; random-mask keeps each layer count', async () => {
    const rec = recorder();
    await runExperiment(normaliseConfig(base({ controls: ['reinit', 'random-mask'] })), ds, { inspect: rec.inspect });
    const trunk = find(rec.snaps, 'trunk', 1, 'start');
    const reinit = find(rec.snaps, 'reinit', 1, 'start');
    const random = find(rec.snaps, 'random-mask', 1, 'start');
    expect(reinit.masks).toEqual(trunk.masks);
    expect(reinit.weights['fc1/kernel']).not.toEqual(trunk.weights['fc1/kernel']);
    for (const name of Object.keys(trunk.masks)) expect(nnz(random.masks[name])).toBe(nnz(trunk.masks[name]));
    expect(random.masks['fc1/kernel']).not.toEqual(trunk.masks['fc1/kernel']);
    expectMaskedEqual(random.weights, initWeights(model, 11), random.masks);
  });

  it('reproduces masks and metrics exactly from config and seed; another seed differs', async () => {
    const runs: { rec: ReturnType<typeof recorder>; result: RunResult }[] = [];
    for (const seed of [11, 11, 12]) {
      const rec = recorder();
      const result = await runExperiment(normaliseConfig(base({ seed })), ds, { inspect: rec.inspect });
      runs.push({ rec, result });
    }
    const masks = (i: number) => find(runs[i].rec.snaps, 'trunk', 2, 'start').masks;
    const curves = (i: number) => runs[i].result.rounds.map((r) => r.curve);
    expect(masks(1)).toEqual(masks(0));
    expect(curves(1)).toEqual(curves(0));
    expect(runs[1].result.runId).toBe(runs[0].result.runId);
    expect(masks(2)).not.toEqual(masks(0));
    expect(runs[2].result.runId).not.toBe(runs[0].result.runId);
  });

  // Per route: which layers run sparse changes the count (a sparse layer holds its values, no dense slots), so
  // each route is pinned for the whole run; 'auto' switches layers between rounds by design.
  it.each<SparseMode>(['off', 'force'])('keeps tensor count flat across rounds and frees everything at the end (sparse %s)', async (mode) => {
    setSparseMode(mode);
    try {
      const before = tf.memory().numTensors;
      const rec = recorder();
      await runExperiment(normaliseConfig(base({ method: { id: 'imp', params: { rounds: 3 } }, controls: ['reinit'] })), ds, { inspect: rec.inspect });
      const trunkStarts = [1, 2, 3].map((r) => find(rec.snaps, 'trunk', r, 'start').tensors);
      const trunkEnds = [1, 2, 3].map((r) => find(rec.snaps, 'trunk', r, 'end').tensors);
      expect(new Set(trunkStarts).size).toBe(1);
      expect(new Set(trunkEnds).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      setSparseMode('auto');
    }
  });

  it('resumes from a round checkpoint and finishes exactly like an uninterrupted run', async () => {
    const cfg = base({ method: { id: 'imp', params: { rounds: 3, reset: 'rewind', rewindStep: 4 } }, controls: ['reinit'] });
    const checkpoints: RunCheckpoint[] = [];
    const full = recorder();
    const whole = await runExperiment(normaliseConfig(cfg), ds, { inspect: full.inspect, emit: (e) => e.type === 'checkpoint' && checkpoints.push(e.checkpoint) });
    expect(checkpoints.map((c) => c.nextRound)).toEqual([1, 2, 3]);
    // A JSON round trip stands in for storage (IndexedDB / a file) between sessions.
    const restored = reviveCheckpoint(JSON.parse(JSON.stringify(checkpoints[1], replacer)));
    const part = recorder();
    const resumed = await runExperiment(normaliseConfig(cfg), ds, { inspect: part.inspect, resume: restored });
    expect(resumed.rounds.map((r) => [r.series, r.round])).toEqual(whole.rounds.map((r) => [r.series, r.round]));
    expect(resumed.rounds.slice(3).map((r) => r.curve)).toEqual(whole.rounds.slice(3).map((r) => r.curve));
    expect(find(part.snaps, 'trunk', 3, 'end').masks).toEqual(find(full.snaps, 'trunk', 3, 'end').masks);
    expect(find(part.snaps, 'trunk', 3, 'end').weights).toEqual(find(full.snaps, 'trunk', 3, 'end').weights);
    await expect(runExperiment(normaliseConfig({ ...cfg, seed: 99 }), ds, { resume: restored })).rejects.toThrow(/belongs to run/);
  });

  it.each([
    ['reset, re-init control', base({ method: { id: 'imp', params: { rounds: 3, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } }, controls: ['reinit'] })],
    ['rewind, both controls', base({ method: { id: 'imp', params: { rounds: 2, reset: 'rewind', rewindStep: 4 } }, controls: ['reinit', 'random-mask'] })],
    ['target densities', base({ method: { id: 'imp', params: { targetDensities: [0.5, 0.25] } } })],
  ])('counts progress from each checkpoint on to exactly the planned total, never past it (%s)', async (_name, cfg) => {
    const checkpoints: RunCheckpoint[] = [];
    await runExperiment(normaliseConfig(cfg), ds, { emit: (e) => e.type === 'checkpoint' && checkpoints.push(e.checkpoint) });
    for (const ck of checkpoints) {
      const progress: { runDone: number; runTotal: number }[] = [];
      await runExperiment(normaliseConfig(cfg), ds, { resume: reviveCheckpoint(JSON.parse(JSON.stringify(ck, replacer))), emit: (e) => e.type === 'progress' && progress.push(e) });
      const last = progress[progress.length - 1];
      expect(Math.max(...progress.map((p) => p.runDone))).toBe(last.runTotal);
      expect(progress[0].runDone).toBeGreaterThan(ck.runDone);
    }
  });

  it('emits a typed event stream: run-start, progress, eval, masks, round-end, run-end', async () => {
    const events: RunEvent[] = [];
    const result = await runExperiment(normaliseConfig(base()), ds, { emit: (e) => events.push(e) });
    const types = new Set(events.map((e) => e.type));
    for (const t of ['run-start', 'progress', 'eval', 'masks', 'round-end', 'run-end']) expect(types).toContain(t);
    expect(events.filter((e) => e.type === 'round-end')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'eval')).toHaveLength(6);
    expect(events[events.length - 1].type).toBe('run-end');
    expect(result.rounds.map((r) => r.density)).toEqual([...result.rounds.map((r) => r.density)].sort((a, b) => b - a));
  });
});

describe('recipe options (open_lth)', () => {
  it('valSize 0: trains on everything, says there is no early stop, and reports the end of training', async () => {
    const events: RunEvent[] = [];
    const noVal = { ...ds, val: { x: new Uint8Array(0), y: new Uint8Array(0), n: 0 } };
    const result = await runExperiment(normaliseConfig(base({ method: { id: 'dense', params: {} } })), noVal, { emit: (e) => events.push(e) });
    expect(events.some((e) => e.type === 'warning' && e.code === 'no-validation')).toBe(true);
    expect(result.rounds[0].earlyStopStep).toBe(20);
    expect(result.rounds[0].earlyStopTestAcc).toBe(result.rounds[0].finalTestAcc);
  });

  it('epochs: a round is epochs × ceil(n/b) steps with the partial batch kept', async () => {
    const cfg = base({ method: { id: 'dense', params: {} }, training: { optimizer: 'adam', lr: 0.01, batchSize: 100, epochs: 2, lastBatch: 'keep', evalEvery: 3 } });
    const result = await runExperiment(normaliseConfig(cfg), ds);
    expect(result.rounds[0].steps).toBe(6); // 256 examples: 100 + 100 + 56, twice
  });

  it('warns at the start of a run about every setting it will ignore', async () => {
    const events: RunEvent[] = [];
    await runExperiment(normaliseConfig(base({ method: { id: 'imp', params: { rounds: 1, scope: 'global', rates: { output: 0 } } } })), ds, { emit: (e) => events.push(e) });
    const w = events.filter((e) => e.type === 'warning' && e.code === 'ignored-setting');
    expect(w.map((e) => (e as { message: string }).message).join()).toMatch(/rates\.output/);
  });
});

/** Typed arrays survive JSON as {__t: kind, v: [...]}. */
function replacer(_k: string, v: unknown) {
  if (v instanceof Float32Array) return { __t: 'f32', v: Array.from(v) };
  if (v instanceof Uint8Array) return { __t: 'u8', v: Array.from(v) };
  return v;
}

function reviveCheckpoint(json: unknown): RunCheckpoint {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.__t === 'f32') return Float32Array.from(o.v as number[]);
      if (o.__t === 'u8') return Uint8Array.from(o.v as number[]);
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v)]));
    }
    return x;
  };
  return walk(json) as RunCheckpoint;
}
