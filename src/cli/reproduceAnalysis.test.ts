import { describe, expect, it } from 'vitest';
import type { SeriesId } from '../engine/experiment/events';
import { aggregate, stat, verdicts, type SeedRound } from './reproduceAnalysis';
import { markdownTable, textTable } from './reproduceReport';

const LADDER = [1, 0.513, 0.211, 0.135, 0.07, 0.036, 0.019];

/** Three seeds around the given means (accuracy, early-stop iteration) for one series; ±0.0005 jitter. */
function series(s: SeriesId, acc: number[], es: number[], steps = 8000): SeedRound[] {
  const out: SeedRound[] = [];
  for (const [i, d] of LADDER.entries()) {
    if (s !== 'trunk' && i === 0) continue; // controls exist only for pruned rounds
    for (const [seed, j] of [-0.0005, 0, 0.0005].entries()) {
      out.push({ seed, series: s, round: i, density: d, earlyStopTestAcc: acc[i] + j, finalTestAcc: acc[i] + j - 0.001, earlyStopStep: es[i], steps });
    }
  }
  return out;
}

/** What LTH §2 reports, in the lab's units. */
const paperLike = [
  ...series('trunk', [0.98, 0.9815, 0.983, 0.9835, 0.982, 0.9795, 0.975], [5000, 4000, 3100, 3500, 4000, 4800, 6000]),
  ...series('reinit', [0, 0.979, 0.977, 0.974, 0.968, 0.96, 0.95], [0, 5000, 7800, 8000, 8000, 8000, 8000]),
  ...series('random-mask', [0, 0.978, 0.975, 0.971, 0.963, 0.952, 0.94], [0, 5000, 7000, 8000, 8000, 8000, 8000]),
];

describe('aggregate', () => {
  it('gives mean and sample std per series and round, and counts early stops at the last evaluation', () => {
    expect(stat([1, 2, 3])).toEqual({ mean: 2, std: 1, n: 3 });
    const rows = aggregate(paperLike);
    expect(rows).toHaveLength(7 + 6 + 6);
    const t0 = rows.find((r) => r.series === 'trunk' && r.round === 0)!;
    expect(t0.esAcc.mean).toBeCloseTo(0.98, 10);
    expect(t0.esAcc.std).toBeCloseTo(0.0005, 10);
    expect(rows.find((r) => r.series === 'reinit' && r.round === 6)!.esAtEnd).toBe(3);
    expect(rows[0].series).toBe('trunk');
  });

  it('renders one table row per density with all three series', () => {
    const rows = aggregate(paperLike);
    const text = textTable(rows).split('\n');
    expect(text).toHaveLength(2 + 7);
    expect(text[2]).toMatch(/^100\.0 /);
    expect(text[8]).toMatch(/^1\.9 .*\*$/); // the sparsest random-mask ES at the budget's end is starred
    expect(markdownTable(rows).split('\n')).toHaveLength(2 + 7);
  });
});

describe('verdicts on checks 15–19', () => {
  it('holds every check on paper-like numbers', () => {
    const vs = verdicts(aggregate(paperLike));
    expect(vs.map((v) => v.check)).toEqual([15, 16, 17, 18, 19]);
    for (const v of vs) expect([v.check, v.held, v.evidence]).toEqual([v.check, 'held', v.evidence]);
  });

  it('reports claims that fail, with the numbers', () => {
    // A lab where pruning only hurts: the ticket is no better than its controls and falls below dense at once.
    const flat = (acc: number[]) => acc.map((a, i) => (i === 0 ? a : a - 0.004 * i));
    const bad = [
      ...series('trunk', flat([0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975]), [5000, 5000, 5000, 5000, 5000, 5000, 5000]), // early stop never moves
      ...series('reinit', flat([0, 0.976, 0.976, 0.976, 0.976, 0.976, 0.976]), [0, 3000, 3000, 4000, 5000, 6000, 8000]),
      ...series('random-mask', flat([0, 0.977, 0.977, 0.977, 0.977, 0.977, 0.977]), [0, 3000, 3000, 4000, 5000, 6000, 8000]),
    ];
    const vs = Object.fromEntries(verdicts(aggregate(bad)).map((v) => [v.check, v]));
    expect(vs[15].held).toBe('not held');
    expect(vs[15].evidence).toContain('97.50 %');
    expect(vs[16].held).toBe('partly'); // only "clearly below dense at 1.9 %" holds
    expect(vs[16].parts[0]).toMatchObject({ held: false, value: expect.stringContaining('at 3.6 %') });
    expect(vs[17].parts[1].held).toBe(false);
    expect(vs[18].held).toBe('not held');
    expect(vs[19].held).toBe('not held');
  });

  it('leaves parts it cannot judge as n/a instead of guessing', () => {
    const denseOnly = series('trunk', [0.98, 0, 0, 0, 0, 0, 0], [5000, 0, 0, 0, 0, 0, 0]).filter((r) => r.round === 0);
    const vs = verdicts(aggregate(denseOnly));
    expect(vs[0].held).toBe('held');
    expect(vs.slice(1).map((v) => v.held)).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
  });
});
