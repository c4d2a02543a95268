import type { DBSchema } from 'idb';
import { lazyIdb } from './lazyIdb';
import type { DatasetCache, StoredDatasetInfo } from './datasetCache';

/** Its own database: the run history owns 'sparse-lab', and each bumps its version independently. */
const DATASET_DB = 'sparse-lab-datasets';

interface Schema extends DBSchema {
  /** Keyed by dataset id; written last in the same transaction as the files, so its presence means "complete". */
  info: { key: string; value: StoredDatasetInfo };
  /** Keyed by "<dataset id>/<file name>" ("cifar10/data_batch_1.bin"). */
  files: { key: string; value: Uint8Array };
}

const db = lazyIdb<Schema>(DATASET_DB, 1, (d) => {
  d.createObjectStore('info');
  d.createObjectStore('files');
});

/** Every key of one dataset's files: "<id>/" up to "<id>/\uffff". */
const range = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);

/** IndexedDB clones a view's whole buffer: store a view of part of a buffer as a copy of just its bytes. */
const ownBuffer = (b: Uint8Array) => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice());

/** The browser's DatasetCache (page and workers alike). */
export function idbDatasetCache(): DatasetCache {
  return {
    async info(id) {
      return (await (await db()).get('info', id)) ?? null;
    },
    async file(id, name) {
      return (await (await db()).get('files', `${id}/${name}`)) ?? null;
    },
    async save(info, files) {
      const tx = (await db()).transaction(['info', 'files'], 'readwrite');
      const fileStore = tx.objectStore('files');
      // Not awaited one by one: the transaction orders the requests and commits them together.
      const writes: Promise<unknown>[] = [tx.objectStore('info').delete(info.id), fileStore.delete(range(info.id))];
      for (const [name, bytes] of Object.entries(files)) writes.push(fileStore.put(ownBuffer(bytes), `${info.id}/${name}`));
      writes.push(tx.objectStore('info').put(info, info.id));
      await Promise.all([...writes, tx.done]);
    },
    async forget(id) {
      const tx = (await db()).transaction(['info', 'files'], 'readwrite');
      await Promise.all([tx.objectStore('info').delete(id), tx.objectStore('files').delete(range(id)), tx.done]);
    },
  };
}
