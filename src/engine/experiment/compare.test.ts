import { beforeAll, describe, expect, it } from 'vitest';
import { comparisonTables, specFromFlags } from '../../cli/compare';
import { parseArgs } from '../../cli/args';
import { COMPARE_FLAGS } from '../../cli/compare';
import { useNodeBackend } from '../../node/backend';
import { getPreset, presets } from '../presets';
import { syntheticDataset } from '../testing/synthetic';
import { runComparison } from '../sweep/comparison';
import type { SweepEvent } from '../sweep/runner';
import { meanStd, planComparison, CompareSpecSchema } from './compare';
import { normaliseConfig } from './normalise';

const ds = syntheticDataset();

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const spec = {
  base: { model: 'mlp-tiny', training: { optimizer: 'adam' as const, lr: 0.01, batchSize: 32, iterations: 30, evalEvery: 10 } },
  methods: ['dense', 'imp', 'random-erk', 'oneshot', 'granet'],
  densities: [0.2, 0.5],
  seeds: [0, 1],
};

describe('comparison planning', () => {
  it('one IMP run reaches every density; the others run once per density', () => {
    const plan = planComparison(CompareSpecSchema.parse(spec));
    const seed0 = plan.filter((p) => p.seed === 0);
    expect(seed0.map((p) => `${p.method}@${p.density}`)).toEqual([
      'dense@null', 'imp@null', 'random-erk@0.5', 'random-erk@0.2', 'oneshot@0.5', 'oneshot@0.2', 'granet@0.5', 'granet@0.2',
    ]);
    const imp = seed0.find((p) => p.method === 'imp')!;
    expect(imp.config.method!.params!.targetDensities).toEqual([0.5, 0.2]);
    expect(imp.steps).toBe(3 * 30);
    expect(seed0.find((p) => p.method === 'oneshot')!.steps).toBe(60);
    for (const p of plan) expect(() => normaliseConfig(p.config)).not.toThrow();
  });

  it('mean ± sample std', () => {
    expect(meanStd([0.9, 0.92, 0.94])).toEqual({ mean: expect.closeTo(0.92, 12), std: expect.closeTo(0.02, 12) });
    expect(meanStd([0.5]).std).toBe(0);
  });
});

describe('runComparison (the sweep runner in process)', () => {
  it('fills a method × density table over seeds and streams events', async () => {
    const events: SweepEvent[] = [];
    const result = await runComparison(spec, ds, (e) => events.push(e));
    expect(result.runs.length).toBe(2 * 8);
    expect(result.cells.map((c) => `${c.method}@${c.density}`)).toEqual([
      'dense@1', 'imp@0.5', 'imp@0.2', 'random-erk@0.5', 'random-erk@0.2', 'oneshot@0.5', 'oneshot@0.2', 'granet@0.5', 'granet@0.2',
    ]);
    for (const c of result.cells) {
      expect(c.seeds).toEqual([0, 1]);
      expect(c.realised.every((d) => Math.abs(d - c.density) < 0.002)).toBe(true);
      expect(c.finalMean).toBeGreaterThan(0.2);
      expect(c.finalStd).toBeGreaterThanOrEqual(0);
    }
    expect(events[0]).toMatchObject({ type: 'sweep-start', cells: 16, skipped: 0, toRun: 16 });
    expect(events.filter((e) => e.type === 'cell-end').length).toBe(16);
    const text = comparisonTables(result);
    expect(text).toContain('granet');
    expect(text).toMatch(/\d+\.\d\d ± \d+\.\d\d/);
  });
});

describe('CLI spec', () => {
  it('parses the documented flags', () => {
    const { flags } = parseArgs(
      ['--dataset', 'mnist', '--model', 'lenet300', '--methods', 'imp,random-uniform,random-erk,snip,granet,gmp', '--densities', '0.2,0.1,0.05,0.02', '--seeds', '3', '--param', 'granet.regrowth=0.3'],
      COMPARE_FLAGS,
    );
    const { spec: s } = specFromFlags(flags);
    const parsed = CompareSpecSchema.parse(s);
    expect(parsed.seeds).toEqual([0, 1, 2]);
    expect(parsed.methods).toEqual(['imp', 'random-uniform', 'random-erk', 'snip', 'granet', 'gmp']);
    expect(parsed.params.granet).toEqual({ regrowth: 0.3 });
    expect(planComparison(parsed).length).toBe(3 * (1 + 5 * 4));
  });

  it('the quick preset is a valid comparison and a valid single run', () => {
    const p = getPreset('compare-mnist-quick');
    expect(p.compare).toBeDefined();
    const { flags } = parseArgs(['--preset', p.id], COMPARE_FLAGS);
    expect(() => planComparison(CompareSpecSchema.parse(specFromFlags(flags).spec))).not.toThrow();
    for (const q of presets) expect(() => normaliseConfig(q.config)).not.toThrow();
  });
});

describe('CLI routing', () => {
  it('sends comparison presets to `compare` and everything else to `run`', async () => {
    const { isComparePreset } = await import('../../cli/compare');
    expect(isComparePreset(['--preset', 'compare-mnist-quick'])).toBe(true);
    expect(isComparePreset(['--preset=compare-mnist-quick', '--quiet'])).toBe(true);
    expect(isComparePreset(['--preset', 'lth-mnist-quick'])).toBe(false);
    expect(isComparePreset(['--preset', 'no-such-preset'])).toBe(false);
    expect(isComparePreset(['--method', 'snip'])).toBe(false);
  });
});
