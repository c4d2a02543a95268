import type { LabEvent } from './protocol';
import { TimedQueue, type Timers } from './timedQueue';

/** Event types where only the newest matters: a fresh one replaces the queued one. */
const COALESCED = new Set<LabEvent['type']>(['progress', 'data-progress']);

export type Outbox = TimedQueue<LabEvent>;

/**
 * How often a batch leaves, and how often the page folds messages into its
 * store (trainingController uses the same value): sending more often only
 * woke the page's main thread to copy progress reports it then replaced (at
 * 100 ms, ten message tasks a second and their garbage).
 */
export const OUTBOX_INTERVAL_MS = 250;

/**
 * A run's events on their way out of the worker: one batch at most every
 * `intervalMs`, never one per step. Progress reports are coalesced to the
 * newest; evaluations, round results, warnings and pictures are all kept,
 * in order. The end of a run goes out at once.
 */
export function createOutbox(send: (events: LabEvent[]) => void, intervalMs = OUTBOX_INTERVAL_MS, timers?: Timers): Outbox {
  return new TimedQueue<LabEvent>({
    send, intervalMs, timers,
    coalesceKey: (e) => (COALESCED.has(e.type) ? e.type : null),
    urgent: (e) => e.type === 'run-end',
  });
}
