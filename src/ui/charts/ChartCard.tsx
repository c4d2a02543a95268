import { useState, type ReactNode, type RefObject } from 'react';
import { useShowExplanations } from '../../store/hooks';
import type { Explanation } from '../teaching/text';
import { ChartTable } from './ChartTable';
import type { TableData } from './chartTables';

interface Props {
  title: string;
  explain: Explanation;
  testId: string;
  /** Controls shown at the card's top right (metric toggles, pickers). */
  tools?: ReactNode;
  wide?: boolean;
  /** While there is nothing to draw: a message laid over the (already mounted) chart. */
  empty?: string | false;
  /** A remark about what is on screen now (e.g. "no early stop within this budget"), shown even when explanations are hidden. */
  note?: ReactNode;
  /** Lets the chart know when it is on screen (useChartValue). */
  cardRef?: RefObject<HTMLElement | null>;
  /** The chart's numbers for its table view; called only while the table is shown. */
  table?: () => TableData;
  children: ReactNode;
}

/** A chart with its title and the two teaching captions: what am I looking at, what should I expect. */
/**
 * Charts stay mounted from page load on, even while empty: mounting a
 * recharts chart costs a few hundred milliseconds on a slow laptop, which
 * must not happen in the middle of a training run.
 */
export function ChartCard({ title, explain, testId, tools, wide, empty, note, cardRef, table, children }: Props) {
  const show = useShowExplanations();
  const [asTable, setAsTable] = useState(false);
  return (
    <section ref={cardRef} className={`card chart-card${wide ? ' wide' : ''}`} data-testid={testId}>
      <header className="card-head">
        <h2>{title}</h2>
        {(tools || table) && (
          <div className="card-tools">
            {tools}
            {table && (
              <button className="table-toggle" aria-pressed={asTable} data-testid={`${testId}-table-toggle`} onClick={() => setAsTable((t) => !t)}>
                {asTable ? 'Chart' : 'Table'}
              </button>
            )}
          </div>
        )}
      </header>
      {show && (
        <div className="explain">
          <p><strong>What am I looking at?</strong> {explain.what}</p>
          <p><strong>What should I expect?</strong> {explain.expect}
            {explain.paper && <> <a href={explain.paper.url} target="_blank" rel="noreferrer">{explain.paper.label}</a></>}
          </p>
        </div>
      )}
      {note && <p className="chart-note" data-testid={`${testId}-note`}>{note}</p>}
      {/* The chart stays mounted under its table: mounting it again mid-run would cost a long task. */}
      <div className="chart-body" hidden={asTable && Boolean(table)}>
        {children}
        {empty && <div className="empty-chart">{empty}</div>}
      </div>
      {asTable && table && <ChartTable data={table()} caption={title} />}
    </section>
  );
}

