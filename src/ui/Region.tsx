import type { ReactNode } from 'react';
import { pageStore, runHistory } from '../store';
import { DEFAULT_PRESET } from '../store/state/configState';
import { RegionBoundary, type StoredRunRef } from './RegionBoundary';

/** The stored run (from the history or a file) the charts are drawing: the selected one, else the newest such. */
function storedRunOnCharts(): StoredRunRef | null {
  const s = pageStore.getState();
  const stored = s.runs.filter((r) => r.source === 'history' || r.source === 'file');
  const r = stored.find((x) => x.key === s.selectedRunKey) ?? stored.at(-1);
  return r ? { id: r.key, name: r.label } : null;
}

/** What "Reset this view" does for each kind of region. */
const RESETS = {
  /** The panel: the default experiment. */
  panel: () => pageStore.getState().loadPreset(DEFAULT_PRESET),
  /** Charts and pictures: only the runs trained in this visit stay on them. */
  charts: () => pageStore.getState().showOnlyRunsTrainedHere(),
  /** The history list: read again from storage (damaged rows are listed apart). */
  history: () => void runHistory.init(),
  none: () => {},
} as const;

/** A page region inside its own error boundary (RegionBoundary), wired to the store and the run history. */
export function Region({ name, testId, reset = 'none', children }: { name: string; testId: string; reset?: keyof typeof RESETS; children: ReactNode }) {
  const drawsRuns = reset === 'charts';
  return (
    <RegionBoundary
      region={name} testId={testId} onReset={RESETS[reset]}
      storedRun={drawsRuns ? storedRunOnCharts : undefined}
      quarantine={(run, reason) => runHistory.quarantine(run.id, reason)}
      remove={(id) => runHistory.remove(id)}
    >
      {children}
    </RegionBoundary>
  );
}
