import { pageStore } from '../../store';
import { useSequence, useView } from '../../store/hooks';
import { Region } from '../Region';
import { ShareButton } from '../share/ShareButton';
import { useStickyHeight } from '../useStickyHeight';
import { ProgressPanel } from './ProgressPanel';
import { RunControls } from './RunControls';

/** Start and the other run controls, progress, sharing and the view switches: sticky under the header. */
export function RunBar() {
  const { panelOpen, presenting, showHelp } = useView();
  const sequence = useSequence();
  const ref = useStickyHeight('--runbar-h');
  return (
    <section ref={ref} className="run-bar" id="run-bar" tabIndex={-1} aria-label="Run">
      <div className="run-row">
        <Region name="The run controls" testId="controls" reset="panel"><RunControls /></Region>
        {sequence && <span className="sequence" data-testid="sequence">Run {sequence.index} of {sequence.total}</span>}
        <div className="view-tools">
          <Region name="The share button" testId="share"><ShareButton /></Region>
          <button data-testid="btn-panel" aria-expanded={panelOpen} aria-controls="settings" onClick={() => pageStore.getState().togglePanel()}>
            {panelOpen ? 'Hide settings' : 'Settings'}
          </button>
          <button data-testid="btn-present" aria-pressed={presenting} onClick={() => pageStore.getState().togglePresenting()}
            title="Presentation mode: bigger type, settings folded away, charts large">
            {presenting ? 'Leave presentation' : 'Present'}
          </button>
          <label className="toggle">
            <input type="checkbox" checked={showHelp} onChange={() => pageStore.getState().toggleExplanations()} /> explanations
          </label>
        </div>
      </div>
      <Region name="The progress bars" testId="progress"><ProgressPanel /></Region>
    </section>
  );
}
