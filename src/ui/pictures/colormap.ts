/** White (all pruned) → deep blue (all kept): 256 RGB entries, built once. */
const STOPS: [number, [number, number, number]][] = [
  [0, [255, 255, 255]],
  [0.25, [198, 219, 239]],
  [0.5, [107, 174, 214]],
  [0.75, [33, 113, 181]],
  [1, [8, 48, 107]],
];

const BLUES: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let k = 0;
    while (k < STOPS.length - 2 && t > STOPS[k + 1][0]) k++;
    const [t0, c0] = STOPS[k];
    const [t1, c1] = STOPS[k + 1];
    const u = (t - t0) / (t1 - t0);
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = c0[c] + (c1[c] - c0[c]) * u;
  }
  return lut;
})();

/** RGBA pixels for a grid of 0–255 densities. */
export function densityPixels(cells: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(cells.length * 4);
  for (let i = 0; i < cells.length; i++) {
    px[i * 4] = BLUES[cells[i] * 3];
    px[i * 4 + 1] = BLUES[cells[i] * 3 + 1];
    px[i * 4 + 2] = BLUES[cells[i] * 3 + 2];
    px[i * 4 + 3] = 255;
  }
  return px;
}
