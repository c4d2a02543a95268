import type { ProgressState } from '../../store/state/runSlice';

/**
 * The progress panel's text changes at most once a second. Every change of
 * a number there re-shapes its text and lays its line out again, and Blink
 * keeps those layout and text objects on its garbage-collected heap: at the
 * store's four updates a second the panel made ~130 of the page's ~160 kB/s
 * of Blink allocation while training (measured with the panel hidden and
 * shown). That garbage is what V8's memory reducer then compacts in one
 * pause (Oilpan's compaction took 15–20 ms of the 45–60 ms pauses under 4×
 * CPU throttling). Once a second still reads as live.
 */
export const PROGRESS_SAMPLE_MS = 1000;

/**
 * Changes that are shown at once: a run starting or ending, a new round or
 * series (the round bar starts again), evaluation starting or ending, the
 * last iteration. Everything else (the next iteration, loss, speed, ETA)
 * waits for the next sample.
 */
export function progressNeedsShowing(shown: ProgressState | null, next: ProgressState | null): boolean {
  if (!shown || !next) return shown !== next;
  return shown.round !== next.round || shown.series !== next.series || !shown.evaluating !== !next.evaluating
    || (next.runDone >= next.runTotal && shown.runDone !== next.runDone);
}

/** While nothing trains (paused, single steps, stopped, finished) every change shows at once: it is the count a person stops to read. */
const showAtOnce = (): boolean => true;

/** The urgency rule for a run in this status: sampled only while it trains. */
export const progressUrgency = (status: string) => (status === 'running' ? progressNeedsShowing : showAtOnce);
