import { useLayoutEffect, useRef } from 'react';

/**
 * Publishes the element's height as a CSS variable, so what sticks below it
 * (the run bar) sticks exactly there however the header wraps.
 */
export function useStickyHeight(variable: string) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const publish = () => document.documentElement.style.setProperty(variable, `${Math.ceil(el.getBoundingClientRect().height)}px`);
    publish();
    const ro = new ResizeObserver(publish);
    ro.observe(el);
    return () => ro.disconnect();
  }, [variable]);
  return ref;
}
