import { LabError } from '../errors';

/**
 * Ids from links, files, CLI flags and stored records are looked up by own
 * property only: `registry["constructor"]` is Object's constructor on every
 * plain object, which once let a 34-character link through validation and
 * blanked the page. And keys that reach the prototype chain
 * (`__proto__`, `prototype`, `constructor`) are refused outright wherever
 * user text becomes an object key.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

/** The entry registered under `id`, never an inherited property. */
export function ownEntry<T>(registry: Readonly<Record<string, T>>, id: unknown): T | undefined {
  return typeof id === 'string' && Object.hasOwn(registry, id) ? registry[id] : undefined;
}

/** Quotes an id for a message: short, one line, whatever it holds. */
export function quoteId(id: unknown): string {
  const s = typeof id === 'string' ? id : JSON.stringify(id) ?? String(id);
  const flat = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `'${flat.length > 40 ? `${flat.slice(0, 40)}…` : flat}'`;
}

/** "unknown dataset 'constructor' — choose one of mnist, cifar10" */
export function unknownIdMessage(kind: string, id: unknown, choices: readonly string[]): string {
  return `unknown ${kind} ${quoteId(id)} — choose one of ${choices.join(', ')}`;
}

export class UnknownIdError extends LabError {
  constructor(readonly kind: string, readonly id: unknown, readonly choices: readonly string[]) {
    super(unknownIdMessage(kind, id, choices));
    this.name = 'UnknownIdError';
  }
}

/** The entry under `id`, or an UnknownIdError naming the valid ids. */
export function requireEntry<T>(registry: Readonly<Record<string, T>>, id: unknown, kind: string): T {
  const entry = ownEntry(registry, id);
  if (entry === undefined) throw new UnknownIdError(kind, id, Object.keys(registry));
  return entry;
}

/** Throws when a key from outside would reach an object's prototype. */
export function assertSafeKey(key: string, where: string): void {
  if (isForbiddenKey(key)) throw new LabError(`${where} uses the reserved key ${quoteId(key)}, which is not allowed`);
}

/**
 * JSON.parse that refuses `__proto__`, `prototype` and `constructor` keys at
 * any depth. JSON.parse itself makes "__proto__" an own property, but the
 * first spread, zod record or `obj[key] = …` copy turns it into a prototype
 * change, so such a payload is rejected before anything copies it.
 */
export function parseJsonSafely(text: string, where: string): unknown {
  return JSON.parse(text, function (key, value) {
    if (isForbiddenKey(key)) throw new LabError(`${where} uses the reserved key ${quoteId(key)}, which is not allowed`);
    return value;
  });
}

/** Checks every key of an already-parsed value (a stored record, a structured clone). */
export function assertNoForbiddenKeys(value: unknown, where: string, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  for (const key of Object.keys(value)) {
    assertSafeKey(key, where);
    assertNoForbiddenKeys((value as Record<string, unknown>)[key], where, depth + 1);
  }
}
