/**
 * Returns a copy of `obj` with the value at `path` replaced, copying only the
 * objects along the path; `undefined` removes the key (an emptied optional field).
 */
export function setIn<T extends object>(obj: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const src = obj as Record<string, unknown>;
  const child = src[head];
  const next = rest.length === 0 ? value : setIn((child && typeof child === 'object' ? child : {}) as object, rest, value);
  const out: Record<string, unknown> = { ...src };
  if (next === undefined) delete out[head];
  else out[head] = next;
  return out as T;
}
