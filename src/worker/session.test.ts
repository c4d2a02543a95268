import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerSyntheticDataset } from '../engine/testing/synthetic';
import type { RunConfigInput } from '../engine/spec';
import type { FromWorker, LabEvent } from './protocol';
import { TrainerSession } from './session';

/** The synthetic squares as a registered dataset, so the session loads it like MNIST. */
beforeAll(() => registerSyntheticDataset('squares', { train: 320, test: 64, valSize: 64 }));

const config: RunConfigInput = {
  model: 'mlp-tiny', seed: 3,
  data: { dataset: 'squares', valSize: 64 },
  training: { optimizer: 'adam', lr: 0.01, batchSize: 16, iterations: 30, evalEvery: 10 },
  method: { id: 'imp', params: { rounds: 1, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } },
  controls: ['reinit'],
};

function harness() {
  const posted: FromWorker[] = [];
  const session = new TrainerSession({
    post: (m) => posted.push(structuredClone(m)),
    readFile: async () => new Uint8Array(8),
    startBackend: async () => {
      await tf.setBackend('cpu');
      return { name: 'cpu', detail: 'test', software: true, rejected: [] };
    },
  });
  const events = () => posted.flatMap((m) => (m.type === 'batch' ? m.events : [])) as LabEvent[];
  return { session, posted, events };
}

describe('TrainerSession', () => {
  it('reports its backend, runs a config to the end in batches, and keeps each round\'s masks', async () => {
    const { session, posted, events } = harness();
    await session.handle({ type: 'init', backends: ['cpu'] });
    expect(posted[0]).toMatchObject({ type: 'ready', backend: { name: 'cpu' } });

    await session.handle({ type: 'start', runKey: 'k1', config });
    const types = events().map((e) => e.type);
    expect(types[0]).toBe('data-progress');
    expect(types).toContain('run-start');
    expect(types.filter((t) => t === 'round-end')).toHaveLength(3); // trunk r0, trunk r1, reinit r1
    expect(types.at(-1)).toBe('run-end');
    expect(posted.filter((m) => m.type === 'batch').every((m) => m.type === 'batch' && m.runKey === 'k1')).toBe(true);
    // Far fewer messages than steps: 90 steps, a handful of batches.
    expect(posted.filter((m) => m.type === 'batch').length).toBeLessThan(30);

    const pictures = events().filter((e): e is Extract<LabEvent, { type: 'pictures' }> => e.type === 'pictures').map((e) => e.pictures);
    expect(pictures.map((p) => `${p.series}/${p.round}/${p.phase}`)).toEqual(['trunk/0/start', 'trunk/0/end', 'trunk/1/end', 'reinit/1/end']);
    expect(pictures[0].input).toMatchObject({ h: 8, w: 8 });
    expect(pictures[2].density).toBeLessThan(0.6);

    await session.handle({ type: 'get-masks', requestId: 7, series: 'trunk', round: 1 });
    const reply = posted.at(-1);
    expect(reply).toMatchObject({ type: 'masks', requestId: 7 });
    const masks = reply?.type === 'masks' ? reply.masks : null;
    expect(Object.keys(masks ?? {})).toEqual(['fc1/kernel', 'fc2/kernel', 'out/kernel']);
    await session.handle({ type: 'get-masks', requestId: 8, series: 'random-mask', round: 1 });
    expect(posted.at(-1)).toMatchObject({ type: 'masks', requestId: 8, masks: null });
  });

  it('pauses, steps and stops a running experiment', async () => {
    const { session, posted, events } = harness();
    await session.handle({ type: 'init', backends: ['cpu'] });
    const run = session.handle({ type: 'start', runKey: 'k2', config: { ...config, training: { ...config.training, iterations: 100000 } } });
    await new Promise((r) => setTimeout(r, 300));
    await session.handle({ type: 'pause' });
    expect(posted.at(-1)).toEqual({ type: 'paused', paused: true });
    await session.handle({ type: 'step' });
    await session.handle({ type: 'stop' });
    await run;
    const end = events().at(-1);
    expect(end).toMatchObject({ type: 'run-end', result: { stoppedReason: 'stopped' } });
  });

  it('reports a lost device instead of the failure it causes, so the page can re-run elsewhere', async () => {
    const posted: FromWorker[] = [];
    let lose: (m: string) => void = () => {};
    const session = new TrainerSession({
      post: (m) => posted.push(m),
      readFile: async () => new Uint8Array(8),
      startBackend: async (_order, onLost) => {
        lose = onLost;
        await tf.setBackend('cpu');
        return { name: 'cpu', detail: 'test', software: true, rejected: [] };
      },
    });
    await session.handle({ type: 'init', backends: ['cpu'] });
    // A config that fails at start stands in for the failed GPU read; the loss is reported just after.
    const run = session.handle({ type: 'start', runKey: 'k4', config: { ...config, model: 'nope' } });
    setTimeout(() => lose('destroyed'), 20);
    await run;
    expect(posted.map((m) => m.type)).toEqual(['ready', 'fatal']);
    expect(posted[1]).toMatchObject({ reason: 'device-lost' });
  });

  it('answers an invalid config with run-failed, naming the field', async () => {
    const { session, posted } = harness();
    await session.handle({ type: 'start', runKey: 'k3', config: { ...config, training: { ...config.training, lr: -1 } } });
    expect(posted.at(-1)).toMatchObject({ type: 'run-failed', runKey: 'k3' });
    expect(JSON.stringify(posted.at(-1))).toMatch(/lr/);
  });
});
