import { describe, expect, it } from 'vitest';
import { isFromWorker, parseToWorker, type FromWorker, type ToWorker } from './protocol';

const commands: ToWorker[] = [
  { type: 'init', backends: ['webgpu', 'wasm', 'cpu'] },
  { type: 'start', runKey: 'run-1', config: { model: 'mlp-tiny' } },
  { type: 'pause' }, { type: 'resume' }, { type: 'step' }, { type: 'finish-round' }, { type: 'stop' },
  { type: 'get-masks', requestId: 3, series: 'trunk', round: 1 },
  { type: 'probe', requestId: 4 },
  { type: 'lose-device' },
];

const messages: FromWorker[] = [
  { type: 'ready', backend: { name: 'wasm', detail: 'WebAssembly (SIMD)', software: false, rejected: [{ name: 'webgpu', reason: 'initialisation failed' }] } },
  {
    type: 'batch', runKey: 'run-1', events: [
      { type: 'progress', series: 'trunk', round: 0, step: 5, roundSteps: 60, loss: 1.2, lr: 0.001, samplesPerSec: 900, runDone: 5, runTotal: 180 },
      { type: 'pictures', pictures: {
        series: 'trunk', round: 0, phase: 'end', density: 0.5,
        layers: [{ name: 'fc1/kernel', rows: 4, cols: 2, h: 4, w: 2, cells: new Uint8Array([0, 255, 128, 1, 2, 3, 4, 5]), max: 1 }],
        histogram: { limit: 0.3, kept: [1, 2, 3], pruned: 4, total: 10 },
      } },
    ],
  },
  { type: 'paused', paused: true },
  { type: 'run-failed', runKey: 'run-1', message: 'no data' },
  { type: 'fatal', reason: 'device-lost', message: 'destroyed' },
  { type: 'masks', requestId: 3, masks: { 'fc1/kernel': new Uint8Array([1, 0, 1]) } },
  { type: 'probe', requestId: 4, backend: 'webgpu', ok: true, detail: 'ok' },
];

describe('worker protocol', () => {
  it('accepts every command, also after a structured clone (what postMessage does)', () => {
    for (const c of commands) {
      const r = parseToWorker(structuredClone(c));
      expect(r.ok, JSON.stringify(c)).toBe(true);
      if (r.ok) expect(r.msg).toEqual(c);
    }
  });

  it('rejects malformed commands with a message naming the field', () => {
    const bad = [null, 'pause', {}, { type: 'explode' }, { type: 'init', backends: [] }, { type: 'init', backends: ['metal'] },
      { type: 'start', runKey: '' }, { type: 'get-masks', requestId: -1, series: 'trunk', round: 0 }, { type: 'get-masks', requestId: 1, series: 'dense', round: 0 }];
    for (const b of bad) expect(parseToWorker(b).ok, JSON.stringify(b)).toBe(false);
    const r = parseToWorker({ type: 'init', backends: ['metal'] });
    expect(!r.ok && r.error).toMatch(/backends/);
  });

  it('recognises every worker message after a structured clone, typed arrays included', () => {
    for (const m of messages) {
      const copy = structuredClone(m);
      expect(isFromWorker(copy), m.type).toBe(true);
      expect(copy).toEqual(m);
    }
  });

  it('refuses unknown or incomplete worker messages', () => {
    for (const bad of [null, 42, {}, { type: 'hello' }, { type: 'batch', runKey: 'x' }, { type: 'batch', runKey: 'x', events: 'no' }, { type: 'masks', requestId: 1 }, { type: 'toString' }]) {
      expect(isFromWorker(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
