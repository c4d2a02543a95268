import { useSyncExternalStore } from 'react';
import { useView } from '../../store/hooks';
import { STICKY_RESIZE } from '../useStickyHeight';

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
  const css = getComputedStyle(document.documentElement);
  const px = (v: string) => parseFloat(css.getPropertyValue(v)) || 0;
  return window.innerHeight - px('--header-h') - px('--runbar-h');
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
  const room = useSyncExternalStore(subscribe, roomUnderBars, () => 600);
  const { presenting } = useView();
  return presenting ? clamp(room - CARD_CHROME + 40, 300, 640) : clamp(room - CARD_CHROME, 200, 400);
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
