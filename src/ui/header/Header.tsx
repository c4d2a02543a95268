import { FALLBACK_ORDER } from '../../engine/backend/select';
import { lab, labStore } from '../../store';
import type { BackendChoice } from '../../store/backendOrder';
import { useBackendInfo, useProgress, useRunStatus, useShowExplanations } from '../../store/hooks';
import { isBusy } from '../../store/slices/runSlice';
import { formatRate } from '../format';

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

function BackendBadge({ disabled }: { disabled: boolean }) {
  const { info, state, requested } = useBackendInfo();
  const name = state === 'ready' && info ? info.name : state === 'failed' ? 'no backend' : 'starting…';
  const software = info?.software && info.name !== 'cpu';
  const title = info
    ? [info.detail, ...info.rejected.map((r) => `${r.name}: ${r.reason}`)].join('\n')
    : 'Bringing up the compute backend';
  return (
    <div className="backend" title={title}>
      <span className={`backend-name${software ? ' slow' : ''}`} data-testid="backend-name" data-backend={info?.name ?? ''}>{name}</span>
      {info && <span className="backend-detail" data-testid="backend-detail">{software ? 'software — slow' : info.detail}</span>}
      <select
        aria-label="Compute backend" data-testid="backend-select" value={requested} disabled={disabled}
        onChange={(e) => lab.setBackend(e.target.value as BackendChoice)}
      >
        <option value="auto">auto</option>
        {FALLBACK_ORDER.map((b) => <option key={b} value={b}>{b}</option>)}
      </select>
    </div>
  );
}
