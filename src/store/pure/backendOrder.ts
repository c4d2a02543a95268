import { FALLBACK_ORDER, type BackendName } from '../../engine/spec';

export type BackendChoice = 'auto' | BackendName;

/**
 * The order the worker tries backends in: the user's choice first (if any),
 * then the usual webgpu → webgl → wasm → cpu chain, leaving out backends that
 * already crashed or lost their device in this session. The CPU backend is
 * never left out: it is the floor that always works.
 */
export function backendOrder(choice: BackendChoice, failed: readonly BackendName[] = []): BackendName[] {
  const chain = choice === 'auto' ? FALLBACK_ORDER : [choice, ...FALLBACK_ORDER.filter((b) => b !== choice)];
  const usable = chain.filter((b) => b === 'cpu' || !failed.includes(b));
  return usable.length > 0 ? usable : ['cpu'];
}

export function isBackendName(s: string): s is BackendName {
  return (FALLBACK_ORDER as string[]).includes(s);
}
