import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../experiment/normalise';
import { runId } from '../experiment/runId';
import { expandSweep, gridPoints, parseShard, shardCells, type SweepSpecInput } from './spec';

const base = { model: 'mlp-tiny', training: { iterations: 20, evalEvery: 10 } };
const spec: SweepSpecInput = { base, methods: ['dense', 'imp', 'snip'], densities: [0.2, 0.5], seeds: [0, 1], grid: { 'training.lr': [0.001, 0.01] } };

describe('expandSweep', () => {
  it('crosses the grid with the comparison plan; every cell is a normal run config named by its run id', () => {
    const cells = expandSweep(spec);
    // per grid point and seed: dense, imp (one run, all densities), snip × 2
    expect(cells.length).toBe(2 * 2 * 4);
    expect(cells.map((c) => c.index)).toEqual(cells.map((_, i) => i));
    for (const c of cells) {
      expect(runId(normaliseConfig(c.config))).toBe(c.runId);
      expect(c.config.training.lr).toBe(c.grid['training.lr']);
    }
    const imp = cells.find((c) => c.method === 'imp')!;
    expect(imp).toMatchObject({ kind: 'iterative', density: null, targets: [0.5, 0.2], rounds: 3, steps: 60 });
    expect(new Set(cells.map((c) => c.runId)).size).toBe(cells.length);
  });

  it('a plain grid (no methods) sweeps the base config over seeds; equal configs appear once', () => {
    const cells = expandSweep({ base: { ...base, method: { id: 'snip', params: { density: 0.1 } } }, seeds: [0, 1, 2], grid: { 'training.batchSize': [16, 32], 'training.optimizer': ['adam', 'adam'] } });
    expect(cells.length).toBe(2 * 3);
    expect(cells[0]).toMatchObject({ kind: 'run', method: 'snip', density: 0.1, rounds: 1 });
  });

  it('refuses reserved keys, unknown config fields and oversized grids with a message', () => {
    expect(() => expandSweep({ base, grid: { '__proto__.x': [1] } })).toThrow(/dotted config path/);
    expect(() => expandSweep({ base, grid: { 'training.constructor': [1] } })).toThrow(/dotted config path/);
    expect(() => expandSweep({ base, grid: { 'training.typo': [1] } })).toThrow(/typo/);
    expect(() => expandSweep({ base, methods: ['constructor'], densities: [0.5] })).toThrow();
    expect(() => expandSweep({ base, methods: ['toString'], densities: [0.5] })).toThrow(/unknown method 'toString'/);
    expect(() => gridPoints({ a: Array(200).fill(1), b: Array(200).fill(1) })).toThrow(/more than/);
    expect(() => expandSweep({ base, densities: [0.5] })).toThrow(/need methods/);
  });
});

describe('sharding', () => {
  const cells = expandSweep(spec);
  it('n shards cover every cell exactly once, deterministically', () => {
    for (const n of [1, 2, 3, 5, 40]) {
      const parts = Array.from({ length: n }, (_, i) => shardCells(cells, { index: i, count: n }).map((c) => c.runId));
      expect(parts.flat().sort()).toEqual(cells.map((c) => c.runId).sort());
      expect(parts).toEqual(Array.from({ length: n }, (_, i) => shardCells(expandSweep(spec), { index: i, count: n }).map((c) => c.runId)));
    }
  });

  it('parses i/n counting from 0, as Slurm array and Kubernetes completion indices do', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3/4 ')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/2', 'a/b', '1', '1/2/3']) expect(() => parseShard(bad)).toThrow(/i\/n/);
  });
});
