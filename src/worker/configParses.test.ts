import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRunConfig, RunConfigSchema } from '../engine/experiment/config';
import { registerSyntheticDataset } from '../engine/testing/synthetic';
import { memoryBackendPrefs } from '../storage/backendPrefs';
import { createTrainingController } from '../store/services/trainingController';
import { createPageStore } from '../store/state/pageStore';
import { TrainerClient, type ClientHandlers, type WorkerLike } from './client';
import { parseToWorker, type FromWorker, type LabEvent } from './protocol';
import { TrainerSession } from './session';

beforeAll(() => registerSyntheticDataset('squares', { train: 320, test: 64, valSize: 64 }));
afterEach(() => vi.restoreAllMocks());

/**
 * The page's controller and a real TrainerSession joined by a stand-in for
 * postMessage (structured clones and the worker's own edge check,
 * parseToWorker, as trainer.worker.ts does). `atFirstMask` resolves when the
 * session reports the first mask of the run (trunk, round 0, start).
 */
function pageAndWorker() {
  let firstMask: () => void = () => {};
  const atFirstMask = new Promise<void>((resolve) => (firstMask = resolve));
  let worker: WorkerLike & { onmessage: ((e: MessageEvent) => void) | null };
  const session = new TrainerSession({
    post: (m: FromWorker) => {
      const events: LabEvent[] = m.type === 'batch' ? m.events : [];
      if (events.some((e) => e.type === 'pictures' && e.pictures.series === 'trunk' && e.pictures.round === 0 && e.pictures.phase === 'start')) firstMask();
      worker.onmessage?.({ data: structuredClone(m) } as MessageEvent);
    },
    readFile: async () => new Uint8Array(8),
    startBackend: async () => {
      await tf.setBackend('cpu');
      return { name: 'cpu', detail: 'test', software: true, rejected: [] };
    },
  });
  const store = createPageStore({ presetId: 'tiny-test', overrides: {} });
  const lab = createTrainingController(store, (h: ClientHandlers) => new TrainerClient(h, () => {
    worker = {
      onmessage: null, onerror: null, onmessageerror: null,
      postMessage(data: unknown) {
        const parsed = parseToWorker(structuredClone(data));
        if (parsed.ok) void session.handle(parsed.msg);
      },
      terminate() {},
    };
    return worker;
  }), 50, memoryBackendPrefs());
  return { store, lab, atFirstMask };
}

describe('one parse of the run config', () => {
  it('parses the config at most twice between Start and the first mask: the page once, the worker once at its edge', async () => {
    const { store, lab, atFirstMask } = pageAndWorker();
    store.getState().setDraft(['data'], { dataset: 'squares', valSize: 64 });
    lab.connect();
    await vi.waitFor(() => expect(store.getState().backendState).toBe('ready'));

    // The defaults (run ids and links compare against them) are parsed once per process, not per run.
    defaultRunConfig();
    const parse = vi.spyOn(RunConfigSchema, 'parse');
    const safeParse = vi.spyOn(RunConfigSchema, 'safeParse');
    expect(lab.start()).toBe(true);
    await atFirstMask;
    const parses = parse.mock.calls.length + safeParse.mock.calls.length;
    expect(parses).toBeGreaterThanOrEqual(1); // the spies do see the parses
    expect(parses).toBeLessThanOrEqual(2);

    lab.stop();
    await vi.waitFor(() => expect(store.getState().status).not.toMatch(/running|loading|paused/), { timeout: 20_000 });
  });
});
