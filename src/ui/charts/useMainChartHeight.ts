import { useSyncExternalStore } from 'react';
import { useView } from '../../store/hooks';
import { STICKY_RESIZE } from '../useStickyHeight';

/**
 * The room under the bars, measured when the window or a sticky bar resizes
 * and read from this cache in between: useSyncExternalStore reads its
 * snapshot on every render of the chart, and getComputedStyle there would
 * force a style recalculation on each redraw of a training run.
 */
let room: number | null = null;
if (typeof window !== 'undefined') {
  // Installed at load, before any chart renders, so no change can be missed.
  const forget = () => (room = null);
  window.addEventListener('resize', forget);
  window.addEventListener(STICKY_RESIZE, forget);
}

const subscribe = (fn: () => void) => {
  window.addEventListener('resize', fn);
  window.addEventListener(STICKY_RESIZE, fn);
  return () => {
    window.removeEventListener('resize', fn);
    window.removeEventListener(STICKY_RESIZE, fn);
  };
};

/** The window's height less the header and the run bar, as they are laid out now. */
const roomUnderBars = () => {
  if (room !== null) return room;
  const css = getComputedStyle(document.documentElement);
  const px = (v: string) => parseFloat(css.getPropertyValue(v)) || 0;
  return (room = window.innerHeight - px('--header-h') - px('--runbar-h'));
};

/** The card's own chrome around the plot: title, captions, legend, axis title, paddings (≈ 310 px). */
const CARD_CHROME = 310;

/**
 * The lottery chart's plot height: what is left of the window under the
 * header, the run bar (whatever it holds: the job size, a confirmation) and
 * the card's own titles, so that on a 1280×720 projector Start and the whole
 * chart are above the fold; larger while presenting.
 */
export function useMainChartHeight(): number {
  const space = useSyncExternalStore(subscribe, roomUnderBars, () => 600);
  const { presenting } = useView();
  return presenting ? clamp(space - CARD_CHROME + 40, 300, 640) : clamp(space - CARD_CHROME, 200, 400);
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
