import { useDataProgress, usePageState, usePhase, useProgress, useRunStatus } from '../../store/hooks';
import { eta, formatBytes, formatCount, formatDuration } from '../format';
import { SERIES_NAMES } from '../teaching/text';
import { useSampled } from '../useSampled';
import { ProgressBar } from './ProgressBar';
import { PROGRESS_SAMPLE_MS, progressUrgency } from './sampledProgress';

/** Data loading, the current round and the whole experiment, each with an ETA. */
export function ProgressPanel() {
  const status = useRunStatus();
  const data = useDataProgress();
  // While training its numbers change once a second, a new round or evaluation at once (sampledProgress.ts says why);
  // paused or single-stepping, at once.
  const p = useSampled(useProgress(), PROGRESS_SAMPLE_MS, progressUrgency(status));
  const phase = usePhase();
  const batchSize = usePageState((s) => s.runs.find((r) => r.key === s.activeRunKey)?.config?.training.batchSize ?? 0);
  const stepsPerSec = p && batchSize > 0 ? p.samplesPerSec / batchSize : 0;
  // The engine's ETAs count evaluation too; the plain step-rate one is only a fallback for older workers.
  const roundLeft = p ? p.roundSecondsLeft ?? eta(p.roundSteps - p.step, stepsPerSec) : null;
  const runLeft = p ? p.runSecondsLeft ?? eta(p.runTotal - p.runDone, stepsPerSec) : null;
  const dataRate = data && !data.done ? data.loaded / Math.max(0.001, (Date.now() - data.startedAt) / 1000) : 0;
  // A guard only: the engine counts on from a checkpoint's runDone to exactly runTotal (runner.test, share.spec check it).
  const runDone = p ? Math.min(p.runDone, p.runTotal) : 0;
  const roundDone = p ? Math.min(p.step, p.roundSteps) : 0;
  const doing = p?.evaluating
    ? `evaluating ${formatCount(p.evaluating.done)}/${formatCount(p.evaluating.total)}`
    : p && `iteration ${formatCount(roundDone)} of ${formatCount(p.roundSteps)} · loss ${p.loss.toFixed(3)}`;
  const who = p ? (p.series === 'trunk' ? `round ${p.round}` : `${SERIES_NAMES[p.series]}, round ${p.round}`) : '';

  return (
    <div className="progress-panel" data-testid="progress-panel">
      <ProgressBar
        testId="progress-data" label="Data" value={data?.done ? 1 : data?.loaded ?? 0} max={data?.done ? 1 : data?.total || 1}
        detail={data ? (data.done ? 'loaded' : `${data.file}: ${formatBytes(data.loaded)} of ${formatBytes(data.total)}`) : 'not loaded yet'}
        eta={data && !data.done ? formatDuration(eta(data.total - data.loaded, dataRate)) : ''} active={status === 'loading'}
      />
      <ProgressBar
        testId="progress-round" label="Round" value={roundDone} max={p?.roundSteps ?? 1}
        detail={p ? `${who}: ${doing}` : phase ?? '—'}
        eta={p ? formatDuration(roundLeft) : ''} active={status === 'running'}
      />
      <ProgressBar
        testId="progress-run" label="Experiment" value={runDone} max={p?.runTotal ?? 1}
        detail={p ? `${formatCount(runDone)} of ${formatCount(p.runTotal)} iterations${phase ? ` · ${phase}` : ''}` : '—'}
        eta={p ? formatDuration(runLeft) : ''} active={status === 'running'}
      />
    </div>
  );
}
