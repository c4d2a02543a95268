import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * Opens an IndexedDB database on first use and keeps it open. Another tab
 * upgrading the schema is let through (this connection closes, and the next
 * call opens again); a failed open is forgotten, so a later call retries.
 */
export function lazyIdb<S extends DBSchema>(name: string, version: number, upgrade: (db: IDBPDatabase<S>) => void): () => Promise<IDBPDatabase<S>> {
  let opened: Promise<IDBPDatabase<S>> | null = null;
  return () => {
    if (opened) return opened;
    const opening = openDB<S>(name, version, {
      upgrade: (d) => upgrade(d),
      blocking() {
        void opening.then((d) => d.close());
        if (opened === opening) opened = null;
      },
    });
    opened = opening;
    opening.catch(() => {
      if (opened === opening) opened = null;
    });
    return opening;
  };
}
