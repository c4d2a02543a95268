import * as tf from '@tensorflow/tfjs';
import { normaliseConfig } from './normalise';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { normalisationTables, writeExample } from '../data/batcher';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { denseMasks } from '../pruning/masks';
import { syntheticDataset } from '../testing/synthetic';
import { SparseNet } from '../train/sparseNet';
import { RunControl } from './control';
import { EVAL_CHUNK_FLOPS, EVAL_MEMORY_BUDGET, evalChunkSize, MAX_EVAL_CHUNK } from './evalBudget';
import { activationBytesPerExample, EvalSet } from './evaluate';
import type { RunEvent } from './events';
import { runExperiment } from './runner';

const ds = syntheticDataset({ val: 100, test: 90 });
const model = getModel('mlp-tiny', ds.inputShape, ds.numClasses);
const newNet = () => new SparseNet(model, initWeights(model, 3), denseMasks(model), { kind: 'adam', momentum: 0.9, weightDecay: 0 });

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** The whole split in one forward pass: what chunking must reproduce. */
function reference(net: SparseNet, split: typeof ds.test) {
  const [h, w, c] = ds.inputShape;
  const d = h * w * c;
  const x = new Float32Array(split.n * d);
  const lut = normalisationTables(ds);
  for (let i = 0; i < split.n; i++) writeExample(ds, lut, split, i, x, i * d, d);
  return tf.tidy(() => {
    const logits = net.predict(tf.tensor4d(x, [split.n, h, w, c]));
    const y = tf.tensor1d(Int32Array.from(split.y), 'int32');
    const loss = tf.losses.softmaxCrossEntropy(tf.oneHot(y, ds.numClasses), logits).dataSync()[0];
    const acc = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32')).dataSync()[0];
    return { loss, acc };
  });
}

describe('EvalSet: evaluation in chunks', () => {
  it('gives the same loss and accuracy whatever the chunk size, and frees every tensor', async () => {
    const net = newNet();
    const want = reference(net, ds.test);
    const before = tf.memory().numTensors;
    for (const chunk of [1, 7, 1000]) {
      const chunks: number[] = [];
      const set = new EvalSet(ds, ds.test, { chunk });
      const got = await set.evaluate(net, { onChunk: (c) => chunks.push(c.images) });
      set.dispose();
      expect(got!.loss).toBeCloseTo(want.loss, 5);
      expect(got!.acc).toBeCloseTo(want.acc, 6);
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(ds.test.n);
      expect(Math.max(...chunks)).toBeLessThanOrEqual(chunk);
    }
    expect(tf.memory().numTensors).toBe(before);
    // A small split keeps its chunks on the backend between evaluations, until disposed.
    const kept = new EvalSet(ds, ds.test, { chunk: 32 });
    const first = await kept.evaluate(net);
    const held = tf.memory().numTensors - before;
    expect(held).toBe(Math.ceil(ds.test.n / 32));
    expect(await kept.evaluate(net)).toEqual(first);
    expect(tf.memory().numTensors - before).toBe(held);
    kept.dispose();
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('stops between chunks (null), and waits there while paused without using up a "step one batch"', async () => {
    const net = newNet();
    const set = new EvalSet(ds, ds.val, { chunk: 10 });
    const stopper = new RunControl();
    let seen = 0;
    const stopped = await set.evaluate(net, { control: stopper, onChunk: (c) => ((seen = c.done), c.done >= 20 && stopper.stop()) });
    expect(stopped).toBeNull();
    expect(seen).toBe(20);

    const pauser = new RunControl();
    let done = 0;
    const finished = set.evaluate(net, { control: pauser, onChunk: (c) => ((done = c.done), c.done === 10 && pauser.pause()) });
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(10);
    // "Step one batch" while paused in an evaluation lets the evaluation finish…
    pauser.stepOnce();
    expect(await finished).not.toBeNull();
    expect(done).toBe(ds.val.n);
    // The step was not spent on evaluation: the training loop's gate still gets it.
    let trainGate = false;
    void pauser.gate().then(() => (trainGate = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(trainGate).toBe(true);
    net.dispose();
  });

  it('sizes chunks from memory and time budgets measured on the model, the same for every run', () => {
    const conv2 = getModel('conv2', [32, 32, 3], 10);
    const params = tf.tidy(() => Object.fromEntries(conv2.params.map((p) => [p.name, tf.keep(tf.zeros(p.shape))])));
    const perImage = activationBytesPerExample(conv2, params);
    tf.dispose(Object.values(params));
    // Two 32×32×64 conv layers, each output kept as conv, +bias and ReLU: at least 1.5 MB an image.
    expect(perImage).toBeGreaterThan(1.5e6);
    expect(perImage).toBeLessThan(4e6);
    for (const backend of ['wasm', 'cpu', 'webgl', 'webgpu']) {
      const n = evalChunkSize(conv2, perImage, backend);
      expect(n * perImage).toBeLessThanOrEqual(EVAL_MEMORY_BUDGET[backend]);
      expect(n * conv2.forwardFlops).toBeLessThanOrEqual(EVAL_CHUNK_FLOPS[backend]);
      expect(n).toBeGreaterThanOrEqual(1);
    }
    // Conv-2: 87.6 MFLOP an image (two 3×3 convs on 32×32 and three dense layers).
    expect(conv2.forwardFlops).toBe(2 * 1024 * 9 * (3 * 64 + 64 * 64) + 2 * (16384 * 256 + 256 * 256 + 256 * 10));
    expect(evalChunkSize(getModel('mlp-tiny'), 200, 'wasm')).toBe(MAX_EVAL_CHUNK);
  });
});

describe('a run during evaluation', () => {
  const cfg = {
    model: 'mlp-tiny', seed: 5,
    training: { optimizer: 'adam', lr: 0.01, batchSize: 16, iterations: 20, evalEvery: 10 },
    method: { id: 'imp', params: { rounds: 1 } },
  } as const;

  it('reports "evaluating n/total" progress and stops within a second when held in a slow evaluation', async () => {
    const control = new RunControl();
    const events: RunEvent[] = [];
    let stopAt = 0;
    const result = await runExperiment(normaliseConfig(cfg), ds, {
      control, slowEvaluation: { delayMs: 400, chunk: 16 },
      emit: (e) => {
        events.push(e);
        if (e.type === 'progress' && e.evaluating && !stopAt) {
          stopAt = performance.now();
          control.stop();
        }
      },
    });
    const answeredIn = performance.now() - stopAt;
    expect(result.stoppedReason).toBe('stopped');
    expect(answeredIn).toBeLessThan(1000);
    const evaluating = events.flatMap((e) => (e.type === 'progress' && e.evaluating ? [e.evaluating] : []));
    expect(evaluating[0].total).toBe(ds.val.n + ds.test.n);
    expect(evaluating[0].done).toBeGreaterThan(0);
  });

  it('gives an ETA for the run that counts evaluation and reaches zero at the end', async () => {
    const events: RunEvent[] = [];
    await runExperiment(normaliseConfig(cfg), ds, { emit: (e) => events.push(e) });
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    const start = progress.find((p) => p.runSecondsLeft !== undefined)!;
    expect(start.runSecondsLeft).toBeGreaterThan(0);
    expect(start.runSecondsLeft).toBeGreaterThanOrEqual(start.roundSecondsLeft!);
    const last = progress[progress.length - 1];
    expect(last.runSecondsLeft).toBeLessThan(start.runSecondsLeft!);
    expect(progress.some((p) => (p.evalImagesPerSec ?? 0) > 0)).toBe(true);
  });
});
