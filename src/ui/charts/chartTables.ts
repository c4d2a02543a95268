import type { XY } from './chartData';

/** What a chart's table view shows: the same numbers the chart draws. */
export interface TableData {
  columns: string[];
  rows: string[][];
}

/**
 * Lines as a table: one row per x (in the order given by `descending`), one
 * column per line, blank where a line has no point at that x.
 */
export function linesTable(
  lines: readonly { name: string; points: readonly (XY & { trueX?: number })[] }[],
  xLabel: string,
  formatX: (x: number) => string,
  formatY: (y: number) => string,
  descending = false,
): TableData {
  // Points nudged sideways on the chart (methods at one density) are tabled at their true x.
  const xOf = (p: XY & { trueX?: number }) => p.trueX ?? p.x;
  const xs = [...new Set(lines.flatMap((l) => l.points.map(xOf)))].sort((a, b) => (descending ? b - a : a - b));
  const byX = lines.map((l) => new Map(l.points.map((p) => [xOf(p), p.y])));
  return {
    columns: [xLabel, ...lines.map((l) => l.name)],
    rows: xs.map((x) => [formatX(x), ...byX.map((m) => (m.has(x) ? formatY(m.get(x)!) : ''))]),
  };
}
