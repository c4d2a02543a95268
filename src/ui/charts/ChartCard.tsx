import type { ReactNode, RefObject } from 'react';
import { useShowExplanations } from '../../store/hooks';
import type { Explanation } from '../teaching/text';

interface Props {
  title: string;
  explain: Explanation;
  testId: string;
  /** Controls shown at the card's top right (metric toggles, pickers). */
  tools?: ReactNode;
  wide?: boolean;
  /** While there is nothing to draw: a message laid over the (already mounted) chart. */
  empty?: string | false;
  /** Lets the chart know when it is on screen (useChartValue). */
  cardRef?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/** A chart with its title and the two teaching captions: what am I looking at, what should I expect. */
/**
 * Charts stay mounted from page load on, even while empty: mounting a
 * recharts chart costs a few hundred milliseconds on a slow laptop, which
 * must not happen in the middle of a training run.
 */
export function ChartCard({ title, explain, testId, tools, wide, empty, cardRef, children }: Props) {
  const show = useShowExplanations();
  return (
    <section ref={cardRef} className={`card chart-card${wide ? ' wide' : ''}`} data-testid={testId}>
      <header className="card-head">
        <h2>{title}</h2>
        {tools && <div className="card-tools">{tools}</div>}
      </header>
      {show && (
        <div className="explain">
          <p><strong>What am I looking at?</strong> {explain.what}</p>
          <p><strong>What should I expect?</strong> {explain.expect}
            {explain.paper && <> <a href={explain.paper.url} target="_blank" rel="noreferrer">{explain.paper.label}</a></>}
          </p>
        </div>
      )}
      <div className="chart-body">
        {children}
        {empty && <div className="empty-chart">{empty}</div>}
      </div>
    </section>
  );
}

