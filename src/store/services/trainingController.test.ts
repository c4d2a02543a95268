import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendName } from '../../engine/backend/info';
import { TrainerClient, type ClientHandlers, type WorkerLike } from '../../worker/client';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import { memoryBackendPrefs } from '../../storage/backendPrefs';
import type { Calibration } from '../../engine/backend/info';
import { createTrainingController } from './trainingController';
import { measuredSamplesPerSecond, measuredSpeed } from '../state/measuredSpeed';
import { createPageStore } from '../state/pageStore';
import { batch, round } from '../state/testing';

/** A worker stand-in that records commands; `emit` plays the worker's side. */
class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(msg: unknown) {
    this.sent.push(msg as ToWorker);
  }
  terminate() {
    this.terminated = true;
  }
  emit(m: FromWorker) {
    this.onmessage?.({ data: structuredClone(m) } as MessageEvent);
  }
}

function setup(presetId = 'tiny-test', prefs = memoryBackendPrefs()) {
  const workers: FakeWorker[] = [];
  const store = createPageStore({ presetId, overrides: {} });
  const trainingController = createTrainingController(store, (h: ClientHandlers) => new TrainerClient(h, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }), 250, prefs);
  const ready = (w: FakeWorker, name: BackendName) => {
    w.emit({ type: 'ready', backend: { name, detail: '', software: false, rejected: [] } });
  };
  return { store, trainingController, workers, ready };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('controller', () => {
  it('starts the worker on the requested chain and sends the run once the backend is ready', () => {
    const { store, trainingController, workers, ready } = setup();
    store.setState({ requestedBackend: 'wasm' });
    trainingController.connect();
    expect(workers[0].sent[0]).toMatchObject({ type: 'init', backends: ['wasm', 'webgpu', 'webgl', 'cpu'], mode: 'manual', calibrate: { model: 'mlp-tiny', inputShape: [28, 28, 1] } });
    expect(trainingController.start()).toBe(true);
    expect(workers[0].sent.some((c) => c.type === 'start')).toBe(false);
    ready(workers[0], 'wasm');
    const start = workers[0].sent.find((c) => c.type === 'start');
    expect(start).toMatchObject({ type: 'start', config: { model: 'mlp-tiny' } });
    expect(store.getState().status).toBe('loading');
  });

  it('folds worker messages into the store at most every 250 ms', () => {
    const { store, trainingController, workers, ready } = setup();
    trainingController.connect();
    ready(workers[0], 'wasm');
    trainingController.start();
    const key = store.getState().activeRunKey!;
    const setState = vi.spyOn(store, 'setState');
    for (let i = 1; i <= 40; i++) {
      workers[0].emit(batch(key, { type: 'progress', series: 'trunk', round: 0, step: i, roundSteps: 60, loss: 1, lr: 0.1, samplesPerSec: 100, runDone: i, runTotal: 180 }));
      vi.advanceTimersByTime(25);
    }
    vi.advanceTimersByTime(250);
    expect(setState.mock.calls.length).toBeLessThanOrEqual(5);
    expect(store.getState().progress?.step).toBe(40);
  });

  it('refuses to start an invalid draft', () => {
    const { store, trainingController } = setup();
    store.getState().setDraft(['training', 'lr'], -1);
    expect(trainingController.start()).toBe(false);
    expect(store.getState().runs).toHaveLength(0);
  });

  it('on a lost device: keeps the finished rounds, skips that backend and re-runs once on the next', () => {
    const { store, trainingController, workers, ready } = setup();
    trainingController.connect();
    ready(workers[0], 'webgpu');
    trainingController.start();
    const key = store.getState().activeRunKey!;
    workers[0].emit(batch(key, { type: 'round-end', result: round('trunk', 0, 1) }));
    vi.advanceTimersByTime(300);
    workers[0].emit({ type: 'fatal', reason: 'device-lost', message: 'The WebGPU device was lost.' });

    const s = store.getState();
    expect(s.failedBackends).toEqual(['webgpu']);
    expect(s.runs[0]).toMatchObject({ status: 'interrupted' });
    expect(s.runs[0].rounds).toHaveLength(1);
    expect(s.notices.at(-1)).toMatchObject({ code: 'backend-lost' });
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].sent[0]).toMatchObject({ type: 'init', backends: ['webgl', 'wasm', 'cpu'] });
    expect(s.runs).toHaveLength(2);
    expect(s.runs[1]).toMatchObject({ retryOf: key, group: s.runs[0].group });

    ready(workers[1], 'webgl');
    expect(workers[1].sent.some((c) => c.type === 'start')).toBe(true);
    // A second crash does not retry the retry.
    workers[1].emit({ type: 'fatal', reason: 'crash', message: 'boom' });
    expect(store.getState().runs).toHaveLength(2);
    expect(workers[2].sent[0]).toMatchObject({ type: 'init', backends: ['wasm', 'cpu'] });
  });

  it('runs a comparison preset one run after another', () => {
    const { store, trainingController, workers, ready } = setup('snip-vs-random-98');
    trainingController.connect();
    ready(workers[0], 'wasm');
    trainingController.start();
    const starts = () => workers[0].sent.filter((c) => c.type === 'start');
    expect(starts()).toHaveLength(1);
    expect(store.getState().sequence).toEqual({ index: 1, total: 4 });
    const first = store.getState().activeRunKey!;
    workers[0].emit(batch(first, { type: 'run-end', result: { backend: 'wasm', rounds: [] } as never }));
    vi.advanceTimersByTime(300);
    expect(starts()).toHaveLength(2);
    expect(store.getState().runs.map((r) => r.seriesName)).toEqual(['SNIP', 'Random (uniform)']);
    expect(store.getState().sequence).toEqual({ index: 2, total: 4 });
    trainingController.stop();
    const second = store.getState().activeRunKey!;
    workers[0].emit(batch(second, { type: 'run-end', result: { backend: 'wasm', rounds: [], stoppedReason: 'stopped' } as never }));
    vi.advanceTimersByTime(300);
    expect(starts()).toHaveLength(2);
    expect(store.getState().status).toBe('stopped');
  });

  it('answers mask requests through the worker', async () => {
    const { trainingController, workers, ready } = setup();
    trainingController.connect();
    ready(workers[0], 'wasm');
    const pending = trainingController.masks('trunk', 1);
    const req = workers[0].sent.at(-1) as Extract<ToWorker, { type: 'get-masks' }>;
    expect(req).toMatchObject({ type: 'get-masks', series: 'trunk', round: 1 });
    workers[0].emit({ type: 'masks', requestId: req.requestId, masks: { a: new Uint8Array([1, 0]) } });
    await expect(pending).resolves.toEqual({ a: new Uint8Array([1, 0]) });
  });

  it('auto: hands the worker the cached calibrations, keeps a new one, and measures again when the model class changes', () => {
    const prefs = memoryBackendPrefs();
    const { store, trainingController, workers } = setup('tiny-test', prefs);
    trainingController.connect();
    expect(workers[0].sent[0]).toMatchObject({ type: 'init', mode: 'auto', cache: {}, calibrate: { model: 'mlp-tiny', batch: 32 } });
    const calibration: Calibration = {
      modelClass: 'mlp', model: 'mlp-tiny', batch: 60, deviceKey: 'test gpu · 2 threads', chosen: 'wasm', at: Date.now(),
      candidates: [
        { name: 'webgpu', detail: 'SwiftShader', software: true, samplesPerSec: 100, steps: 2 },
        { name: 'wasm', detail: 'WebAssembly', software: false, samplesPerSec: 2500, steps: 8 },
      ],
    };
    workers[0].emit({ type: 'ready', backend: { name: 'wasm', detail: '', software: false, rejected: [], choice: 'measured', calibration } });
    vi.advanceTimersByTime(300);
    expect(Object.values(prefs.calibrations())).toEqual([calibration]);
    expect(measuredSamplesPerSecond(store.getState())).toBe(2500);

    // A conv net: the MLP's timing does not apply, and the worker measures again.
    store.getState().setDraft(['model'], 'conv-tiny');
    expect(measuredSamplesPerSecond(store.getState())).toBeNull();
    expect(workers).toHaveLength(2);
    expect(workers[1].sent[0]).toMatchObject({ type: 'init', mode: 'auto', calibrate: { model: 'conv-tiny', inputShape: [28, 28, 1] } });
    expect(Object.keys((workers[1].sent[0] as { cache: object }).cache)).toHaveLength(1);
  });

  it('remembers a finished run\'s speed per backend and model, and estimates the next job from it rather than the calibration', () => {
    const prefs = memoryBackendPrefs();
    const { store, trainingController: lab, workers } = setup('tiny-test', prefs);
    lab.connect();
    const calibration: Calibration = {
      modelClass: 'mlp', model: 'mlp-tiny', batch: 32, deviceKey: 'd', chosen: 'wasm', at: Date.now(),
      candidates: [{ name: 'wasm', detail: 'WebAssembly', software: false, samplesPerSec: 3673, steps: 8 }],
    };
    workers[0].emit({ type: 'ready', backend: { name: 'wasm', detail: '', software: false, rejected: [], choice: 'measured', calibration } });
    vi.advanceTimersByTime(300);
    expect(measuredSpeed(store.getState())).toEqual({ samplesPerSec: 3673, source: 'calibration' });
    lab.start();
    const key = store.getState().activeRunKey!;
    const config = store.getState().runs[0].input;
    workers[0].emit(batch(key,
      { type: 'run-start', runId: 'r', config: config as never, plan: [] },
      { type: 'round-end', result: { ...round('trunk', 0, 1), samplesPerSec: 8712.4 } },
      { type: 'run-end', result: { backend: 'wasm', rounds: [] } as never },
    ));
    vi.advanceTimersByTime(300);
    expect(prefs.runSpeeds()).toEqual({ 'wasm|mlp-tiny': 8712 });
    expect(measuredSpeed(store.getState())).toEqual({ samplesPerSec: 8712.4, source: 'last run' });

    // A later visit (a new page on the same storage) starts from the remembered speed, not the calibration's.
    const next = setup('tiny-test', prefs);
    next.trainingController.connect();
    next.workers[0].emit({ type: 'ready', backend: { name: 'wasm', detail: '', software: false, rejected: [], choice: 'measured', calibration } });
    vi.advanceTimersByTime(300);
    expect(measuredSpeed(next.store.getState())).toEqual({ samplesPerSec: 8712, source: 'last run' });
    // On another backend the remembered WASM speed says nothing.
    next.store.setState({ backend: { name: 'webgl', detail: '', software: false, rejected: [] } });
    expect(measuredSpeed(next.store.getState())).toBeNull();
  });

  it('remembers a manual backend choice, and forgets it for auto', () => {
    const prefs = memoryBackendPrefs();
    const { trainingController, workers } = setup('tiny-test', prefs);
    trainingController.connect();
    trainingController.setBackend('webgl');
    expect(prefs.choice()).toBe('webgl');
    expect(workers[1].sent[0]).toMatchObject({ type: 'init', mode: 'manual', backends: ['webgl', 'webgpu', 'wasm', 'cpu'] });
    trainingController.setBackend('auto');
    expect(prefs.choice()).toBeNull();
  });
});
