import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_BUDGET_GZIP, measureFirstPaint } from './first-paint';

/**
 * The page never trains (the worker does), so its first paint must not wait
 * for tfjs: the page imports only the engine's spec face (src/engine/spec).
 * One import of the compute face from src/ui or src/store would pull tfjs into
 * these chunks and fail here.
 */
describe('first paint of the built page', () => {
  it(`loads no tfjs, no recharts, and at most ${FIRST_PAINT_BUDGET_GZIP / 1000} kB of gzipped JS`, async () => {
    const chunks = await measureFirstPaint();
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.flatMap((c) => c.tfjsModules.map((m) => `${c.file}: ${m}`))).toEqual([]);
    expect(chunks.flatMap((c) => c.rechartsModules.map((m) => `${c.file}: ${m}`))).toEqual([]);
    const total = chunks.reduce((s, c) => s + c.gzip, 0);
    expect(total, chunks.map((c) => `${c.file} ${c.gzip}`).join('\n')).toBeLessThanOrEqual(FIRST_PAINT_BUDGET_GZIP);
  });
});
