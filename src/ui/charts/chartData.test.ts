import { describe, expect, it } from 'vitest';
import { newRunRecord, type RunRecord } from '../../store/state/resultsSlice';
import { round } from '../../store/state/testing';
import { earlyStopAtEnd, earlyStopSeries, formatPct, lotterySeries, mergeByX, METHOD_OFFSET, percentDomain, percentTicks, roundCurves } from './chartData';
import { densityTrace } from './densityTrace';
import { lotteryExplanation } from '../teaching/methodText';
import { CONTROL_STYLE } from './palette';

function run(key: string, rounds: RunRecord['rounds'], opts: { group?: string; method?: string } = {}): RunRecord {
  return { ...newRunRecord(key, key, { method: { id: opts.method ?? 'imp' } }, 'wasm', { group: opts.group }), rounds };
}

describe('lottery chart data', () => {
  it('draws one line per series with controls in their own colour and dash, dense to sparse', () => {
    const r = run('a', [round('trunk', 0, 1, 0.97), round('trunk', 1, 0.5, 0.975), round('reinit', 1, 0.5, 0.96), round('trunk', 2, 0.25, 0.97), round('reinit', 2, 0.25, 0.94)]);
    const s = lotterySeries([r], 'earlyStop');
    expect(s.map((x) => x.name)).toEqual(['IMP ticket', 'same mask, random re-init']);
    expect(s[0].points.map((p) => p.trueX ?? p.x)).toEqual([100, 50, 25]);
    expect(s[0].points[1].y).toBeCloseTo(97.5);
    expect(s[1]).toMatchObject({ color: CONTROL_STYLE.reinit.color, dash: CONTROL_STYLE.reinit.dash });
    expect(lotterySeries([r], 'final')[0].points[0].y).toBeCloseTo(96);
  });

  it('joins the runs of one comparison method and averages seeds at one density', () => {
    const runs = [
      run('s0', [round('trunk', 0, 0.02, 0.9)], { group: 'snip' }),
      run('s1', [round('trunk', 0, 0.02, 0.8)], { group: 'snip' }),
      run('s2', [round('trunk', 0, 0.1, 0.95)], { group: 'snip' }),
      run('r0', [round('trunk', 0, 0.02, 0.7)], { group: 'random-erk' }),
    ];
    const s = lotterySeries(runs, 'earlyStop');
    expect(s.map((x) => x.name)).toEqual(['SNIP', 'Random (ERK)']);
    expect(s[0].points.map((p) => [p.trueX, p.y])).toEqual([[10, 95], [2, expect.closeTo(85)]]);
    // Two seeds at 2 %: the bar is their standard deviation (90 and 80 → 7.07).
    expect(s[0].points[1].err).toBeCloseTo(Math.SQRT2 * 5);
    expect(s[0].points[0].err).toBeUndefined();
    expect(s[0].color).not.toBe(s[1].color);
    expect(earlyStopSeries(runs)[0].points[0].y).toBe(100);
  });

  it('nudges methods apart at the same density so no point hides another', () => {
    const runs = ['snip', 'random-erk', 'granet'].map((g) => run(g, [round('trunk', 0, 0.02, 0.9)], { group: g }));
    const xs = lotterySeries(runs, 'earlyStop').map((s) => s.points[0].x);
    expect(new Set(xs).size).toBe(3);
    expect(xs[1]).toBeCloseTo(2);
    expect(xs[2] / xs[1]).toBeCloseTo(METHOD_OFFSET);
  });

  it('tells when the minimum validation loss was always the last evaluation (no early stop within the budget)', () => {
    const curve = [100, 200].map((step) => ({ step, trainLoss: 1, valLoss: 1, valAcc: 0.5, testLoss: 1, testAcc: 0.5 }));
    const atEnd = run('a', [{ ...round('trunk', 0, 1), earlyStopStep: 200, curve }]);
    const early = run('b', [{ ...round('trunk', 0, 1), earlyStopStep: 100, curve }]);
    expect(earlyStopAtEnd([atEnd])).toMatchObject({ atEnd: 1, total: 1 });
    expect(earlyStopAtEnd([atEnd, early])).toMatchObject({ atEnd: 1, total: 2 });
  });

  it('explains each method in its own words, and a comparison as a comparison', () => {
    expect(lotteryExplanation(['snip']).expect).toMatch(/uniform random/);
    expect(lotteryExplanation(['snip']).what).not.toMatch(/winning ticket/);
    expect(lotteryExplanation(['granet']).what).toMatch(/end of one training/);
    expect(lotteryExplanation(['snip', 'granet']).what).toMatch(/standard deviation/);
  });

  it('numbers two separate runs of the same method', () => {
    const s = lotterySeries([run('a', [round('trunk', 0, 1)]), run('b', [round('trunk', 0, 1)])], 'earlyStop');
    expect(s.map((x) => x.name)).toEqual(['IMP ticket', 'IMP ticket (2)']);
  });
});

describe('mergeByX', () => {
  it('makes one row per x with a column per line', () => {
    expect(mergeByX([
      { id: 'a', points: [{ x: 2, y: 1 }, { x: 1, y: 3 }] },
      { id: 'b', points: [{ x: 2, y: 5 }] },
    ])).toEqual([{ x: 1, a: 3 }, { x: 2, a: 1, b: 5 }]);
  });
});

describe('log axis', () => {
  it('labels 1-2-5 steps down to the sparsest point', () => {
    expect(percentTicks(1)).toEqual([100, 50, 20, 10, 5, 2, 1]);
    const domain = percentDomain([{ id: 'a', name: 'a', color: '', points: [{ x: 100, y: 0 }, { x: 1.6, y: 0 }] }]);
    expect(domain).toEqual([1, 100]);
    expect(percentDomain([])).toEqual([50, 100]);
  });

  it('formats percentages with sensible precision', () => {
    expect(formatPct(100)).toBe('100 %');
    expect(formatPct(51.23)).toBe('51.2 %');
    expect(formatPct(1.6)).toBe('1.60 %');
    expect(formatPct(0.0523)).toBe('0.052 %');
  });
});

describe('round curves', () => {
  it('has a curve for every planned round, filled by finished rounds and the live one, darker as it gets sparser', () => {
    const r = run('a', [
      { ...round('trunk', 0, 1), curve: [{ step: 10, trainLoss: 1, valLoss: 1, valAcc: 0.5, testLoss: 1, testAcc: 0.5 }] },
      { ...round('reinit', 1, 0.5), curve: [] },
    ]);
    r.plan = [{ series: 'trunk', round: 0, steps: 10 }, { series: 'trunk', round: 1, steps: 10 }, { series: 'trunk', round: 2, steps: 10 }];
    const live = { runKey: 'a', series: 'trunk' as const, round: 1, points: [{ step: 10, trainLoss: 0.8, valLoss: 1, valAcc: 0.6, testLoss: 1, testAcc: 0.6 }] };
    const c = roundCurves(r, 'trunk', live);
    expect(c.map((x) => x.name)).toEqual(['round 0 · 100 %', 'round 1', 'round 2']);
    expect(c.map((x) => x.acc.length)).toEqual([1, 1, 0]);
    expect(c[0].acc[0]).toEqual({ x: 10, y: 50 });
    expect(c[0].loss[0]).toEqual({ x: 10, y: 1 });
    expect(c[0].color).not.toBe(c[1].color);
    expect(roundCurves(null, 'trunk')).toEqual([]);
    expect(roundCurves(r, 'trunk', { ...live, runKey: 'other' }).filter((x) => x.acc.length > 0)).toHaveLength(1);
  });

  it('labels a run that starts dense and is pruned while training by where its mask went', () => {
    const trace = [{ step: 0, density: 1, layers: [1], regrown: 0 }, { step: 50, density: 0.02, layers: [0.02], regrown: 0.1 }];
    const g = run('g', [{ ...round('trunk', 0, 0.02), maskTrace: trace }], { method: 'granet' });
    g.plan = [{ series: 'trunk', round: 0, steps: 100 }];
    expect(roundCurves(g, 'trunk')[0].name).toBe('training · 100 % → 2.00 %');
    const rg = run('r', [{ ...round('trunk', 0, 0.1), maskTrace: [{ step: 0, density: 0.1, layers: [0.1], regrown: 0 }] }], { method: 'rigl' });
    rg.plan = g.plan;
    expect(roundCurves(rg, 'trunk')[0].name).toBe('training · 10.0 % throughout');
  });

  it('draws density per layer and the regrown share from the live trace, or the finished round', () => {
    const points = [{ step: 0, density: 1, layers: [1, 1], regrown: 0 }, { step: 50, density: 0.5, layers: [0.4, 0.9], regrown: 0.2 }];
    const g = run('g', [], { method: 'granet' });
    const live = densityTrace(g, { series: 'trunk', round: 0, layerNames: ['fc1/kernel', 'out/kernel'], points })!;
    expect(live.layers.map((l) => l.name)).toEqual(['fc1', 'out']);
    expect(live.layers[0].points).toEqual([{ x: 0, y: 100 }, { x: 50, y: 40 }]);
    expect(live.regrown[1]).toEqual({ x: 50, y: 20 });
    expect(live.regrows).toBe(true);
    const finished = run('h', [{ ...round('trunk', 0, 0.5), layers: [{ name: 'fc1/kernel', size: 10, nnz: 4, density: 0.4 }, { name: 'out/kernel', size: 10, nnz: 9, density: 0.9 }], maskTrace: points }], { method: 'gmp' });
    expect(densityTrace(finished, null)!.layers[1].points[1].y).toBe(90);
    expect(densityTrace(run('i', [], { method: 'gmp' }), null)).toBeNull();
  });
});

describe('overlaid runs', () => {
  it('get their own colours (controls too) and legend names that say what differs', async () => {
    const { newRunRecord } = await import('../../store/state/resultsSlice');
    const mk = (key: string, k: number) => ({
      ...newRunRecord(key, key, { training: { iterations: 300 }, method: { id: 'imp', params: { reset: 'rewind', rewindStep: k } } }, 'wasm'),
      rounds: [
        { series: 'trunk', round: 0, density: 1, earlyStopTestAcc: 0.97, finalTestAcc: 0.97, earlyStopStep: 100 },
        { series: 'reinit', round: 1, density: 0.5, earlyStopTestAcc: 0.95, finalTestAcc: 0.95, earlyStopStep: 100 },
      ] as never,
    });
    const s = lotterySeries([mk('a', 100), mk('b', 200)], 'earlyStop');
    expect(new Set(s.map((x) => x.color)).size).toBe(2);
    expect(s.map((x) => x.name)).toEqual([
      'IMP ticket (k=100)', 'IMP ticket (k=100) — same mask, random re-init', 'IMP ticket (k=200)', 'IMP ticket (k=200) — same mask, random re-init',
    ]);
  });
});
