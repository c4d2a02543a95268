import { describe, expect, it } from 'vitest';
import type { LabEvent } from './protocol';
import { createOutbox } from './outbox';
import { TimedQueue, type Timers } from './timedQueue';

/** Timers under the test's control: `tick()` fires whatever is due. */
function fakeTimers() {
  let now = 0;
  const due: { at: number; fn: () => void; id: number }[] = [];
  let id = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (due.push({ at: now + ms, fn, id: ++id }), id),
    clearTimeout: (h) => {
      const i = due.findIndex((d) => d.id === h);
      if (i >= 0) due.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const d of due.filter((x) => x.at <= now)) {
      due.splice(due.indexOf(d), 1);
      d.fn();
    }
  };
  return { timers, advance, pending: () => due.length };
}

const progress = (step: number): LabEvent => ({
  type: 'progress', series: 'trunk', round: 0, step, roundSteps: 100, loss: 1, lr: 0.1, samplesPerSec: 10, runDone: step, runTotal: 100,
});
const evalAt = (step: number): LabEvent => ({
  type: 'eval', series: 'trunk', round: 0, point: { step, trainLoss: 1, valLoss: 1, valAcc: 0.5, testLoss: 1, testAcc: 0.5 },
});

describe('outbox', () => {
  it('sends one batch per interval however many events arrive, keeping only the newest progress', () => {
    const t = fakeTimers();
    const sent: LabEvent[][] = [];
    const box = createOutbox((e) => sent.push(e), 100, t.timers);
    for (let s = 1; s <= 1000; s++) {
      box.push(progress(s));
      if (s % 100 === 0) box.push(evalAt(s));
      t.advance(0.5); // a fast step: 1,000 steps in 500 ms
    }
    t.advance(100);
    expect(sent.length).toBeLessThanOrEqual(6);
    const all = sent.flat();
    expect(all.filter((e) => e.type === 'eval')).toHaveLength(10);
    for (const batch of sent) expect(batch.filter((e) => e.type === 'progress').length).toBeLessThanOrEqual(1);
    expect(all.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ step: 1000 });
  });

  it('keeps the order of non-coalesced events and sends the end of a run at once', () => {
    const t = fakeTimers();
    const sent: LabEvent[][] = [];
    const box = createOutbox((e) => sent.push(e), 100, t.timers);
    box.push(evalAt(1));
    box.push({ type: 'warning', code: 'diverged', message: 'NaN' });
    box.push(evalAt(2));
    expect(sent).toHaveLength(0);
    box.push({ type: 'run-end', result: {} as never });
    expect(sent).toHaveLength(1);
    expect(sent[0].map((e) => e.type)).toEqual(['eval', 'warning', 'eval', 'run-end']);
    expect(t.pending()).toBe(0);
  });
});

describe('TimedQueue', () => {
  it('does nothing on an empty flush and restarts its timer after each delivery', () => {
    const t = fakeTimers();
    const sent: number[][] = [];
    const q = new TimedQueue<number>({ send: (x) => sent.push(x), intervalMs: 250, timers: t.timers });
    q.flush();
    expect(sent).toEqual([]);
    q.push(1);
    q.push(2);
    t.advance(249);
    expect(sent).toEqual([]);
    t.advance(1);
    q.push(3);
    t.advance(250);
    expect(sent).toEqual([[1, 2], [3]]);
  });
});
