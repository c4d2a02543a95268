import { describe, expect, it } from 'vitest';
import type { ProgressState } from '../../store/state/runSlice';
import { progressNeedsShowing, progressUrgency } from './sampledProgress';

const p = (over: Partial<ProgressState> = {}): ProgressState => ({
  series: 'trunk', round: 1, step: 10, roundSteps: 100, loss: 1, lr: 0.1, samplesPerSec: 500, runDone: 110, runTotal: 300, ...over,
});

describe('the progress panel shows a new sample', () => {
  it('holds back the next iteration, loss and speed, not a new round, series, evaluation or the last iteration', () => {
    const shown = p();
    expect(progressNeedsShowing(shown, p({ step: 20, runDone: 120, loss: 0.9, samplesPerSec: 520 }))).toBe(false);
    expect(progressNeedsShowing(shown, p({ round: 2, step: 0 }))).toBe(true);
    expect(progressNeedsShowing(shown, p({ series: 'reinit' }))).toBe(true);
    expect(progressNeedsShowing(shown, p({ evaluating: { done: 0, total: 10_000 } }))).toBe(true);
    expect(progressNeedsShowing(shown, p({ step: 100, runDone: 300 }))).toBe(true);
    expect(progressNeedsShowing(p({ runDone: 300 }), p({ runDone: 300, loss: 0.5 }))).toBe(false);
  });

  it('at once when a run starts or its progress is cleared', () => {
    expect(progressNeedsShowing(null, p())).toBe(true);
    expect(progressNeedsShowing(p(), null)).toBe(true);
    expect(progressNeedsShowing(null, null)).toBe(false);
  });

  it('only while a run trains: paused, stepping or stopped, every change shows at once', () => {
    const next = p({ step: 11, runDone: 111 });
    expect(progressUrgency('running')(p(), next)).toBe(false);
    for (const status of ['paused', 'stopped', 'finished', 'idle']) expect(progressUrgency(status)(p(), next)).toBe(true);
  });
});
