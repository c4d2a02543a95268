import { normaliseConfig, canonicalJson, getPreset, presets, type RunConfig, type RunConfigInput, type ComparePresetSpec } from '../../engine/spec';
import type { UrlOptions } from '../pure/url';
import { setIn } from '../pure/setIn';

export const DEFAULT_PRESET = 'lth-mnist-quick';

/** The config slice's data: what the panel edits and which preset it started from. */
export interface ConfigState {
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
}

export function presetState(id: string, overrides: UrlOptions['overrides'] = {}): ConfigState {
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

let normalisedPresets: Map<string, string> | null = null;

/** The preset a config is exactly (defaults filled), if any: the panel then names it instead of "custom". */
export function presetMatching(config: RunConfig): string | null {
  normalisedPresets ??= new Map(presets.map((p) => [p.id, canonicalJson(normaliseConfig(p.config))]));
  const c = canonicalJson(config);
  for (const [id, json] of normalisedPresets) if (json === c) return id;
  return null;
}

/**
 * The config state for a config from elsewhere (a link, a reopened or
 * imported run). `presetHint` (the link's `?preset=`) keeps a comparison
 * preset's grid; otherwise the panel names the preset the config equals, or none.
 */
export function draftStateFor(config: RunConfig, presetHint?: string | null): ConfigState {
  const hinted = presetHint ? presets.find((p) => p.id === presetHint) : undefined;
  const presetId = hinted?.id ?? presetMatching(config);
  const edited = presetId !== null && canonicalJson(normaliseConfig(getPreset(presetId).config)) !== canonicalJson(config);
  return { draft: structuredClone(config), presetId, edited, compare: hinted?.compare ? structuredClone(hinted.compare) : null };
}

/** Whether the panel already holds exactly `config` as a single run (defaults filled in). */
export function draftMatches(s: ConfigState, config: RunConfig): boolean {
  if (s.compare) return false;
  try {
    return canonicalJson(normaliseConfig(s.draft)) === canonicalJson(config);
  } catch {
    return false;
  }
}
