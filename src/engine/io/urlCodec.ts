import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { LabError } from '../errors';
import { defaultRunConfig, type RunConfig } from '../experiment/config';
import type { RunResult, SeriesId } from '../experiment/events';
import { normaliseConfig } from '../experiment/normalise';
import { withoutDefaults } from '../experiment/runId';
import { parseMethodParams } from '../methods/registry';
import { parseJsonSafely } from '../util/ownKeys';
import { crc32, fromBase64Url, toBase64Url } from './bytes';

/**
 * Experiment state in the URL hash: `#v=1&c=<config>&r=<results>&k=<check>`.
 *
 * c: deflated JSON of only the settings that differ from the defaults (so a
 *    preset fits in a chat message), base64url. Validated with the config
 *    schema on the way in; unknown fields are named in the error.
 * r: optional results summary, so a recipient sees the charts at once.
 * k: CRC-32 of c and r, which turns truncation and hand-editing into a clear
 *    message instead of a confusing schema error.
 * Changing a default changes what old links mean: bump URL_VERSION and add a
 * migration in decodeHash when that happens.
 */
export const URL_VERSION = 1;
/** Refuse hashes and inflated payloads beyond these sizes (a link is never this big). */
export const MAX_HASH_CHARS = 16_384;
export const MAX_JSON_BYTES = 256 * 1024;

/** Per series: [density ×1e4, early-stop test acc ×1e4, final test acc ×1e4, early-stop step] per round. */
export type ResultsSummary = Partial<Record<SeriesId, [number, number, number, number][]>>;

export class ShareError extends LabError {
  constructor(message: string) {
    super(message);
    this.name = 'ShareError';
  }
}

export function summariseResults(result: Pick<RunResult, 'rounds'>): ResultsSummary {
  const out: ResultsSummary = {};
  for (const r of result.rounds) {
    (out[r.series] ??= []).push([Math.round(r.density * 1e4), Math.round(r.earlyStopTestAcc * 1e4), Math.round(r.finalTestAcc * 1e4), r.earlyStopStep]);
  }
  return out;
}

const pack = (value: unknown) => toBase64Url(deflateSync(strToU8(JSON.stringify(value)), { level: 9 }));

export function encodeHash(config: RunConfig, results?: ResultsSummary): string {
  const { method, ...rest } = config;
  const compact = {
    ...(withoutDefaults(rest, defaultRunConfig()) as object),
    method: { id: method.id, params: withoutDefaults(method.params, parseMethodParams(method.id, {})) ?? {} },
  };
  const c = pack(compact);
  const r = results ? pack(results) : '';
  const k = crc32(strToU8(c + r)).toString(36);
  return `#v=${URL_VERSION}&c=${c}${r ? `&r=${r}` : ''}&k=${k}`;
}

export interface DecodedHash {
  config: RunConfig;
  results?: ResultsSummary;
}

/** Returns null for an empty hash; throws ShareError with a readable reason for anything malformed. */
export function decodeHash(hash: string): DecodedHash | null {
  const text = hash.replace(/^#/, '');
  if (!text) return null;
  if (text.length > MAX_HASH_CHARS) throw new ShareError(`The link is too long (${text.length} characters; at most ${MAX_HASH_CHARS})`);
  const params = new URLSearchParams(text);
  const v = params.get('v');
  if (v === null) throw new ShareError('The link has no version (v=…); it was not made by Sparse Lab');
  if (v !== String(URL_VERSION)) throw new ShareError(`The link uses version ${v}, but this lab reads version ${URL_VERSION}`);
  const c = params.get('c');
  if (!c) throw new ShareError('The link has no experiment (c=…)');
  const r = params.get('r') ?? '';
  const k = params.get('k');
  if (k === null || crc32(strToU8(c + r)).toString(36) !== k) throw new ShareError('The link is damaged: it was cut short or edited (checksum mismatch)');
  const compact = unpack(c, 'experiment');
  let config: RunConfig;
  try {
    config = normaliseConfig(compact);
  } catch (e) {
    throw new ShareError(`The link's experiment is invalid: ${(e as Error).message}`);
  }
  const results = r ? (unpack(r, 'results') as ResultsSummary) : undefined;
  if (results !== undefined && !validSummary(results)) throw new ShareError('The link\'s results summary is malformed');
  return { config, results };
}

function unpack(b64: string, what: string): unknown {
  let bytes: Uint8Array;
  try {
    // Into a buffer one byte past the cap: a deflate bomb stops there instead of inflating in full first.
    bytes = inflateSync(fromBase64Url(b64), { out: new Uint8Array(MAX_JSON_BYTES + 1) });
  } catch (e) {
    throw new ShareError(`The link's ${what} could not be decoded (${(e as Error).message})`);
  }
  if (bytes.length > MAX_JSON_BYTES) throw new ShareError(`The link's ${what} is too large`);
  try {
    return parseJsonSafely(strFromU8(bytes), `The link's ${what}`);
  } catch (e) {
    if (e instanceof LabError) throw new ShareError(e.message);
    throw new ShareError(`The link's ${what} is not valid JSON`);
  }
}

function validSummary(x: unknown): x is ResultsSummary {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  return Object.entries(x).every(
    ([k, rows]) =>
      ['trunk', 'reinit', 'random-mask'].includes(k) && Array.isArray(rows) && rows.length <= 200 &&
      rows.every((row) => Array.isArray(row) && row.length === 4 && row.every((n) => Number.isFinite(n) && n >= 0 && n <= 1e7)),
  );
}
