import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunCheckpoint } from '../../engine/experiment/checkpoint';
import type { RunResult } from '../../engine/experiment/events';
import { decodeRunFile } from '../../engine/io/runFile';
import { memoryRunStorage, type RunStorage, type StoredRunMeta } from '../../storage/runStorage';
import { exportRunFile } from '../../storage/runExport';
import { TrainerClient, type WorkerLike } from '../../worker/client';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import { createTrainingController } from './trainingController';
import { createRunHistory, INTERRUPTED_REASON } from './runHistory';
import { runLockName, type LockManagerLike } from './historyRecorder';
import { createPageStore } from '../state/pageStore';
import { batch, round } from '../state/testing';

class FakeWorker implements WorkerLike {
  sent: { msg: ToWorker; transfer?: Transferable[] }[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(msg: unknown, transfer?: Transferable[]) {
    this.sent.push({ msg: msg as ToWorker, transfer });
  }
  terminate() {}
  emit(m: FromWorker) {
    this.onmessage?.({ data: structuredClone(m) } as MessageEvent);
  }
}

const masks = () => ({ 'fc1/kernel': Uint8Array.from([1, 0, 1, 1]), 'out/kernel': Uint8Array.from([1, 1]) });
const weights = () => ({ 'fc1/kernel': Float32Array.from([0.5, 0, -0.5, 0.25]), 'out/kernel': Float32Array.from([1, 2]) });
const checkpoint = (runId: string, nextRound: number): RunCheckpoint => ({
  schema: 'sparse-lab/checkpoint@1', runId, nextRound, startStep: 0, masks: masks(), weights: weights(), theta0Label: 'init',
  thetaK: null, results: [round('trunk', 0, 1)], runDone: 60, savedAt: '2026-11-30T00:00:00.000Z',
});

function setup(storage: RunStorage = memoryRunStorage(), locks?: LockManagerLike) {
  const workers: FakeWorker[] = [];
  const store = createPageStore({ presetId: 'tiny-test', overrides: {} });
  const trainingController = createTrainingController(store, (h) => new TrainerClient(h, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }), 10);
  const history = createRunHistory(store, storage, trainingController, locks);
  trainingController.connect();
  workers[0].emit({ type: 'ready', backend: { name: 'wasm', detail: '', software: false, rejected: [] } });
  vi.advanceTimersByTime(20);
  const w = workers[0];
  const settle = async () => {
    vi.advanceTimersByTime(20);
    await history.recorder.idle();
  };
  /** Starts the draft and plays the worker through run-start, round 0 and the checkpoint after it. */
  const startAndCheckpoint = async () => {
    trainingController.start();
    const key = store.getState().activeRunKey!;
    const config = store.getState().runs[0].input;
    w.emit(batch(key, { type: 'run-start', runId: 'run_x', config: config as never, plan: [{ series: 'trunk', round: 0, steps: 60, evals: 1 }, { series: 'trunk', round: 1, steps: 60, evals: 1 }] }));
    w.emit(batch(key, { type: 'round-end', result: round('trunk', 0, 1) }));
    w.emit({ type: 'checkpoint', runKey: key, checkpoint: checkpoint('run_x', 1) });
    await settle();
    return key;
  };
  return { store, trainingController, history, storage, w, settle, startAndCheckpoint };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('run history', () => {
  it('stores a run as it trains: the row, every round, the checkpoint, then the ticket; a finished run drops its checkpoint', async () => {
    const { store, storage, history, w, settle, startAndCheckpoint } = setup();
    const key = await startAndCheckpoint();
    expect(await storage.get(key)).toMatchObject({ status: 'running', rounds: 1, checkpointRound: 1, origin: 'lab' });
    expect((await storage.artifacts(key)).checkpoint?.nextRound).toBe(1);
    expect(store.getState().history.map((m) => m.id)).toEqual([key]);

    w.emit(batch(key, { type: 'round-end', result: round('trunk', 1, 0.5, 0.93) }));
    w.emit({ type: 'artifacts', runKey: key, masks: masks(), ticketWeights: weights() });
    w.emit(batch(key, { type: 'run-end', result: { backend: 'wasm', rounds: [] } as unknown as RunResult }));
    await settle();
    const meta = await storage.get(key);
    expect(meta).toMatchObject({ status: 'finished', rounds: 2, sparsest: 0.5, best: 0.93, hasTicket: true });
    expect(meta?.checkpointRound).toBeUndefined();
    const a = await storage.artifacts(key);
    expect(a.checkpoint).toBeUndefined();
    expect(a.masks).toEqual(masks());
    expect(a.ticketWeights).toEqual(weights());
    expect((await storage.rounds(key)).map((r) => r.density)).toEqual([1, 0.5]);
    // Stored, so the page lets go of the arrays; an export reads them back.
    expect(history.recorder.artifacts(key)).toEqual({});
    const file = decodeRunFile((await history.exportRun(key))!.bytes);
    expect(file.masks).toEqual(masks());
    expect(file.result.rounds).toHaveLength(2);
  });

  it('on a full disk: says so, keeps every result on the page and can still export the run from memory', async () => {
    const { store, history, w, settle, startAndCheckpoint } = setup(memoryRunStorage({ quotaBytes: 10 }));
    const key = await startAndCheckpoint();
    const s = store.getState();
    expect(s.notices.find((n) => n.code === 'storage-full')?.text).toMatch(/stays on this page/);
    expect(s.unsaved).toEqual([key]);
    expect(s.runs[0].rounds).toHaveLength(1);
    w.emit(batch(key, { type: 'round-end', result: round('trunk', 1, 0.5) }));
    await settle();
    expect(store.getState().runs[0].rounds).toHaveLength(2);
    const file = await history.exportRun(key);
    const back = decodeRunFile(file!.bytes);
    expect(back.result.rounds).toHaveLength(2);
    expect(back.checkpoint?.nextRound).toBe(1);
  });

  it('after a reload: offers the run a closed tab cut off (not one another tab still trains) and resumes it from its checkpoint', async () => {
    const storage = memoryRunStorage();
    const first = setup(storage);
    const key = await first.startAndCheckpoint();
    const other = { ...(await storage.get(key))!, id: 'run-other-tab', createdAt: '2020-01-01T00:00:00.000Z' };
    await storage.save({ meta: other });

    // A new page on the same storage: the first tab is gone, the other still holds its lock.
    const locks: LockManagerLike = {
      request: (name, fn) => (name === runLockName('run-other-tab') ? new Promise(() => {}) : fn()),
    };
    const page = setup(storage, locks);
    await page.history.init();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const s = page.store.getState();
    expect(s.resumable.map((m) => m.id)).toEqual([key]);
    expect(s.history.map((m) => m.id)).toEqual([key, 'run-other-tab']);
    expect(await storage.get(key)).toMatchObject({ status: 'interrupted', stoppedReason: INTERRUPTED_REASON, checkpointRound: 1 });

    expect(await page.history.resume(key)).toBe(true);
    await page.settle();
    const start = page.w.sent.map((x) => x).find((x) => x.msg.type === 'start')!;
    expect(start.msg).toMatchObject({ type: 'start', runKey: key, resume: { nextRound: 1, runId: 'run_x' } });
    expect(start.transfer?.length).toBe(4); // two masks and two weight arrays, handed over
    const run = page.store.getState().runs.find((r) => r.key === key)!;
    expect(run.rounds).toHaveLength(1); // the checkpoint's rounds; round 1 trains again
    expect(page.store.getState().resumable).toEqual([]);
    expect(page.store.getState().activeRunKey).toBe(key);
  });

  it('reopens a stored run with its charts, overlays several, and deletes one', async () => {
    const storage = memoryRunStorage();
    const mk = (id: string, createdAt: string): StoredRunMeta => ({
      id, name: `IMP ${id}`, methodId: 'imp', model: 'mlp-tiny', dataset: 'mnist', seed: 1, createdAt, updatedAt: createdAt, backend: 'wasm',
      status: 'finished', origin: 'lab', input: { model: 'mlp-tiny', seed: 1 }, config: null, rounds: 2, sparsest: 0.5, best: 0.9, seconds: 1, hasTicket: false,
    });
    await storage.save({ meta: mk('a', '2026-01-01T00:00:00Z'), rounds: [round('trunk', 0, 1), round('trunk', 1, 0.5)] });
    await storage.save({ meta: mk('b', '2026-01-02T00:00:00Z'), rounds: [round('trunk', 0, 1)] });
    const { store, history } = setup(storage);
    await history.init();
    expect(store.getState().history.map((m) => m.id)).toEqual(['b', 'a']);

    await history.open('a');
    let s = store.getState();
    expect(s.selectedRunKey).toBe('a');
    expect(s.runs.map((r) => [r.key, r.source, r.rounds.length])).toEqual([['a', 'history', 2]]);
    expect(s.masks.a).toMatchObject({ series: 'trunk', round: 1, density: 0.5 });

    await history.toggleOverlay('b');
    expect(store.getState().runs.map((r) => r.key)).toEqual(['a', 'b']);
    await history.toggleOverlay('a');
    s = store.getState();
    expect(s.runs.map((r) => r.key)).toEqual(['b']);
    expect(s.selectedRunKey).toBeNull();

    await history.remove('b');
    expect(store.getState().runs).toEqual([]);
    expect(store.getState().history.map((m) => m.id)).toEqual(['a']);
    expect(await storage.get('b')).toBeNull();
  });

  it('imports a .sparselab file into the charts and the history; a bad file gets a notice naming it', async () => {
    const { store, history, storage } = setup();
    const meta: StoredRunMeta = {
      id: 'x', name: 'Imported', methodId: 'imp', model: 'mlp-tiny', dataset: 'mnist', seed: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '',
      backend: 'wasm', status: 'finished', origin: 'lab', input: { model: 'mlp-tiny', seed: 1 }, config: null, rounds: 1, sparsest: 1, best: 0.9, seconds: 1, hasTicket: false,
    };
    const bytes = exportRunFile(meta, [round('trunk', 0, 1)], {});
    const file = (name: string, b: Uint8Array) => ({ name, size: b.length, arrayBuffer: async () => b.slice().buffer });
    await history.importFiles([file('good.sparselab', bytes), file('bad.sparselab', bytes.slice(0, 100))]);
    const s = store.getState();
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]).toMatchObject({ source: 'file', rounds: [expect.objectContaining({ density: 1 })] });
    expect(s.selectedRunKey).toBe(s.runs[0].key);
    expect(s.draft.model).toBe('mlp-tiny');
    expect(s.notices.find((n) => n.code === 'import-failed')).toMatchObject({ title: 'Could not open bad.sparselab' });
    expect((await storage.list()).map((m) => m.origin)).toEqual(['file']);
    expect(s.history).toHaveLength(1);
  });
});
