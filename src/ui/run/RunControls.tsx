import { useState } from 'react';
import { trainingController } from '../../store';
import { useBackendInfo, useJobEstimate, useRunStatus, useValidation } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import { JobSize } from './JobSize';

/**
 * Start, pause/resume, step one batch, finish the round, stop; the job's size
 * under them. A job above ~30 minutes or ~1 GB asks before it starts: no
 * link or preset starts anything big without a deliberate second click.
 */
export function RunControls() {
  const status = useRunStatus();
  const { state } = useBackendInfo();
  const { ok } = useValidation();
  const estimate = useJobEstimate();
  const [asking, setAsking] = useState<string | null>(null);
  const busy = isBusy(status);
  const running = status === 'running';
  const paused = status === 'paused';
  const start = () => {
    if (estimate?.confirm) setAsking(estimate.confirm);
    else trainingController.start();
  };
  return (
    <div className="run-controls-box">
      <div className="run-controls" data-testid="run-controls" data-status={status}>
        <button className="primary" data-testid="btn-start" disabled={busy || !ok || state === 'failed' || asking !== null} onClick={start}
          title={ok ? 'Start training' : 'Fix the highlighted settings first'}>
          ▶ Start
        </button>
        {paused ? (
          <button data-testid="btn-resume" onClick={() => trainingController.resume()}>▶ Resume</button>
        ) : (
          <button data-testid="btn-pause" disabled={!running} onClick={() => trainingController.pause()}>❚❚ Pause</button>
        )}
        <button data-testid="btn-step" disabled={!paused} onClick={() => trainingController.step()} title="Train exactly one more batch">Step one batch</button>
        <button data-testid="btn-finish-round" disabled={!running && !paused} onClick={() => trainingController.finishRound()} title="Stop after the current round is finished and recorded">
          Finish round
        </button>
        <button className="danger" data-testid="btn-stop" disabled={!busy} onClick={() => trainingController.stop()}>■ Stop</button>
      </div>
      {asking !== null && (
        <div className="start-confirm" role="alertdialog" aria-label="Start a large experiment?" data-testid="start-confirm">
          <span>{asking} Start it?</span>
          <button className="primary" data-testid="btn-start-confirm" onClick={() => (setAsking(null), trainingController.start())}>Start anyway</button>
          <button data-testid="btn-start-cancel" onClick={() => setAsking(null)}>Cancel</button>
        </div>
      )}
      <JobSize />
    </div>
  );
}
