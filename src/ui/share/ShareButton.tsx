import { useMemo, useRef, useState } from 'react';
import { useShareableRun } from '../../store/historyHooks';
import { usePageState, useValidation } from '../../store/hooks';
import { presetMatching } from '../../store/state/configState';
import { linkSummary } from '../../store/state/linkState';
import { shareLink } from '../../store/services/urlSync';
import './share.css';

/** "Share": the experiment (and, once a run has finished, its results) as a link to copy. */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  return (
    <div className="share">
      <button data-testid="btn-share" aria-expanded={open} onClick={() => setOpen((o) => !o)}>Share…</button>
      {open && <SharePanel onClose={() => setOpen(false)} />}
    </div>
  );
}

type CopyState = 'idle' | 'copied' | 'failed';

function SharePanel({ onClose }: { onClose(): void }) {
  const { ok, ...v } = useValidation();
  const presetId = usePageState((s) => s.presetId);
  const compare = usePageState((s) => s.compare);
  const run = useShareableRun();
  const [withResults, setWithResults] = useState(false);
  const [copy, setCopy] = useState<CopyState>('idle');
  const box = useRef<HTMLInputElement>(null);

  const link = useMemo(() => {
    // The preset the run's config is (or, failing that, the panel's, unless that is a comparison whose grid the run is not).
    if (withResults && run?.config) return shareLink(location, presetMatching(run.config) ?? (compare ? null : presetId), run.config, linkSummary(run.rounds));
    if (ok && 'config' in v) return shareLink(location, presetId, v.config);
    return null;
  }, [withResults, run, ok, v, presetId, compare]);

  async function copyLink() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      // No clipboard (insecure page, permission refused): the box below is the fallback.
      setCopy('failed');
      box.current?.focus();
      box.current?.select();
    }
  }

  return (
    <div className="share-panel card" role="dialog" aria-label="Share this experiment" data-testid="share-panel">
      <div className="share-head">
        <strong>Share this experiment</strong>
        <button className="link" aria-label="Close" onClick={onClose}>✕</button>
      </div>
      {run && (
        <label className="share-results">
          <input type="checkbox" data-testid="share-with-results" checked={withResults} onChange={(e) => { setWithResults(e.target.checked); setCopy('idle'); }} />
          with the results of “{run.label}” ({run.rounds.length} trainings): the chart shows at once, marked as from the link
        </label>
      )}
      {link ? (
        <>
          <input ref={box} className="share-link" data-testid="share-link" readOnly value={link} onFocus={(e) => e.target.select()} aria-label="Link" />
          <div className="share-actions">
            <button className="primary" data-testid="btn-copy-link" onClick={copyLink}>Copy link</button>
            <span className="muted" data-testid="share-length">{link.length.toLocaleString()} characters</span>
            {copy === 'copied' && <span className="share-ok" role="status">Copied ✓</span>}
            {copy === 'failed' && <span className="share-fail" role="status" data-testid="copy-fallback">Copying is blocked here: the link is selected above, press Ctrl+C (⌘C).</span>}
          </div>
          <p className="muted share-note">The link holds the settings and seed{withResults ? ' and a summary of the results' : ''}, not the trained weights: use “⤓ .sparselab” in the history for those.</p>
        </>
      ) : (
        <p className="field-error">Fix the highlighted settings first: an invalid experiment cannot be shared.</p>
      )}
    </div>
  );
}
