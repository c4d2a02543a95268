import { idbDatasetCache } from '../storage/datasetCacheIdb';
import { idbRunStorage } from '../storage/runStorageIdb';
import { localQuarantine } from '../storage/quarantine';
import { storedBackendPrefs } from '../storage/backendPrefs';
import { createController } from './controller';
import { createDatasetController } from './datasetController';
import { createRunHistory } from './history';
import type { LockManagerLike } from './historyRecorder';
import { createLabStore } from './labStore';
import { parseUrlOptions } from './url';

/** The page's one store and its worker bridge, configured from the URL. */
export const urlOptions = parseUrlOptions(typeof location === 'undefined' ? '' : location.search, typeof location === 'undefined' ? '' : location.hash);
const backendPrefs = storedBackendPrefs();
// A backend named in the link wins; else the one this browser's user chose last time.
export const labStore = createLabStore({ ...urlOptions, backend: urlOptions.backend ?? backendPrefs.choice() ?? undefined });
export const lab = createController(labStore, undefined, undefined, backendPrefs);
/** Every run stored in IndexedDB as it trains; navigator.locks tells other tabs which runs are still going. */
export const runHistory = createRunHistory(labStore, idbRunStorage(), lab, (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks, localQuarantine());
export const datasetLab = createDatasetController(labStore, { cache: idbDatasetCache(), dataChanged: () => lab.dataChanged() });
