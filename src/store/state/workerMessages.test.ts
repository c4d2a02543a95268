import { describe, expect, it } from 'vitest';
import { createPageStore } from './pageStore';
import { reduceWorkerMessages } from './workerMessages';
import { newRunRecord } from './resultsSlice';
import { batch, round } from './testing';
import type { FromWorker } from '../../worker/protocol';

function storeWithRun(key = 'r1') {
  const store = createPageStore({ presetId: 'tiny-test', overrides: {} });
  store.setState({ runs: [newRunRecord(key, 'IMP', { method: { id: 'imp' } }, 'wasm')], activeRunKey: key, status: 'loading' });
  const apply = (...msgs: FromWorker[]) => store.setState((s) => reduceWorkerMessages(s, msgs));
  return { store, apply };
}

const config = { training: { batchSize: 32 } } as never;

describe('reduceWorkerMessages', () => {
  it('follows a run from loading to finished, keeping curves, rounds and pictures', () => {
    const { store, apply } = storeWithRun();
    apply(batch('r1', { type: 'data-progress', file: 'a.gz', loaded: 5, total: 10, done: false }));
    expect(store.getState().status).toBe('loading');
    expect(store.getState().dataProgress).toMatchObject({ loaded: 5, total: 10 });

    apply(batch('r1',
      { type: 'run-start', runId: 'x', config, plan: [{ series: 'trunk', round: 0, steps: 60, evals: 1 }] },
      { type: 'progress', series: 'trunk', round: 0, step: 20, roundSteps: 60, loss: 1, lr: 0.1, samplesPerSec: 500, runDone: 20, runTotal: 60 },
      { type: 'eval', series: 'trunk', round: 0, point: { step: 20, trainLoss: 1, valLoss: 1, valAcc: 0.5, testLoss: 1, testAcc: 0.5 } },
      { type: 'eval', series: 'trunk', round: 0, point: { step: 40, trainLoss: 0.5, valLoss: 0.6, valAcc: 0.7, testLoss: 0.6, testAcc: 0.7 } },
    ));
    let s = store.getState();
    expect(s.status).toBe('running');
    expect(s.progress).toMatchObject({ step: 20, runTotal: 60 });
    expect(s.live).toMatchObject({ runKey: 'r1', series: 'trunk', round: 0 });
    expect(s.live?.points).toHaveLength(2);

    const pictures = { series: 'trunk' as const, round: 0, phase: 'end' as const, density: 1, layers: [], histogram: { limit: 1, kept: [], pruned: 0, total: 0 } };
    apply(batch('r1',
      { type: 'round-end', result: round('trunk', 0, 1) },
      { type: 'pictures', pictures },
      { type: 'pictures', pictures: { ...pictures, density: 0.99 } },
      { type: 'run-end', result: { backend: 'wasm', rounds: [] } as never },
    ));
    s = store.getState();
    expect(s.status).toBe('finished');
    expect(s.activeRunKey).toBeNull();
    expect(s.runs[0]).toMatchObject({ status: 'finished', backend: 'wasm' });
    expect(s.live).toBeNull();
    expect(s.runs[0].rounds).toHaveLength(1);
    expect(s.pictures.r1).toHaveLength(1);
    expect(s.pictures.r1[0].density).toBe(0.99);
  });

  it('pauses on divergence and explains that the learning rate should come down', () => {
    const { store, apply } = storeWithRun();
    apply(batch('r1', { type: 'run-start', runId: 'x', config, plan: [] }, { type: 'warning', code: 'diverged', message: 'The loss is NaN.' }));
    const s = store.getState();
    expect(s.status).toBe('paused');
    expect(s.notices[0]).toMatchObject({ code: 'diverged', level: 'error' });
    expect(s.notices[0].text).toMatch(/learning rate/i);
    apply({ type: 'paused', paused: false });
    expect(store.getState().status).toBe('running');
  });

  it('shows a layer collapse once, however often it is reported', () => {
    const { store, apply } = storeWithRun();
    const w = { type: 'warning' as const, code: 'layer-collapse' as const, message: 'out/kernel has no weights left' };
    apply(batch('r1', w, w), batch('r1', w));
    expect(store.getState().notices.filter((n) => n.code === 'layer-collapse')).toHaveLength(1);
  });

  it('keeps finished rounds when the device is lost mid-run', () => {
    const { store, apply } = storeWithRun();
    apply(batch('r1', { type: 'run-start', runId: 'x', config, plan: [] }, { type: 'round-end', result: round('trunk', 0, 1) }));
    apply({ type: 'fatal', reason: 'device-lost', message: 'GPU gone' });
    const s = store.getState();
    expect(s.runs[0]).toMatchObject({ status: 'interrupted', stoppedReason: 'GPU gone' });
    expect(s.runs[0].rounds).toHaveLength(1);
    expect(s.activeRunKey).toBeNull();
    expect(s.backendState).toBe('starting');
    // The dying worker's last words do not overwrite that.
    apply(batch('r1', { type: 'run-end', result: { backend: 'webgpu', rounds: [], stoppedReason: 'stopped' } as never }), { type: 'run-failed', runKey: 'r1', message: 'mapAsync failed' });
    expect(store.getState().runs[0].status).toBe('interrupted');
  });

  it('marks a failed run and ignores progress from runs that are no longer active', () => {
    const { store, apply } = storeWithRun();
    apply({ type: 'run-failed', runKey: 'r1', message: 'Unknown model' });
    expect(store.getState()).toMatchObject({ status: 'failed', activeRunKey: null });
    expect(store.getState().runs[0].status).toBe('failed');
    const before = store.getState();
    apply(batch('r1', { type: 'progress', series: 'trunk', round: 0, step: 1, roundSteps: 2, loss: 1, lr: 1, samplesPerSec: 1, runDone: 1, runTotal: 2 }));
    expect(store.getState().progress).toBe(before.progress);
  });

  it('leaves the run records alone while curves stream in, so the lottery chart does not redraw', () => {
    const { store, apply } = storeWithRun();
    apply(batch('r1', { type: 'run-start', runId: 'x', config, plan: [] }));
    const runs = store.getState().runs;
    apply(batch('r1',
      { type: 'eval', series: 'trunk', round: 0, point: { step: 20, trainLoss: 1, valLoss: 1, valAcc: 0.5, testLoss: 1, testAcc: 0.5 } },
      { type: 'masks', series: 'trunk', round: 0, step: 0, reason: 'dense start', density: 1, layers: [] },
    ));
    expect(store.getState().runs).toBe(runs);
    expect(store.getState().masks.r1).toMatchObject({ density: 1 });
  });

  it('returns only the slices that changed, so untouched components do not re-render', () => {
    const { store } = storeWithRun();
    const patch = reduceWorkerMessages(store.getState(), [{ type: 'paused', paused: true }]);
    expect(Object.keys(patch)).toEqual([]);
    const ready = reduceWorkerMessages(store.getState(), [{ type: 'ready', backend: { name: 'wasm', detail: '', software: false, rejected: [] } }]);
    expect(Object.keys(ready).sort()).toEqual(['backend', 'backendState']);
  });
});
