import { pageStore, runHistory } from '../../store';
import { useResumable } from '../../store/historyHooks';
import { useRunStatus } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import '../share/share.css';

/** After a reload or a closed tab: offer to continue the run that was cut off, from its last checkpoint. */
export function ResumeBanner() {
  const m = useResumable();
  const busy = isBusy(useRunStatus());
  if (!m) return null;
  const from = m.checkpointRound !== undefined ? `round ${m.checkpointRound}` : 'the start';
  return (
    <div className="notice warning" data-testid="resume-banner" data-run={m.id} role="status">
      <div>
        <strong>An experiment was cut off when the page closed</strong>
        <p>
          “{m.name}” ({m.model} on {m.dataset}, seed {m.seed}, started {new Date(m.createdAt).toLocaleString()}) did not finish.
          {m.checkpointRound !== undefined
            ? ` Every round before round ${m.checkpointRound} is saved; resuming trains the rest with the same settings and ends with the same masks as an uninterrupted run.`
            : ' No round had finished, so it can only start again from the beginning.'}
        </p>
      </div>
      <div className="banner-actions">
        <button data-testid="btn-resume-run" disabled={busy} onClick={() => void runHistory.resume(m.id)}>▶ Resume from {from}</button>
        <button className="link" onClick={() => pageStore.getState().dismissResume(m.id)}>Not now</button>
      </div>
    </div>
  );
}
