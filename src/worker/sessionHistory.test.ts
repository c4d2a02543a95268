import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunCheckpoint } from '../engine/experiment/checkpoint';
import { registerSyntheticDataset } from '../engine/testing/synthetic';
import { parseCheckpoint } from './checkpointMessage';
import type { RunConfigInput } from '../engine/spec';
import type { FromWorker, LabEvent } from './protocol';
import { TrainerSession } from './session';

/** What the run history needs from the worker: checkpoints and the ticket, transferred, in order with the events. */
beforeAll(() => registerSyntheticDataset('squares-h', { train: 320, test: 64, valSize: 64 }));

const config: RunConfigInput = {
  model: 'mlp-tiny', seed: 5,
  data: { dataset: 'squares-h', valSize: 64 },
  training: { optimizer: 'adam', lr: 0.01, batchSize: 16, iterations: 20, evalEvery: 10 },
  method: { id: 'imp', params: { rounds: 2, rates: { conv: 0.1, fc: 0.5, output: 0.25 } } },
  controls: ['reinit'],
};

type Posted = { msg: FromWorker; transfer: Transferable[] };

async function run(runKey: string, resume?: RunCheckpoint) {
  const posted: Posted[] = [];
  const session = new TrainerSession({
    post: (msg, transfer = []) => posted.push({ msg: structuredClone(msg), transfer }),
    readFile: async () => new Uint8Array(8),
    startBackend: async () => {
      await tf.setBackend('cpu');
      return { name: 'cpu', detail: 'test', software: true, rejected: [] };
    },
  });
  await session.handle({ type: 'init', backends: ['cpu'] });
  await session.handle({ type: 'start', runKey, config, ...(resume ? { resume: structuredClone(resume) } : {}) });
  await session.handle({ type: 'get-masks', requestId: 1, series: 'trunk', round: 2 });
  const final = posted.at(-1)!.msg;
  return { posted, finalMasks: final.type === 'masks' ? final.masks : null };
}

const events = (posted: Posted[]) => posted.flatMap((p) => (p.msg.type === 'batch' ? p.msg.events : [])) as LabEvent[];

describe('TrainerSession for the run history', () => {
  it('posts a checkpoint after each pruning step and the ticket after the last trunk round, their arrays transferred', async () => {
    const { posted, finalMasks } = await run('h1');
    const types = posted.map((p) => p.msg.type);
    const checkpoints = posted.filter((p) => p.msg.type === 'checkpoint');
    expect(checkpoints.map((p) => p.msg.type === 'checkpoint' && p.msg.checkpoint.nextRound)).toEqual([1, 2]);
    expect(events(posted).some((e) => e.type === 'checkpoint')).toBe(false);
    // Everything a checkpoint covers has gone out before it.
    const firstCk = types.indexOf('checkpoint');
    const roundEndsBefore = events(posted.slice(0, firstCk)).filter((e) => e.type === 'round-end').length;
    expect(roundEndsBefore).toBe(1);
    for (const p of checkpoints) {
      const ck = p.msg.type === 'checkpoint' ? p.msg.checkpoint : null;
      expect(p.transfer.length).toBe(Object.keys(ck!.masks).length + Object.keys(ck!.weights).length);
      expect(() => parseCheckpoint(ck)).not.toThrow();
    }
    const art = posted.find((p) => p.msg.type === 'artifacts')!;
    expect(art.msg.type === 'artifacts' && art.msg.masks).toEqual(finalMasks);
    expect(art.msg.type === 'artifacts' && Object.keys(art.msg.ticketWeights ?? {})).toContain('fc1/kernel');
    expect(art.transfer.length).toBeGreaterThan(3);
    expect(types.indexOf('artifacts')).toBeLessThan(types.lastIndexOf('batch'));
    expect(events(posted).at(-1)).toMatchObject({ type: 'run-end' });
  });

  it('resumed from a checkpoint, ends with the same masks and results as the uninterrupted run', async () => {
    const whole = await run('h2');
    const ck = whole.posted.find((p) => p.msg.type === 'checkpoint' && p.msg.checkpoint.nextRound === 1)!;
    const checkpoint = ck.msg.type === 'checkpoint' ? ck.msg.checkpoint : null;
    const resumed = await run('h3', checkpoint!);
    expect(resumed.finalMasks).toEqual(whole.finalMasks);
    const end = (p: Posted[]) => events(p).find((e) => e.type === 'run-end');
    const accs = (p: Posted[]) => { const e = end(p); return e?.type === 'run-end' ? e.result.rounds.map((r) => [r.series, r.round, r.finalTestAcc]) : []; };
    expect(accs(resumed.posted)).toEqual(accs(whole.posted));
  });

  it('refuses a malformed checkpoint with a message instead of training', async () => {
    const { posted } = await run('h4', { schema: 'sparse-lab/checkpoint@1', masks: 'nope' } as unknown as RunCheckpoint);
    expect(posted.find((p) => p.msg.type === 'run-failed')?.msg).toMatchObject({ message: expect.stringMatching(/checkpoint cannot be used/) });
  });
});
