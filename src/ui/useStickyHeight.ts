import { useLayoutEffect, useRef } from 'react';

/** Fired on window when a sticky bar's published height changes (the main chart resizes to fit). */
export const STICKY_RESIZE = 'sparse-lab:sticky-resize';

/**
 * Publishes the element's height as a CSS variable, so what sticks below it
 * (the run bar) sticks exactly there however the header wraps.
 */
export function useStickyHeight(variable: string) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let last = '';
    // Only on a real change: a custom property on the root restyles the whole page.
    const publish = () => {
      const h = `${Math.ceil(el.getBoundingClientRect().height)}px`;
      if (h === last) return;
      document.documentElement.style.setProperty(variable, (last = h));
      window.dispatchEvent(new Event(STICKY_RESIZE));
    };
    publish();
    const ro = new ResizeObserver(publish);
    ro.observe(el);
    return () => ro.disconnect();
  }, [variable]);
  return ref;
}
