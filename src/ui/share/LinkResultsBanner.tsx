import { useState } from 'react';
import { canonicalJson } from '../../engine/experiment/runId';
import { startQuestion } from '../../store/measuredSpeed';
import { normaliseConfig } from '../../engine/experiment/normalise';
import { lab, labStore } from '../../store';
import { useLinkRun } from '../../store/historyHooks';
import { useRunStatus } from '../../store/hooks';
import { draftStateFor, LINK_RUN_KEY } from '../../store/linkState';
import { isBusy } from '../../store/slices/runSlice';
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
    const s = labStore.getState();
    let same = false;
    try {
      same = canonicalJson(normaliseConfig(s.draft)) === canonicalJson(config) && !s.compare;
    } catch {
      same = false;
    }
    if (!same) labStore.setState(draftStateFor(config));
    // A link's experiment can be huge: the same question Start asks.
    const question = config && startQuestion(config, labStore.getState());
    if (question) setAsking(question);
    else lab.start();
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
        <button className="link" onClick={() => labStore.setState((s) => ({ runs: s.runs.filter((r) => r.key !== LINK_RUN_KEY), selectedRunKey: null }))}>
          Hide these points
        </button>
      </div>
      {asking !== null && (
        <div className="start-confirm" role="alertdialog" aria-label="Re-run a large experiment?" data-testid="rerun-confirm">
          <span>{asking} Start it?</span>
          <button className="primary" data-testid="btn-rerun-confirm" onClick={() => (setAsking(null), lab.start())}>Start anyway</button>
          <button data-testid="btn-rerun-cancel" onClick={() => setAsking(null)}>Cancel</button>
        </div>
      )}
    </div>
  );
}
