import { ZodError } from 'zod';

/**
 * Rules for every file a sweep reads (sweep specs, cell results, merged
 * sweeps): they may come from another machine or a stranger, so they are
 * size-capped before parsing, keys that could reach an object's prototype are
 * refused while parsing, and the contents then go through a zod schema.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

export class SweepFileError extends Error {
  override name = 'SweepFileError';
}

/** JSON.parse that refuses oversized text and prototype-reaching keys anywhere in the tree. */
export function parseUntrustedJson(text: string, what: string, maxChars: number): unknown {
  if (text.length > maxChars) throw new SweepFileError(`${what} is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${(maxChars / 1e6).toFixed(0)} MB`);
  try {
    return JSON.parse(text, (key, value) => {
      if (RESERVED_KEYS.has(key)) throw new SweepFileError(`${what} uses the reserved key "${key}"`);
      return value;
    });
  } catch (e) {
    if (e instanceof SweepFileError) throw e;
    throw new SweepFileError(`${what} is not valid JSON (${(e as Error).message})`);
  }
}

/** Throws when any key in a parsed tree (e.g. from YAML) is reserved. */
export function assertNoReservedKeys(value: unknown, what: string, depth = 0): void {
  if (depth > 64) throw new SweepFileError(`${what} is nested too deeply`);
  if (!value || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.has(key)) throw new SweepFileError(`${what} uses the reserved key "${key}"`);
    assertNoReservedKeys((value as Record<string, unknown>)[key], what, depth + 1);
  }
}

/** A zod error as one line naming the first few bad fields. */
export function describeZod(e: ZodError): string {
  return e.issues.slice(0, 4).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
}

/** Own-property lookup: a name like "toString" or "__proto__" never finds a prototype's member. */
export function ownValue<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
