import { useEffect, useRef, useState } from 'react';

/** How long to hold a new value back: nothing when it is urgent or `ms` have passed since the last one shown. */
export function holdFor(lastShownAt: number, now: number, ms: number, urgent: boolean): number {
  return urgent ? 0 : Math.max(0, lastShownAt + ms - now);
}

/**
 * `value`, passed on at most once per `ms` (the latest one, so the last
 * value always lands), and at once when `urgent(shown, next)` says so. For
 * text that changes with every store update but reads the same at a slower
 * pace: each change a component does not make is DOM, style, layout and
 * garbage the page does not make either.
 */
export function useSampled<T>(value: T, ms: number, urgent: (shown: T, next: T) => boolean): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const show = () => {
      shownAt.current = performance.now();
      setShown(value);
    };
    const wait = holdFor(shownAt.current, performance.now(), ms, urgent(shown, value));
    if (wait === 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms, urgent]);
  return shown;
}
