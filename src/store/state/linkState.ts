import { summariseResults, methodLabel, type RunConfig, type RoundResult, type SeriesId, type ResultsSummary } from '../../engine/spec';
import { addNotice, type BackendSlice } from './backendSlice';
import { draftStateFor, type ConfigState } from './configState';
import type { ResultsSlice, RunRecord } from './resultsSlice';
import type { UrlOptions } from '../pure/url';

/** The key of the run record a link's results summary becomes. */
export const LINK_RUN_KEY = 'link';

/** The results a link carries: rounds with a missing number (a diverged training) are left out, since a link holds finite numbers only. */
export function linkSummary(rounds: RoundResult[]): ResultsSummary {
  return summariseResults({ rounds: rounds.filter((r) => [r.density, r.earlyStopTestAcc, r.finalTestAcc, r.earlyStopStep].every(Number.isFinite)) });
}

/**
 * A link's results summary as a run record, so every chart that draws runs
 * shows it at once. Only what the summary holds is set (densities, early-stop
 * and final accuracies, early-stop iterations); curves stay empty.
 */
function linkRunRecord(config: RunConfig, summary: ResultsSummary): RunRecord {
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
export function linkInitialState(
  s: Pick<BackendSlice, 'notices'>, url: Pick<UrlOptions, 'presetId' | 'shared' | 'linkError'>,
): Partial<ConfigState & Pick<ResultsSlice, 'runs' | 'selectedRunKey'> & Pick<BackendSlice, 'notices'>> {
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
