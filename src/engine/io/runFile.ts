import { z, ZodError } from 'zod';
import { LabError } from '../errors';
import type { RunCheckpoint } from '../experiment/checkpoint';
import { normaliseConfig } from '../experiment/normalise';
import { parseJsonSafely } from '../util/ownKeys';
import { CheckpointFieldsSchema, describeIssues, LayerName, RunResultFieldsSchema } from './runSchema';
import type { RunResult } from '../experiment/events';
import type { Weights } from '../models/init';
import type { Masks } from '../pruning/masks';
import { crc32, packBits, unpackBits } from './bytes';

/**
 * One file per run, shared by the page (export/import) and the CLI
 * (--save-run, --config, --resume):
 *
 *   "SPLABRUN" | u32 version | u32 headerBytes | header JSON | blobs… | u32 CRC-32 of all before it
 *
 * The JSON header holds the result (config + metrics) and an index of binary
 * blobs: bit-packed masks and float32 weights (little-endian), so a 266k-weight
 * LeNet ticket is ~1 MB instead of ~10 MB of JSON numbers.
 */
export const RUN_FILE_VERSION = 1;
const MAGIC = 'SPLABRUN';
/** Larger files are refused before parsing (a Conv-2 run with a checkpoint is ~60 MB). */
export const MAX_RUN_FILE_BYTES = 256 * 1024 * 1024;
/** Masks unpack to 8× their packed size: the decoded total is capped too (a Conv-2 run with a checkpoint decodes to ~70 MB). */
export const MAX_DECODED_BYTES = 512 * 1024 * 1024;
const MAX_BLOBS = 10_000;
/** The JSON part (config, metrics, curves): a 60-round run with dense curves is a few MB. */
const MAX_HEADER_BYTES = 64_000_000;

export interface RunFile {
  result: RunResult;
  /** The final trunk masks (the ticket) and the weights its last round started from (θ0 or θk). */
  masks?: Masks;
  ticketWeights?: Weights;
  /** State to resume from the next round, when the run was unfinished. */
  checkpoint?: RunCheckpoint;
}

const GROUPS = ['masks', 'ticket', 'ckpt/masks', 'ckpt/weights', 'ckpt/thetaK'] as const;
const BlobSchema = z.object({
  group: z.enum(GROUPS), param: LayerName, kind: z.enum(['mask', 'f32']),
  length: z.number().int().nonnegative().max(2 ** 31), offset: z.number().int().nonnegative(), bytes: z.number().int().nonnegative(),
});
const HeaderSchema = z.object({
  result: z.object({ schema: z.literal('sparse-lab/run@1') }).passthrough(),
  checkpoint: z.object({ schema: z.literal('sparse-lab/checkpoint@1') }).passthrough().optional(),
  blobs: z.array(BlobSchema).max(MAX_BLOBS),
});
type Blob = z.infer<typeof BlobSchema>;

export class RunFileError extends LabError {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}

export function encodeRunFile(file: RunFile): Uint8Array {
  const blobs: Blob[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const add = (group: Blob['group'], param: string, kind: 'mask' | 'f32', data: Uint8Array, length: number) => {
    blobs.push({ group, param, kind, length, offset, bytes: data.length });
    chunks.push(data);
    offset += data.length;
  };
  const addMasks = (group: Blob['group'], m?: Masks) => m && Object.entries(m).forEach(([n, v]) => add(group, n, 'mask', packBits(v), v.length));
  const addWeights = (group: Blob['group'], w?: Weights | null) =>
    w && Object.entries(w).forEach(([n, v]) => add(group, n, 'f32', new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)), v.length));
  addMasks('masks', file.masks);
  addWeights('ticket', file.ticketWeights);
  let checkpoint: Record<string, unknown> | undefined;
  if (file.checkpoint) {
    const { masks, weights, thetaK, ...rest } = file.checkpoint;
    checkpoint = { ...rest, hasThetaK: thetaK !== null };
    addMasks('ckpt/masks', masks);
    addWeights('ckpt/weights', weights);
    addWeights('ckpt/thetaK', thetaK);
  }
  const header = new TextEncoder().encode(JSON.stringify({ result: file.result, checkpoint, blobs }));
  const out = new Uint8Array(8 + 8 + header.length + offset + 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, RUN_FILE_VERSION, true);
  view.setUint32(12, header.length, true);
  out.set(header, 16);
  let p = 16 + header.length;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  view.setUint32(p, crc32(out.subarray(0, p)), true);
  return out;
}

export function decodeRunFile(bytes: Uint8Array, name = 'run file'): RunFile {
  if (bytes.length > MAX_RUN_FILE_BYTES) throw new RunFileError(`${name} is ${(bytes.length / 1e6).toFixed(0)} MB; the limit is ${MAX_RUN_FILE_BYTES / 1e6} MB`);
  if (bytes.length < 20 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new RunFileError(`${name} is not a Sparse Lab run file (it should start with "${MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== RUN_FILE_VERSION) throw new RunFileError(`${name} has format version ${version}; this lab reads version ${RUN_FILE_VERSION}. Update the lab to open it.`);
  const stored = view.getUint32(bytes.length - 4, true);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== stored) throw new RunFileError(`${name} is damaged: its checksum does not match (truncated or modified)`);
  const headerBytes = view.getUint32(12, true);
  if (16 + headerBytes > bytes.length - 4) throw new RunFileError(`${name} is truncated: header runs past the end`);
  if (headerBytes > MAX_HEADER_BYTES) throw new RunFileError(`${name} has a ${(headerBytes / 1e6).toFixed(0)} MB header; the limit is ${MAX_HEADER_BYTES / 1e6} MB`);
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(parseJsonSafely(new TextDecoder().decode(bytes.subarray(16, 16 + headerBytes)), `${name}'s header`));
  } catch (e) {
    if (e instanceof LabError) throw new RunFileError(e.message);
    throw new RunFileError(`${name} has an invalid header: ${e instanceof ZodError ? describeIssues(e) : (e as Error).message.slice(0, 300)}`);
  }
  const fields = RunResultFieldsSchema.safeParse(header.result);
  if (!fields.success) throw new RunFileError(`${name} holds invalid results: ${describeIssues(fields.error)}`);
  let config;
  try {
    config = normaliseConfig(fields.data.config);
  } catch (e) {
    throw new RunFileError(`${name} holds an invalid experiment: ${(e as Error).message}`);
  }
  const ckpt = header.checkpoint && CheckpointFieldsSchema.extend({ hasThetaK: z.boolean() }).safeParse(header.checkpoint);
  if (ckpt && !ckpt.success) throw new RunFileError(`${name} holds an invalid checkpoint: ${describeIssues(ckpt.error)}`);
  const groups = readBlobs(bytes, 16 + headerBytes, header.blobs, name);
  const out: RunFile = { result: { ...fields.data, config } as RunResult };
  if (groups.masks) out.masks = groups.masks as Masks;
  if (groups.ticket) out.ticketWeights = groups.ticket as Weights;
  if (ckpt) {
    const { hasThetaK, ...rest } = ckpt.data;
    out.checkpoint = {
      ...rest,
      masks: (groups['ckpt/masks'] ?? {}) as Masks,
      weights: (groups['ckpt/weights'] ?? {}) as Weights,
      thetaK: hasThetaK ? ((groups['ckpt/thetaK'] ?? {}) as Weights) : null,
    } as RunCheckpoint;
  }
  return out;
}

/**
 * The binary part: every blob must lie inside the blob region, overlap no
 * other, and hold exactly the bytes its declared length needs, and the
 * decoded total is capped before anything is allocated. (A 4 MB file whose
 * blobs all pointed at one region once decoded to gigabytes.)
 */
function readBlobs(bytes: Uint8Array, base: number, blobs: Blob[], name: string): Partial<Record<Blob['group'], Record<string, Uint8Array | Float32Array>>> {
  const region = bytes.length - 4 - base;
  let decoded = 0;
  const seen = new Set<string>();
  for (const b of blobs) {
    const key = `${b.group}/${b.param}`;
    if (seen.has(key)) throw new RunFileError(`${name} is damaged: blob ${key} appears twice`);
    seen.add(key);
    const need = b.kind === 'mask' ? Math.ceil(b.length / 8) : b.length * 4;
    if (b.bytes !== need) throw new RunFileError(`${name} is damaged: blob ${key} has ${b.bytes} bytes for ${b.length} ${b.kind === 'mask' ? 'mask entries' : 'floats'} (expected ${need})`);
    if (b.offset + b.bytes > region) throw new RunFileError(`${name} is truncated: blob ${key} runs past the end`);
    decoded += b.kind === 'mask' ? b.length : b.bytes;
  }
  if (decoded > MAX_DECODED_BYTES) throw new RunFileError(`${name} would decode to ${(decoded / 1e6).toFixed(0)} MB; the limit is ${MAX_DECODED_BYTES / 1e6} MB`);
  const sorted = [...blobs].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (sorted[i].offset < prev.offset + prev.bytes) {
      throw new RunFileError(`${name} is damaged: blobs ${prev.group}/${prev.param} and ${sorted[i].group}/${sorted[i].param} overlap`);
    }
  }
  const groups: Partial<Record<Blob['group'], Record<string, Uint8Array | Float32Array>>> = {};
  for (const b of blobs) {
    const raw = bytes.slice(base + b.offset, base + b.offset + b.bytes);
    // Group and param names were checked against the known groups and the reserved keys above, and the
    // records holding them have no prototype: a param name can only ever be an own key.
    (groups[b.group] ??= Object.create(null) as Record<string, Uint8Array | Float32Array>)[b.param] = b.kind === 'mask' ? unpackBits(raw, b.length) : new Float32Array(raw.buffer);
  }
  return groups;
}
