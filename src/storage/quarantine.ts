/**
 * Ids of stored runs that failed to load or render, with why. Kept apart
 * from IndexedDB (a damaged record cannot be trusted to hold its own flag),
 * so a run that once broke the page is listed as damaged on every later
 * visit and never rendered again automatically — until it is removed.
 */
export interface QuarantineList {
  load(): Record<string, string>;
  save(entries: Record<string, string>): void;
}

const KEY = 'sparse-lab:damaged-runs';

/** localStorage in the page; without it (private mode, blocked) the list lives for this visit only. */
export function localQuarantine(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): QuarantineList {
  let memory: Record<string, string> = {};
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          // A null-prototype copy of string entries only: this list is read back from storage too.
          const out: Record<string, string> = Object.create(null);
          for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v.slice(0, 500);
          memory = out;
        }
      } catch {
        /* unreadable: keep what this visit knows */
      }
      return { ...memory };
    },
    save(entries) {
      memory = { ...entries };
      try {
        storage?.setItem(KEY, JSON.stringify(entries));
      } catch {
        /* full or blocked: the list still holds for this visit */
      }
    },
  };
}

export const memoryQuarantine = (): QuarantineList => localQuarantine(undefined);
