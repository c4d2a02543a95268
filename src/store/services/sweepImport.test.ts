import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lotterySeries } from '../../ui/charts/chartData';
import { importSweepBlob } from './sweepImport';

/** A real `lab merge` output: 4 methods × densities 50/20 % × 2 seeds × training.lr 0.003/0.01 on mlp-tiny. */
const FIXTURE = join(__dirname, '..', '..', '..', 'e2e', 'fixtures', 'sweep', 'sweep.json');
const blob = (name: string, text: string) => ({ name, size: text.length, arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer });

describe('importing a merged sweep into the page', () => {
  it('gives one chart line per method and grid point, seeds averaged per density', async () => {
    const records = await importSweepBlob(blob('sweep.json', readFileSync(FIXTURE, 'utf8')));
    expect(records.length).toBe(24);
    expect(new Set(records.map((r) => r.group)).size).toBe(8);
    expect(records.every((r) => r.source === 'file' && r.config !== null)).toBe(true);
    const lines = lotterySeries(records, 'final');
    expect(lines.map((l) => l.name)).toContain('IMP ticket · training.lr=0.01');
    // dense 1 point, IMP 3 (100, 50, 20 %), random ERK and SNIP 2 each; twice (two learning rates)
    expect(lines.length).toBe(8);
    expect(lines.reduce((n, l) => n + l.points.length, 0)).toBe(16);
  });

  it('refuses reserved keys, foreign JSON and oversized files with a message', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    await expect(importSweepBlob(blob('evil.json', text.replace('"cells":[', '"__proto__":{"x":1},"cells":[')))).rejects.toThrow(/reserved key '__proto__'/);
    await expect(importSweepBlob(blob('r.json', '{"schema":"sparse-lab/run@1"}'))).rejects.toThrow(/not a merged sweep/);
    await expect(importSweepBlob({ name: 'big.json', size: 1e9, arrayBuffer: async () => new ArrayBuffer(0) })).rejects.toThrow(/limit/);
  });
});
