import { ZodError } from 'zod';
import { LabError } from '../errors';
import { assertNoForbiddenKeys, FORBIDDEN_KEYS, parseJsonSafely } from '../util/ownKeys';

/**
 * Rules for every file a sweep reads (sweep specs, cell results, merged
 * sweeps), the lab's rules for anything from outside: size-capped before
 * parsing, keys that could reach an object's prototype refused while parsing
 * (util/ownKeys), then a zod schema.
 */
export { FORBIDDEN_KEYS as RESERVED_KEYS };

export class SweepFileError extends LabError {
  override name = 'SweepFileError';
}

/** JSON.parse that refuses oversized text and prototype-reaching keys anywhere in the tree. */
export function parseUntrustedJson(text: string, what: string, maxChars: number): unknown {
  if (text.length > maxChars) throw new SweepFileError(`${what} is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${(maxChars / 1e6).toFixed(0)} MB`);
  try {
    return parseJsonSafely(text, what);
  } catch (e) {
    if (e instanceof LabError) throw new SweepFileError(e.message);
    throw new SweepFileError(`${what} is not valid JSON (${(e as Error).message})`);
  }
}

/** Throws when any key in a parsed tree (e.g. from YAML) is reserved. */
export function assertNoReservedKeys(value: unknown, what: string): void {
  try {
    assertNoForbiddenKeys(value, what);
  } catch (e) {
    throw new SweepFileError((e as Error).message);
  }
}

/** A zod error as one line naming the first few bad fields. */
export function describeZod(e: ZodError): string {
  return e.issues.slice(0, 4).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
}
