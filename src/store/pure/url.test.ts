import { describe, expect, it } from 'vitest';
import { backendOrder } from './backendOrder';
import { AUTOSTART_IGNORED, parseUrlOptions } from './url';

describe('parseUrlOptions', () => {
  it('reads the preset, backend and overrides, and never starts a run (autostart is reported as ignored)', () => {
    expect(parseUrlOptions('?preset=tiny-test&backend=wasm&seed=7&iterations=30&trainSubset=500&rounds=2&autostart=1')).toEqual({
      presetId: 'tiny-test', backend: 'wasm', problems: [AUTOSTART_IGNORED],
      overrides: { seed: 7, iterations: 30, trainSubset: 500, rounds: 2 },
    });
    expect(parseUrlOptions('')).toEqual({ overrides: {}, problems: [] });
  });

  it('reports bad values instead of throwing', () => {
    const o = parseUrlOptions('?preset=nope&backend=metal&seed=-1&iterations=ten');
    expect(o.presetId).toBeUndefined();
    expect(o.backend).toBeUndefined();
    expect(o.overrides).toEqual({});
    expect(o.problems).toHaveLength(4);
  });
});

describe('backendOrder', () => {
  it('puts the choice first and skips backends that failed, but never the CPU', () => {
    expect(backendOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(backendOrder('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(backendOrder('auto', ['webgpu'])).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendOrder('webgpu', ['webgpu', 'webgl', 'wasm', 'cpu'])).toEqual(['cpu']);
  });
});
