import { lazy, Suspense } from 'react';
import { useSelectedRun } from '../../store/hooks';

/**
 * Recharts (with its d3 and state libraries) is the page's largest script and
 * only the instability-analysis chart uses it: loaded when a run that has
 * one is shown, so every other visit parses, compiles and garbage-collects
 * less (on a 4×-throttled laptop each major GC pause of the page's heap cost
 * 50–80 ms).
 */
const LmcChart = lazy(() => import('./LmcChart').then((m) => ({ default: m.LmcChart })));

export function LmcSlot() {
  const run = useSelectedRun();
  if (!run || !(run.config?.lmc ?? run.input.lmc)) return null;
  return (
    <Suspense fallback={<section className="card chart-card wide" data-testid="chart-lmc-loading"><p style={{ color: 'var(--muted)' }}>Loading the instability chart…</p></section>}>
      <LmcChart />
    </Suspense>
  );
}
