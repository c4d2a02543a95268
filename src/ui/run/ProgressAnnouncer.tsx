import { useMemo } from 'react';
import { pageStore } from '../../store';
import { usePageState, useRunStatus } from '../../store/hooks';

const SAID: Record<string, string> = {
  idle: '', loading: 'Loading the data.', running: 'Training.', paused: 'Paused.', finished: 'The experiment finished.', stopped: 'Stopped.', failed: 'The run failed.',
};

/**
 * For screen readers: the run's status and each finished training, said
 * politely. Not every progress tick (that would talk over everything), only
 * the moments a sighted user would notice: a new point on the chart.
 */
export function ProgressAnnouncer() {
  const status = useRunStatus();
  const rounds = usePageState((s) => s.runs.find((r) => r.key === s.activeRunKey)?.rounds.length ?? 0);
  // The share done is read when a training finishes, not subscribed to: it changes with every batch.
  const share = useMemo(() => {
    const p = pageStore.getState().progress;
    return rounds > 0 && p && p.runTotal > 0 ? Math.min(100, Math.round((100 * p.runDone) / p.runTotal)) : null;
  }, [rounds]);
  const text = status === 'running' && rounds > 0
    ? `Training: ${rounds} ${rounds === 1 ? 'training' : 'trainings'} finished${share !== null ? `, ${share} % of the experiment` : ''}.`
    : SAID[status];
  return <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">{text}</p>;
}
