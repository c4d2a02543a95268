import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { getModel } from '../models/model';
import { calibrateChain, measureTrainingStep, pickFastest, samplesPerSecFromSteps } from './calibrate';
import { modelClassOf, type BackendName, type CandidateMeasure } from './info';

const m = (name: BackendName, samplesPerSec: number, software = false): CandidateMeasure => ({ name, detail: name, software, samplesPerSec, steps: 4 });

/** Every ordering of a list (the chain's order must not decide the winner). */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('pickFastest', () => {
  it('picks the fastest candidate whatever the order', () => {
    const cands = [m('webgpu', 110, true), m('webgl', 700, true), m('wasm', 2400)];
    for (const order of permutations(cands)) expect(pickFastest(order)?.name).toBe('wasm');
  });

  it('never picks a software adapter when another is as fast or faster', () => {
    for (const order of permutations([m('webgpu', 1000, true), m('wasm', 1000)])) expect(pickFastest(order)?.name).toBe('wasm');
    for (const order of permutations([m('webgpu', 5000), m('wasm', 1000)])) expect(pickFastest(order)?.name).toBe('webgpu');
  });

  it('skips candidates that failed to train, and returns null when none trained', () => {
    expect(pickFastest([{ ...m('webgpu', 9000), error: 'lost' }, m('wasm', 10)])?.name).toBe('wasm');
    expect(pickFastest([{ ...m('webgpu', 0), error: 'lost' }])).toBeNull();
  });
});

describe('calibrateChain', () => {
  const speeds: Partial<Record<BackendName, number>> = { webgpu: 100, webgl: 600, wasm: 2500 };

  function fakeDeps(broken: BackendName[] = []) {
    let active: BackendName | null = null;
    const activated: BackendName[] = [];
    return {
      activated,
      get active() {
        return active;
      },
      deps: {
        activate: async (name: BackendName) => {
          if (broken.includes(name)) throw new Error('initialisation failed');
          active = name;
          activated.push(name);
          return { name, detail: name, software: name !== 'wasm' };
        },
        measure: async () => ({ samplesPerSec: speeds[active!] ?? 1, steps: 3 }),
      },
    };
  }

  it('leaves the measured fastest active, whatever the order of the chain', async () => {
    for (const order of permutations<BackendName>(['webgpu', 'webgl', 'wasm'])) {
      const f = fakeDeps();
      const out = await calibrateChain([...order, 'cpu'], f.deps);
      expect(out.chosen.name).toBe('wasm');
      expect(f.active).toBe('wasm');
      expect(out.candidates.map((c) => c.name)).toEqual(order);
      expect(f.activated).not.toContain('cpu');
    }
  });

  it('times a software adapter only when no hardware path could be measured', async () => {
    const hint = async (name: BackendName) => (name === 'wasm' ? null : { software: true, detail: 'SwiftShader' });
    const f = fakeDeps();
    const out = await calibrateChain(['webgpu', 'webgl', 'wasm', 'cpu'], { ...f.deps, softwareHint: hint });
    expect(out.chosen.name).toBe('wasm');
    expect(f.activated).toEqual(['wasm', 'wasm']);
    expect(out.candidates.filter((c) => c.untimed).map((c) => c.name)).toEqual(['webgpu', 'webgl']);

    const g = fakeDeps(['wasm']);
    const alone = await calibrateChain(['webgpu', 'webgl', 'wasm', 'cpu'], { ...g.deps, softwareHint: hint });
    expect(alone.chosen.name).toBe('webgl'); // 600 samples/s against software WebGPU's 100
    expect(alone.candidates.map((c) => [c.name, c.samplesPerSec])).toEqual([['webgpu', 100], ['webgl', 600]]);
  });

  it('records backends that do not start, and falls to the CPU only when nothing else works', async () => {
    const out = await calibrateChain(['webgpu', 'webgl', 'wasm', 'cpu'], fakeDeps(['webgpu', 'webgl', 'wasm']).deps);
    expect(out.chosen.name).toBe('cpu');
    expect(out.rejected.map((r) => r.name)).toEqual(['webgpu', 'webgl', 'wasm']);
    await expect(calibrateChain(['webgpu', 'cpu'], fakeDeps(['webgpu', 'cpu']).deps)).rejects.toThrow(/webgpu: initialisation failed; cpu/);
  });
});

describe('measureTrainingStep', () => {
  it('times real training steps of the model and frees every tensor', async () => {
    await tf.setBackend('cpu');
    const model = getModel('mlp-tiny');
    const before = tf.memory().numTensors;
    const r = await measureTrainingStep(model, 16, { timedMs: 20, minSteps: 2, maxSteps: 4, warmupCapMs: 10_000 });
    expect(r.steps).toBeGreaterThanOrEqual(2);
    expect(r.samplesPerSec).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops the first steps after the compiling one and takes the median of the rest', () => {
    // Warm-up steps at 40 and 25 ms, then ~7 ms a step with one step slowed by a GC.
    expect(samplesPerSecFromSteps(60, [40, 25, 7, 7, 30, 7, 7])).toBeCloseTo((60 * 1000) / 7);
    // The plain mean of every step would have said less than half of that.
    expect((60 * 1000 * 7) / (40 + 25 + 7 + 7 + 30 + 7 + 7)).toBeLessThan((60 * 1000) / 7 / 2);
    // Slow (conv) steps: only as many dropped as leave the minimum timed.
    expect(samplesPerSecFromSteps(60, [1200, 1000], 2)).toBeCloseTo((60 * 1000) / 1100);
    expect(samplesPerSecFromSteps(60, [1500, 1000, 1000], 2)).toBeCloseTo(60);
    expect(samplesPerSecFromSteps(60, [])).toBe(0);
  });

  it('groups models by the shape of their work', () => {
    expect(modelClassOf(getModel('lenet300'))).toBe('mlp');
    expect(modelClassOf(getModel('conv-tiny'))).toBe('conv');
  });
});
