import { describe, expect, it } from 'vitest';
import type { RunResult } from '../experiment/events';
import { CELL_SCHEMA, type CellFile } from './cellFile';
import { memoryStore } from './executeCell';
import { SweepProgress } from './progress';
import { runSweep, type CellExecutor, type SweepEvent } from './runner';
import { cellMeta, expandSweep, type SweepCell } from './spec';

const cells = expandSweep({ base: { model: 'mlp-tiny', training: { iterations: 10 } }, seeds: [0, 1, 2, 3, 4, 5, 6, 7] });

/** A stand-in for training: records which cells it was asked to run. */
function fakeExecutors(trained: string[], fail?: string) {
  return (): CellExecutor => ({
    async run(cell: SweepCell, onProgress) {
      await new Promise((r) => setTimeout(r, 1));
      onProgress(cell.steps / 2);
      if (cell.runId === fail) throw new Error('boom');
      trained.push(cell.runId);
      const result = { schema: 'sparse-lab/run@1', runId: cell.runId, config: cell.config, backend: 'fake', startedAt: '', seconds: 1, rounds: [] } as RunResult;
      return { schema: CELL_SCHEMA, runId: cell.runId, cell: cellMeta(cell), masksDigest: '0'.repeat(16), cpuSeconds: 0, result } satisfies CellFile;
    },
    close: async () => {},
  });
}

describe('runSweep', () => {
  it('a sweep stopped halfway and started again trains only the missing cells', async () => {
    const store = memoryStore();
    const first: string[] = [];
    const s1 = await runSweep(cells, { jobs: 2, store, executor: fakeExecutors(first), stopRequested: () => first.length >= 3 });
    expect(store.files.size).toBe(first.length);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first.length).toBeLessThan(cells.length);
    expect(s1.notStarted).toBe(cells.length - first.length);

    const second: string[] = [];
    const events: SweepEvent[] = [];
    const s2 = await runSweep(cells, { jobs: 2, store, executor: fakeExecutors(second), onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: 'sweep-start', cells: cells.length, skipped: first.length, toRun: cells.length - first.length });
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(new Set([...first, ...second])).toEqual(new Set(cells.map((c) => c.runId)));
    expect(s2).toMatchObject({ skipped: first.length, notStarted: 0, failed: [] });
  });

  it('a failing cell is reported, not stored, and the others still run on a fresh executor', async () => {
    const store = memoryStore();
    const trained: string[] = [];
    let made = 0;
    const make = fakeExecutors(trained, cells[2].runId);
    const s = await runSweep(cells, { jobs: 3, store, executor: () => (made++, make()) });
    expect(s.failed).toEqual([{ runId: cells[2].runId, error: 'boom' }]);
    expect(store.files.size).toBe(cells.length - 1);
    expect(made).toBe(3 + 1);
  });
});

describe('SweepProgress', () => {
  it('counts done / running / left and estimates the rest from measured cells over the busy workers', () => {
    let t = 0;
    const p = new SweepProgress(4, 400, 2, () => t);
    p.start('a', 100);
    p.start('b', 100);
    expect(p.snapshot()).toMatchObject({ done: 0, running: 2, left: 2 });
    expect(p.snapshot().eta).toBeNaN();
    t = 10;
    p.update('a', 50);
    p.update('b', 50);
    // running pace: 20 s for 100 steps → 0.2 s/step; 300 steps left on 2 workers
    expect(p.snapshot().eta).toBeCloseTo(30);
    t = 20;
    p.finish('a', 20, true);
    p.update('b', 100);
    // measured 20 s per 100 steps; 200 steps waiting + 0 in b, 2 workers
    expect(p.snapshot()).toMatchObject({ done: 1, running: 1, left: 2 });
    expect(p.snapshot().eta).toBeCloseTo(20);
  });
});
