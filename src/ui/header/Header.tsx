import { useProgress, useRunStatus } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import { formatRate } from '../format';
import { PROGRESS_SAMPLE_MS, progressUrgency } from '../run/sampledProgress';
import { useSampled } from '../useSampled';
import { ProgressAnnouncer } from '../run/ProgressAnnouncer';
import { useStickyHeight } from '../useStickyHeight';
import { BackendBadge } from './BackendBadge';

const STATUS_TEXT: Record<string, string> = {
  idle: 'Ready', loading: 'Loading data', running: 'Training', paused: 'Paused', finished: 'Finished', stopped: 'Stopped', failed: 'Failed',
};

/** What is happening, how fast, and on which backend (sticky on wide screens). */
export function Header() {
  const status = useRunStatus();
  const ref = useStickyHeight('--header-h');
  return (
    <header className="top" ref={ref}>
      <div className="brand">
        <h1>Sparse Lab</h1>
        <span>lottery tickets and sparse training, in your browser</span>
      </div>
      <div className="top-stats">
        <span className={`status-pill ${status}`} data-testid="run-status">{STATUS_TEXT[status]}</span>
        <SpeedStat />
        <BackendBadge disabled={isBusy(status)} />
      </div>
      <ProgressAnnouncer />
    </header>
  );
}

/**
 * The live speed: its own component, so a progress report redraws this line
 * and not the header around it; and a new figure every two seconds, since
 * the header is no layout boundary (each change lays the page out from its
 * root) and the speed's last digit flickers at every report.
 */
function SpeedStat() {
  const status = useRunStatus();
  const progress = useSampled(useProgress(), 2 * PROGRESS_SAMPLE_MS, progressUrgency(status));
  const live = status === 'running' || status === 'paused';
  return (
    <span className="stat" data-testid="samples-per-sec">
      {live && progress?.evaluating
        ? <><strong>{formatRate(progress.evalImagesPerSec ?? 0)}</strong> images/s evaluated</>
        : <><strong>{live && progress ? formatRate(progress.samplesPerSec) : '—'}</strong> samples/s</>}
    </span>
  );
}
