import { dense } from './dense';
import { gmp } from './gmp';
import { granet } from './granet';
import { imp } from './imp';
import { lamp } from './lamp';
import { oneshot } from './oneshot';
import { random } from './random';
import { rigl } from './rigl';
import { snip } from './snip';
import type { SparsityMethod } from './types';
import { ownEntry, requireEntry } from '../util/ownKeys';
import { ConfigError } from '../errors';

/** Every method the lab can run, by stable id (ids appear in URLs and saved runs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const methods: Record<string, SparsityMethod<any>> = {
  [imp.id]: imp,
  [dense.id]: dense,
  [random.id]: random,
  [snip.id]: snip,
  [granet.id]: granet,
  [gmp.id]: gmp,
  [rigl.id]: rigl,
  [oneshot.id]: oneshot,
  [lamp.id]: lamp,
};

export const methodIds = (): string[] => Object.keys(methods);

/** The method registered under `id` (own entries only: 'toString' is not a method). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const findMethod = (id: unknown): SparsityMethod<any> | undefined => ownEntry(methods, id);

/** The method's label for a stored or linked id, or the id itself when this build does not have it. */
export const methodLabel = (id: string): string => findMethod(id)?.label ?? id;

export function getMethod(id: string): SparsityMethod<Record<string, unknown>> {
  return requireEntry(methods, id, 'method');
}

/** Validates a method's params (filling defaults); errors name the method and the field. */
export function parseMethodParams(id: string, params: unknown): Record<string, unknown> {
  const result = getMethod(id).schema.safeParse(params ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid parameters for method "${id}": ${issues}`);
  }
  return result.data as Record<string, unknown>;
}
