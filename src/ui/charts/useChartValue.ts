import { startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import { useRunStatus } from '../../store/hooks';

/**
 * Shows `value` `delayMs` after it changes (and at least `minIntervalMs`
 * after the previous change shown), as a transition, and only while `live`
 * (the chart is on screen, or nothing is training). Each chart gets its own
 * delay, so when one store update touches several charts they redraw in
 * separate tasks (recharts redraws synchronously inside an animation frame)
 * rather than in one long task that would freeze the page; charts scrolled
 * out of view wait until they are seen again. Store updates arrive at most
 * every 250 ms, so delays stay below that.
 */
export function useStaggered<T>(value: T, delayMs: number, live = true, minIntervalMs = 0): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    if (!live || Object.is(value, shown)) return;
    // Measured from the last redraw, so a stream of changes cannot keep pushing it back.
    const wait = Math.max(delayMs, lastShown.current + minIntervalMs - performance.now());
    const t = setTimeout(() => {
      lastShown.current = performance.now();
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(t);
  }, [value, shown, delayMs, live, minIntervalMs]);
  return shown;
}

/** The delay slot of each chart: one recharts redraw per slot. */
export const STAGGER = { lottery: 0, curves: 40, curvesLoss: 40, earlyStop: 120, layers: 160, densityTraining: 180, pictures: 200 } as const;

/** Live training curves redraw at most this often: often enough to watch, rarely enough to stay light. */
export const CURVES_MIN_INTERVAL_MS = 750;

/** Whether the element is on screen (or close to it). */
function useInView<E extends Element>(): [RefObject<E | null>, boolean] {
  const ref = useRef<E>(null);
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(([e]) => setInView(e.isIntersecting), { rootMargin: '200px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return [ref, inView];
}

/**
 * A chart's data as it should be drawn: staggered into its own slot, and held
 * back while a run trains and the chart is off screen (it catches up when
 * scrolled into view, and every chart catches up when the run ends).
 */
export function useChartValue<T, E extends Element>(value: T, slot: number, minIntervalMs = 0): [T, RefObject<E | null>] {
  const [ref, inView] = useInView<E>();
  const status = useRunStatus();
  const training = status === 'running' || status === 'loading';
  return [useStaggered(value, slot, inView || !training, training ? minIntervalMs : 0), ref];
}
