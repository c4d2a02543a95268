/**
 * Colours a class can tell apart on a projector and with colour-blindness
 * (Okabe–Ito). Method lines take them in order; the LTH controls always have
 * their own colour and dash, so "ticket vs control" reads the same everywhere.
 */
export const METHOD_COLORS = ['#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7A4F9A', '#1b1b1b', '#8C6D31'];

export const CONTROL_STYLE: Record<string, { color: string; dash: string }> = {
  reinit: { color: '#D55E00', dash: '7 4' },
  'random-mask': { color: '#7f7f7f', dash: '2 4' },
};

/** Light → dark blue for round 0 … last: darker means sparser. */
export function roundColor(i: number, n: number): string {
  const t = n <= 1 ? 1 : i / (n - 1);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(140, 8)}, ${mix(190, 48)}, ${mix(230, 107)})`;
}

export const GRID = '#e3e7ee';
export const AXIS = '#4a5568';

/** Room for tick labels such as "93.0 %" (axis titles sit outside, in HTML). */
export const Y_AXIS_WIDTH = 70;
