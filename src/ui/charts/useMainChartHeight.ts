import { useSyncExternalStore } from 'react';
import { useView } from '../../store/hooks';

const subscribe = (fn: () => void) => {
  window.addEventListener('resize', fn);
  return () => window.removeEventListener('resize', fn);
};
const viewportHeight = () => window.innerHeight;

/**
 * The lottery chart's plot height: what is left of the window under the
 * header, the run bar and the card's own titles (≈ 470 px), so that on a
 * 1280×720 projector Start and the whole chart are above the fold; larger
 * while presenting.
 */
export function useMainChartHeight(): number {
  const h = useSyncExternalStore(subscribe, viewportHeight, () => 800);
  const { presenting } = useView();
  return presenting ? clamp(h - 430, 300, 640) : clamp(h - 470, 220, 400);
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
