import type { RunConfig } from '../engine/experiment/config';
import type { RoundResult, SeriesId } from '../engine/experiment/events';
import { normaliseConfig } from '../engine/experiment/normalise';
import { canonicalJson } from '../engine/experiment/runId';
import { summariseResults, type ResultsSummary } from '../engine/io/urlCodec';
import { methodLabel } from '../engine/methods/registry';
import { getPreset, presets } from '../engine/presets';
import type { LabState } from './labStore';
import { addNotice } from './slices/backendSlice';
import type { ConfigSlice } from './slices/configSlice';
import type { RunRecord } from './slices/resultsSlice';
import type { UrlOptions } from './url';

/** The key of the run record a link's results summary becomes. */
export const LINK_RUN_KEY = 'link';

let normalisedPresets: Map<string, string> | null = null;

/** The preset a config is exactly (defaults filled), if any: the panel then names it instead of "custom". */
export function presetMatching(config: RunConfig): string | null {
  normalisedPresets ??= new Map(presets.map((p) => [p.id, canonicalJson(normaliseConfig(p.config))]));
  const c = canonicalJson(config);
  for (const [id, json] of normalisedPresets) if (json === c) return id;
  return null;
}

/**
 * The config slice for a config from elsewhere (a link, a reopened or
 * imported run). `presetHint` (the link's `?preset=`) keeps a comparison
 * preset's grid; otherwise the panel names the preset the config equals, or none.
 */
export function draftStateFor(config: RunConfig, presetHint?: string | null): Pick<ConfigSlice, 'draft' | 'presetId' | 'edited' | 'compare'> {
  const hinted = presetHint ? presets.find((p) => p.id === presetHint) : undefined;
  const presetId = hinted?.id ?? presetMatching(config);
  const edited = presetId !== null && canonicalJson(normaliseConfig(getPreset(presetId).config)) !== canonicalJson(config);
  return { draft: structuredClone(config), presetId, edited, compare: hinted?.compare ? structuredClone(hinted.compare) : null };
}

/** The results a link carries: rounds with a missing number (a diverged training) are left out, since a link holds finite numbers only. */
export function linkSummary(rounds: RoundResult[]): ResultsSummary {
  return summariseResults({ rounds: rounds.filter((r) => [r.density, r.earlyStopTestAcc, r.finalTestAcc, r.earlyStopStep].every(Number.isFinite)) });
}

/**
 * A link's results summary as a run record, so every chart that draws runs
 * shows it at once. Only what the summary holds is set (densities, early-stop
 * and final accuracies, early-stop iterations); curves stay empty.
 */
export function linkRunRecord(config: RunConfig, summary: ResultsSummary): RunRecord {
  const rounds: RoundResult[] = [];
  for (const [series, rows] of Object.entries(summary) as [SeriesId, [number, number, number, number][]][]) {
    rows.forEach(([density, earlyStop, final, step], i) => {
      rounds.push({
        series, round: series === 'trunk' ? i : i + 1, density: density / 1e4, layers: [],
        earlyStopStep: step, earlyStopValAcc: Number.NaN, earlyStopTestAcc: earlyStop / 1e4, finalTestAcc: final / 1e4, finalValAcc: Number.NaN,
        curve: [], steps: 0, seconds: 0, samplesPerSec: 0,
      });
    });
  }
  const name = config.name ?? methodLabel(config.method.id);
  return {
    key: LINK_RUN_KEY, label: `${name} (from the link)`, group: LINK_RUN_KEY, seriesName: `${name} (from the link)`,
    methodId: config.method.id, input: config, config, backend: '—', status: 'finished', plan: [], rounds, source: 'link',
  };
}

/**
 * What a `#v=1&c=…&r=…` link changes in a freshly created store: the draft
 * (and the preset it names), the results summary as a run, or, for a link
 * that cannot be read, a notice saying why while the defaults stay.
 */
export function linkInitialState(s: LabState, url: Pick<UrlOptions, 'presetId' | 'shared' | 'linkError'>): Partial<LabState> {
  if (url.linkError) {
    return {
      notices: addNotice(s.notices, {
        level: 'error', code: 'share-link', title: 'This link could not be opened — showing the default experiment', text: url.linkError,
      }),
    };
  }
  if (!url.shared) return {};
  const { config, results } = url.shared;
  return {
    ...draftStateFor(config, url.presetId),
    ...(results && Object.keys(results).length > 0 ? { runs: [linkRunRecord(config, results)], selectedRunKey: LINK_RUN_KEY } : {}),
  };
}
