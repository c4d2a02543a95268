import { lab } from '../../store';
import { useBackendInfo, useRunStatus, useValidation } from '../../store/hooks';
import { isBusy } from '../../store/slices/runSlice';

/** Start, pause/resume, step one batch, finish the round, stop. */
export function RunControls() {
  const status = useRunStatus();
  const { state } = useBackendInfo();
  const { ok } = useValidation();
  const busy = isBusy(status);
  const running = status === 'running';
  const paused = status === 'paused';
  return (
    <div className="run-controls" data-testid="run-controls" data-status={status}>
      <button className="primary" data-testid="btn-start" disabled={busy || !ok || state === 'failed'} onClick={() => lab.start()}
        title={ok ? 'Start training' : 'Fix the highlighted settings first'}>
        ▶ Start
      </button>
      {paused ? (
        <button data-testid="btn-resume" onClick={() => lab.resume()}>▶ Resume</button>
      ) : (
        <button data-testid="btn-pause" disabled={!running} onClick={() => lab.pause()}>❚❚ Pause</button>
      )}
      <button data-testid="btn-step" disabled={!paused} onClick={() => lab.step()} title="Train exactly one more batch">Step one batch</button>
      <button data-testid="btn-finish-round" disabled={!running && !paused} onClick={() => lab.finishRound()} title="Stop after the current round is finished and recorded">
        Finish round
      </button>
      <button className="danger" data-testid="btn-stop" disabled={!busy} onClick={() => lab.stop()}>■ Stop</button>
    </div>
  );
}
