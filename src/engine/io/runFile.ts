import { z } from 'zod';
import type { RunCheckpoint } from '../experiment/checkpoint';
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

export interface RunFile {
  result: RunResult;
  /** The final trunk masks (the ticket) and the weights its last round started from (θ0 or θk). */
  masks?: Masks;
  ticketWeights?: Weights;
  /** State to resume from the next round, when the run was unfinished. */
  checkpoint?: RunCheckpoint;
}

const BlobSchema = z.object({ group: z.string(), param: z.string(), kind: z.enum(['mask', 'f32']), length: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() });
const HeaderSchema = z.object({
  result: z.object({ schema: z.literal('sparse-lab/run@1') }).passthrough(),
  checkpoint: z.object({ schema: z.literal('sparse-lab/checkpoint@1') }).passthrough().optional(),
  blobs: z.array(BlobSchema),
});

export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}

export function encodeRunFile(file: RunFile): Uint8Array {
  const blobs: z.infer<typeof BlobSchema>[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const add = (group: string, param: string, kind: 'mask' | 'f32', data: Uint8Array, length: number) => {
    blobs.push({ group, param, kind, length, offset, bytes: data.length });
    chunks.push(data);
    offset += data.length;
  };
  const addMasks = (group: string, m?: Masks) => m && Object.entries(m).forEach(([n, v]) => add(group, n, 'mask', packBits(v), v.length));
  const addWeights = (group: string, w?: Weights | null) =>
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
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerBytes))));
  } catch (e) {
    throw new RunFileError(`${name} has an invalid header: ${(e as Error).message.slice(0, 300)}`);
  }
  const base = 16 + headerBytes;
  const groups: Record<string, Record<string, Uint8Array | Float32Array>> = {};
  for (const b of header.blobs) {
    const key = `${b.group}/${b.param}`;
    if (base + b.offset + b.bytes > bytes.length - 4) throw new RunFileError(`${name} is truncated: blob ${key} runs past the end`);
    const raw = bytes.slice(base + b.offset, base + b.offset + b.bytes);
    if (b.kind === 'f32' && b.bytes !== b.length * 4) throw new RunFileError(`${name}: blob ${key} has ${b.bytes} bytes for ${b.length} floats`);
    (groups[b.group] ??= {})[b.param] = b.kind === 'mask' ? unpackBits(raw, b.length) : new Float32Array(raw.buffer);
  }
  const out: RunFile = { result: header.result as unknown as RunResult };
  if (groups.masks) out.masks = groups.masks as Masks;
  if (groups.ticket) out.ticketWeights = groups.ticket as Weights;
  if (header.checkpoint) {
    const c = header.checkpoint as Record<string, unknown>;
    const { hasThetaK, ...rest } = c;
    out.checkpoint = {
      ...(rest as Omit<RunCheckpoint, 'masks' | 'weights' | 'thetaK'>),
      masks: (groups['ckpt/masks'] ?? {}) as Masks,
      weights: (groups['ckpt/weights'] ?? {}) as Weights,
      thetaK: hasThetaK ? ((groups['ckpt/thetaK'] ?? {}) as Weights) : null,
    } as RunCheckpoint;
  }
  return out;
}
