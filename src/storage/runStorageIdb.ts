import type { DBSchema } from 'idb';
import { lazyIdb } from './lazyIdb';
import type { RoundResult } from '../engine/spec';
import { newestFirst, type RunArtifacts, type RunStorage, type StoredRunMeta } from './runStorage';

/** The run history's own database; imported datasets live apart in 'sparse-lab-datasets'. */
const HISTORY_DB = 'sparse-lab';

interface Schema extends DBSchema {
  meta: { key: string; value: StoredRunMeta };
  rounds: { key: string; value: RoundResult[] };
  artifacts: { key: string; value: RunArtifacts };
}

const db = lazyIdb<Schema>(HISTORY_DB, 1, (d) => {
  d.createObjectStore('meta', { keyPath: 'id' });
  d.createObjectStore('rounds');
  d.createObjectStore('artifacts');
});

/** The browser's RunStorage. Errors (no IndexedDB, quota) reject; the caller decides what to tell the user. */
export function idbRunStorage(): RunStorage {
  return {
    async list() {
      return (await (await db()).getAll('meta')).sort(newestFirst);
    },
    async get(id) {
      return (await (await db()).get('meta', id)) ?? null;
    },
    async rounds(id) {
      return (await (await db()).get('rounds', id)) ?? [];
    },
    async artifacts(id) {
      return (await (await db()).get('artifacts', id)) ?? {};
    },
    async save({ meta, rounds, artifacts }) {
      const tx = (await db()).transaction(['meta', 'rounds', 'artifacts'], 'readwrite');
      // Not awaited one by one: the transaction orders the requests and commits (or aborts) them together.
      const writes: Promise<unknown>[] = [tx.objectStore('meta').put(meta)];
      if (rounds) writes.push(tx.objectStore('rounds').put(rounds, meta.id));
      if (artifacts) writes.push(tx.objectStore('artifacts').put(artifacts, meta.id));
      await Promise.all([...writes, tx.done]);
    },
    async delete(id) {
      const tx = (await db()).transaction(['meta', 'rounds', 'artifacts'], 'readwrite');
      await Promise.all([tx.objectStore('meta').delete(id), tx.objectStore('rounds').delete(id), tx.objectStore('artifacts').delete(id), tx.done]);
    },
  };
}
