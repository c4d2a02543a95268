import type { ComparePresetSpec } from '../../engine/spec';
import { pageStore } from '../../store';
import { comparisonLabel } from '../../store/pure/comparison';
import { formatPct } from '../charts/chartData';

/** A comparison preset's grid: which methods, at which densities, how many seeds. */
export function ComparisonBox({ spec, error }: { spec: ComparePresetSpec; error?: string }) {
  return (
    <div className="comparison" data-testid="comparison">
      <h3>This experiment compares</h3>
      <ul className="chips">
        {spec.methods.map((m) => <li key={m}>{comparisonLabel(m)}</li>)}
      </ul>
      <p className="muted">
        at {spec.densities.map((d) => formatPct(100 * d)).join(', ')} of the weights
        {spec.seeds > 1 ? `, ${spec.seeds} seeds each` : ''}, one run after another. The settings below apply to every run.
      </p>
      {error && <div className="field-error" role="alert">{error}</div>}
      <button className="link" onClick={() => pageStore.getState().clearComparison()}>
        Run only the method below instead
      </button>
    </div>
  );
}
