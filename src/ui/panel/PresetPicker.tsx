import { presets } from '../../engine/presets';
import { labStore } from '../../store';
import { usePreset } from '../../store/hooks';

/** The named experiments, with the chosen one's description ("what it shows, what to expect"). */
export function PresetPicker() {
  const { id, edited } = usePreset();
  const preset = presets.find((p) => p.id === id);
  return (
    <div className="preset">
      <label htmlFor="preset">Experiment</label>
      <select
        id="preset" data-testid="preset-select" value={id ?? ''}
        onChange={(e) => labStore.getState().loadPreset(e.target.value)}
      >
        {id === null && <option value="">Custom experiment (from a link or a saved run)</option>}
        {presets.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
      </select>
      {preset && (
        <p className="preset-description">
          {edited && <span className="badge">edited</span>} {preset.description}
        </p>
      )}
    </div>
  );
}
