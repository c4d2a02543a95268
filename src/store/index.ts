import { idbDatasetCache } from '../storage/datasetCacheIdb';
import { idbRunStorage } from '../storage/runStorageIdb';
import { localQuarantine } from '../storage/quarantine';
import { storedBackendPrefs } from '../storage/backendPrefs';
import { createTrainingController } from './services/trainingController';
import { createDatasetController } from './services/datasetController';
import { createRunHistory } from './services/runHistory';
import type { LockManagerLike } from './services/historyRecorder';
import { createPageStore } from './state/pageStore';
import { parseUrlOptions } from './pure/url';

/**
 * The page's instances: its one store (state/), configured from the URL, and the
 * services (services/) that drive it: the training worker's controller, the run
 * history and the dataset import.
 */
export const urlOptions = parseUrlOptions(typeof location === 'undefined' ? '' : location.search, typeof location === 'undefined' ? '' : location.hash);
const backendPrefs = storedBackendPrefs();
// A backend named in the link wins; else the one this browser's user chose last time.
export const pageStore = createPageStore({ ...urlOptions, backend: urlOptions.backend ?? backendPrefs.choice() ?? undefined });
export const trainingController = createTrainingController(pageStore, undefined, undefined, backendPrefs);
/** Every run stored in IndexedDB as it trains; navigator.locks tells other tabs which runs are still going. */
export const runHistory = createRunHistory(pageStore, idbRunStorage(), trainingController, (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks, localQuarantine());
export const datasetController = createDatasetController(pageStore, { cache: idbDatasetCache(), dataChanged: () => trainingController.dataChanged() });
