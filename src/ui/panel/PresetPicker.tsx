import { presets } from '../../engine/spec';
import { pageStore } from '../../store';
import { usePageState, usePreset } from '../../store/hooks';

/** The named experiments, with the chosen one's description ("what it shows, what to expect"). */
export function PresetPicker() {
  const { id, edited } = usePreset();
  const methodId = usePageState((s) => s.draft.method?.id ?? 'imp');
  const preset = presets.find((p) => p.id === id);
  // Once another method is chosen the preset's story no longer describes the experiment: the method card does.
  const sameMethod = !preset || (preset.config.method?.id ?? 'imp') === methodId || Boolean(preset.compare);
  return (
    <div className="preset">
      <label htmlFor="preset">Experiment</label>
      <select
        id="preset" data-testid="preset-select" value={id ?? ''}
        onChange={(e) => pageStore.getState().loadPreset(e.target.value)}
      >
        {id === null && <option value="">Custom experiment (from a link or a saved run)</option>}
        {presets.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
      </select>
      {preset && !sameMethod && (
        <p className="preset-description" data-testid="preset-description">
          <span className="badge">edited</span> Based on “{preset.title}”, now with another method: see the method’s description below.
        </p>
      )}
      {preset && sameMethod && (
        <p className="preset-description" data-testid="preset-description">
          {edited && <span className="badge">edited</span>} {preset.description}
        </p>
      )}
    </div>
  );
}
