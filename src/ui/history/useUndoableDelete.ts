import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a deleted run can be brought back. */
const UNDO_MS = 10_000;

export interface PendingDelete {
  id: string;
  name: string;
}

/**
 * Delete with undo: the run disappears from the list at once, and is really
 * deleted only when the undo window has passed. Closing the page inside the
 * window keeps the run (losing a result is worse than deleting it twice).
 */
export function useUndoableDelete(remove: (id: string) => void, ms = UNDO_MS) {
  const [pending, setPending] = useState<PendingDelete[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const drop = (id: string) => setPending((p) => p.filter((x) => x.id !== id));
  const del = useCallback((id: string, name: string) => {
    setPending((p) => [...p.filter((x) => x.id !== id), { id, name }]);
    timers.current.set(id, setTimeout(() => {
      timers.current.delete(id);
      drop(id);
      remove(id);
    }, ms));
  }, [remove, ms]);
  const undo = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    drop(id);
  }, []);
  useEffect(() => () => timers.current.forEach((t) => clearTimeout(t)), []);
  return { pending, del, undo };
}
