import { normaliseConfig, MAX_MERGED_CHARS, parseMergedSweep, groupLabel, SweepFileError } from '../../engine/spec';
import { comparisonLabel } from '../pure/comparison';
import type { RunRecord } from '../state/resultsSlice';

/**
 * A merged sweep (`lab merge` → sweep.json) as records the page's charts
 * draw: one record per run, runs of one method (and grid point) in one
 * group, so the comparison charts show one line per method with seeds
 * averaged per density — as for a comparison trained in the page.
 */
export function isSweepFileName(name: string): boolean {
  return /\.json$/i.test(name);
}

const pct = (d: number) => `${+(d * 100).toPrecision(3)} %`;

export async function importSweepBlob(blob: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<RunRecord[]> {
  if (blob.size > MAX_MERGED_CHARS) throw new SweepFileError(`${blob.name} is ${(blob.size / 1e6).toFixed(0)} MB; the limit for a merged sweep is ${MAX_MERGED_CHARS / 1e6} MB`);
  const sweep = parseMergedSweep(new TextDecoder().decode(await blob.arrayBuffer()), blob.name);
  if (sweep.cells.length === 0) throw new SweepFileError(`${blob.name} holds no runs`);
  return sweep.cells.map((c) => {
    let config = null;
    try {
      config = normaliseConfig(c.config);
    } catch {
      // A method this page does not know (e.g. the CLI-only imp-ladder): the results still chart.
    }
    const grid = groupLabel({ method: '', grid: c.cell.grid }).replace(/^ · /, '');
    const name = `${comparisonLabel(c.cell.method)}${grid ? ` · ${grid}` : ''}`;
    return {
      key: `sweep-${c.runId}`,
      label: [name, c.cell.density === null ? '' : `${pct(c.cell.density)} kept`, `seed ${c.cell.seed}`].filter(Boolean).join(' · '),
      group: `sweep:${groupLabel(c.cell)}`,
      seriesName: name,
      methodId: config?.method.id ?? c.cell.method,
      input: config ?? {},
      config,
      backend: c.backend,
      status: c.stoppedReason ? 'stopped' : 'finished',
      ...(c.stoppedReason ? { stoppedReason: c.stoppedReason } : {}),
      plan: [],
      rounds: c.rounds,
      source: 'file' as const,
    };
  });
}
