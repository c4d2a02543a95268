import type { StateCreator } from 'zustand/vanilla';
import type { RunConfigInput } from '../../engine/experiment/config';
import { getPreset, type ComparePresetSpec } from '../../engine/presets';
import { setIn } from '../setIn';
import type { UrlOptions } from '../url';
import type { LabState } from '../labStore';

export const DEFAULT_PRESET = 'lth-mnist-quick';

export interface ConfigSlice {
  /** The config being edited. It may hold invalid values: validateDraft says which. */
  draft: RunConfigInput;
  presetId: string | null;
  /** True once a field was changed after loading the preset. */
  edited: boolean;
  /**
   * A comparison preset's method × density × seed grid. The draft then holds
   * the settings all its runs share; its method is not used.
   */
  compare: ComparePresetSpec | null;
  setDraft(path: readonly string[], value: unknown): void;
  loadPreset(id: string): void;
  /** Run the draft's single method instead of the preset's comparison. */
  clearComparison(): void;
}

export function presetState(id: string, overrides: UrlOptions['overrides'] = {}): Pick<ConfigSlice, 'draft' | 'presetId' | 'edited' | 'compare'> {
  const p = getPreset(id);
  return {
    draft: withOverrides(structuredClone(p.config), overrides),
    presetId: p.id,
    edited: false,
    compare: p.compare ? structuredClone(p.compare) : null,
  };
}

/** The URL's small overrides (seed, iterations, train subset, IMP rounds) on top of a preset. */
export function withOverrides(c: RunConfigInput, o: UrlOptions['overrides']): RunConfigInput {
  let out = c;
  if (o.seed !== undefined) out = setIn(out, ['seed'], o.seed);
  if (o.iterations !== undefined) {
    out = setIn(out, ['training', 'iterations'], o.iterations);
    // An iteration budget replaces an epoch budget (open-lth-lenet), rather than being ignored beside it.
    if (out.training?.epochs !== undefined) out = setIn(out, ['training', 'epochs'], undefined);
    // An instability analysis keeps its k at the same fraction of the shortened budget.
    const lmc = out.lmc;
    const before = c.training?.iterations;
    if (lmc && before) out = setIn(out, ['lmc', 'ks'], [...new Set(lmc.ks.map((k) => Math.min(o.iterations! - 1, Math.round((k * o.iterations!) / before))))]);
  }
  if (o.trainSubset !== undefined) out = setIn(out, ['data', 'trainSubset'], o.trainSubset);
  if (o.rounds !== undefined) out = setIn(out, ['method', 'params', 'rounds'], o.rounds);
  return out;
}

export const createConfigSlice = (initial: Pick<ConfigSlice, 'draft' | 'presetId' | 'edited' | 'compare'>): StateCreator<LabState, [], [], ConfigSlice> => (set) => ({
  ...initial,
  // Shared settings edit the whole comparison; choosing a method means running that one method.
  setDraft: (path, value) =>
    set((s) => ({ draft: setIn(s.draft, path, value), edited: true, compare: path[0] === 'method' ? null : s.compare })),
  loadPreset: (id) => set(presetState(id)),
  clearComparison: () => set({ compare: null, edited: true }),
});
