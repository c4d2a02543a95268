import { useState } from 'react';
import { startQuestion } from '../../store/state/measuredSpeed';
import { trainingController, pageStore } from '../../store';
import { useLinkRun } from '../../store/historyHooks';
import { useRunStatus } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import './share.css';

/** Shown while a link's results are on the charts: they were measured elsewhere until a re-run here agrees. */
export function LinkResultsBanner() {
  const run = useLinkRun();
  const busy = isBusy(useRunStatus());
  const [asking, setAsking] = useState<string | null>(null);
  if (!run?.config) return null;
  const config = run.config;

  function rerun() {
    // The link's experiment exactly, even if the panel was edited since.
    pageStore.getState().loadConfig(config);
    // A link's experiment can be huge: the same question Start asks.
    const question = config && startQuestion(config, pageStore.getState());
    if (question) setAsking(question);
    else trainingController.start();
  }

  return (
    <div className="notice info" data-testid="link-results-banner" role="status">
      <div>
        <strong>From the link — press Re-run to verify</strong>
        <p>
          The points of “{run.label}” ({run.rounds.length} trainings) were measured by whoever shared the link; they are a summary (no training curves).
          Re-run trains the same experiment with the same seed here, and draws its line beside them.
        </p>
      </div>
      <div className="banner-actions">
        <button data-testid="btn-rerun" disabled={busy || asking !== null} onClick={rerun}>↻ Re-run</button>
        <button className="link" onClick={() => pageStore.getState().hideLinkResults()}>
          Hide these points
        </button>
      </div>
      {asking !== null && (
        <div className="start-confirm" role="alertdialog" aria-label="Re-run a large experiment?" data-testid="rerun-confirm">
          <span>{asking} Start it?</span>
          <button className="primary" data-testid="btn-rerun-confirm" onClick={() => (setAsking(null), trainingController.start())}>Start anyway</button>
          <button data-testid="btn-rerun-cancel" onClick={() => setAsking(null)}>Cancel</button>
        </div>
      )}
    </div>
  );
}
