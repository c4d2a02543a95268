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
    // The observer's own measurement where it has one: reading the layout (getBoundingClientRect) right
    // after the other bar published would force the page's restyle synchronously, inside this callback.
    const publish = (entries?: ResizeObserverEntry[]) => {
      const box = entries?.[0]?.borderBoxSize?.[0];
      const h = `${Math.ceil(box ? box.blockSize : el.getBoundingClientRect().height)}px`;
      if (h === last) return;
      document.documentElement.style.setProperty(variable, (last = h));
      window.dispatchEvent(new Event(STICKY_RESIZE));
    };
    publish();
    const ro = new ResizeObserver((entries) => publish(entries));
    ro.observe(el);
    return () => ro.disconnect();
  }, [variable]);
  return ref;
}
