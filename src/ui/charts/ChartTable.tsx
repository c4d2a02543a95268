import type { TableData } from './chartTables';

/** A chart's numbers as a plain table (screen readers, projectors, copying into a report). */
export function ChartTable({ data, caption }: { data: TableData; caption: string }) {
  return (
    // Focusable so a keyboard can scroll a long table.
    <div className="chart-table" data-testid="chart-table" tabIndex={0} role="region" aria-label={`${caption}: table`}>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>{data.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {data.rows.map((r, i) => (
            <tr key={i}>{r.map((v, j) => (j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j}>{v}</td>))}</tr>
          ))}
          {data.rows.length === 0 && <tr><td colSpan={data.columns.length}>No numbers yet.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
