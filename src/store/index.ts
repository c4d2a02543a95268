import { idbDatasetCache } from '../storage/datasetCacheIdb';
import { createController } from './controller';
import { createDatasetController } from './datasetController';
import { createLabStore } from './labStore';
import { parseUrlOptions } from './url';

/** The page's one store and its worker bridge, configured from the URL. */
export const urlOptions = parseUrlOptions(typeof location === 'undefined' ? '' : location.search);
export const labStore = createLabStore(urlOptions);
export const lab = createController(labStore);
export const datasetLab = createDatasetController(labStore, { cache: idbDatasetCache(), dataChanged: () => lab.dataChanged() });
