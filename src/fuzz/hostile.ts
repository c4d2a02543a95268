import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { crc32, toBase64Url } from '../engine';

/**
 * Generators of hostile input for the fuzz suite: JSON values that land
 * where the lab expects something else, keys that reach prototypes, ids that
 * exist on every object, and edits applied anywhere in a valid document.
 */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_KEYS, null, true, -1, 0, 1.5, 2 ** 31, 2 ** 53, 1e308, -1e308, '', 'x'.repeat(5000), [], {}, { toString: 1 }, { valueOf: 'x' }, [[[[]]]]),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);

export interface Edit {
  at: number;
  key: string;
  value: unknown;
  mode: 'replace' | 'add' | 'delete';
}
export const edits: fc.Arbitrary<Edit[]> = fc.array(
  fc.record({
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })),
    value: hostileValue,
    mode: fc.constantFrom<Edit['mode']>('replace', 'add', 'delete'),
  }),
  { minLength: 1, maxLength: 4 },
);

/** Every object or array inside a JSON value (the places an edit can land). */
function containers(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (v && typeof v === 'object') {
    out.push(v as Record<string, unknown>);
    for (const x of Object.values(v)) containers(x, out);
  }
  return out;
}

/**
 * Applies edits to a deep copy. Keys are defined as own properties, so a
 * "__proto__" key really appears in the JSON text, as an attacker writes it.
 */
export function applyEdits(doc: unknown, list: Edit[]): unknown {
  const root = JSON.parse(JSON.stringify(doc)) as unknown;
  for (const e of list) {
    const places = containers(root);
    if (places.length === 0) return e.value;
    const target = places[e.at % places.length];
    const keys = Object.keys(target);
    const key = e.mode === 'add' || keys.length === 0 ? e.key : keys[e.at % keys.length];
    if (e.mode === 'delete') delete target[key];
    // An array's length cannot be redefined: such an edit is skipped.
    else if (!(Array.isArray(target) && key === 'length')) Object.defineProperty(target, key, { value: e.value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

/** A link whose checksum is right for whatever it holds: only the lab's own checks stand between it and the page. */
export function sealedLink(compact: unknown, results?: unknown): string {
  const pack = (v: unknown) => toBase64Url(deflateSync(strToU8(JSON.stringify(v))));
  const c = pack(compact);
  const r = results === undefined ? '' : pack(results);
  return `#v=1&c=${c}${r ? `&r=${r}` : ''}&k=${crc32(strToU8(c + r)).toString(36)}`;
}

/** A run file with its header replaced and its checksum recomputed. */
export function resealHeader(file: Uint8Array, header: unknown): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const oldLen = view.getUint32(12, true);
  const blobs = file.subarray(16 + oldLen, file.length - 4);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(16 + json.length + blobs.length + 4);
  out.set(file.subarray(0, 12), 0);
  new DataView(out.buffer).setUint32(12, json.length, true);
  out.set(json, 16);
  out.set(blobs, 16 + json.length);
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

export function headerOf(file: Uint8Array): unknown {
  const len = new DataView(file.buffer, file.byteOffset).getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(file.subarray(16, 16 + len)));
}

/** Byte edits anywhere before the checksum, then a recomputed checksum. */
export function flipBytes(file: Uint8Array, flips: [number, number][]): Uint8Array {
  const out = file.slice();
  for (const [at, xor] of flips) out[at % (out.length - 4)] ^= xor || 1;
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

/** Object.prototype and Array.prototype as they are now, to compare after decoding. */
export function prototypeSnapshot(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return `${names(Object.prototype)}|${names(Array.prototype)}|${Object.getPrototypeOf({}) === Object.prototype}`;
}
