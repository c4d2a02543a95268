import { labStore } from '../../store';
import { useProgress, useRunStatus, useShowExplanations } from '../../store/hooks';
import { isBusy } from '../../store/slices/runSlice';
import { formatRate } from '../format';
import { BackendBadge } from './BackendBadge';

const STATUS_TEXT: Record<string, string> = {
  idle: 'Ready', loading: 'Loading data', running: 'Training', paused: 'Paused', finished: 'Finished', stopped: 'Stopped', failed: 'Failed',
};

/** Always visible: what is happening, how fast, and on which backend. */
export function Header() {
  const status = useRunStatus();
  const progress = useProgress();
  const showHelp = useShowExplanations();
  const live = status === 'running' || status === 'paused';
  return (
    <header className="top">
      <div className="brand">
        <h1>Sparse Lab</h1>
        <span>lottery tickets and sparse training, in your browser</span>
      </div>
      <div className="top-stats">
        <span className={`status-pill ${status}`} data-testid="run-status">{STATUS_TEXT[status]}</span>
        <span className="stat" data-testid="samples-per-sec">
          <strong>{live && progress ? formatRate(progress.samplesPerSec) : '—'}</strong> samples/s
        </span>
        <BackendBadge disabled={isBusy(status)} />
        <label className="toggle">
          <input type="checkbox" checked={showHelp} onChange={() => labStore.getState().toggleExplanations()} /> explanations
        </label>
      </div>
    </header>
  );
}
