import { createStore } from 'zustand/vanilla';
import { createBackendSlice, type BackendSlice } from './backendSlice';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { DEFAULT_PRESET, presetState } from './configState';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createHistorySlice, type HistorySlice } from './historySlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { linkInitialState } from './linkState';
import type { UrlOptions } from '../pure/url';

/** Everything the page shows, as plain data and the named actions that change it. */
export type PageState = ConfigSlice & RunSlice & ResultsSlice & BackendSlice & DatasetSlice & HistorySlice;

/**
 * The page's store: one slice each for the draft config, the run in progress,
 * the results on the charts, the backend and page view, imported datasets and
 * the run history. Framework-free, so tests and the services (src/store/services)
 * use it without React; components read it through the named hooks in
 * src/store/hooks.ts and historyHooks.ts, and change it only through its actions.
 */
export function createPageStore(url: Pick<UrlOptions, 'presetId' | 'backend' | 'overrides' | 'shared' | 'linkError'> = { overrides: {} }) {
  const store = createStore<PageState>()((...a) => ({
    ...createConfigSlice(presetState(url.presetId ?? DEFAULT_PRESET, url.overrides))(...a),
    ...createRunSlice(...a),
    ...createResultsSlice(...a),
    ...createBackendSlice(url.backend ?? 'auto')(...a),
    ...createDatasetSlice(...a),
    ...createHistorySlice(...a),
  }));
  // A shared link's config and results (or why the link was refused) on top of the preset.
  store.setState(linkInitialState(store.getState(), url));
  return store;
}

export type PageStore = ReturnType<typeof createPageStore>;
