import { z } from 'zod';
import type { RunCheckpoint } from '../engine/experiment/checkpoint';
import type { Weights } from '../engine/models/init';
import type { Masks } from '../engine/pruning/masks';

/**
 * Checkpoints and tickets cross the worker boundary as typed arrays of a few
 * MB. They go as transferables, not structured-clone copies. The engine
 * keeps using the arrays it emits (the net's live masks, θk for the next
 * rewind, tfjs's own buffers on the CPU backend), so each is copied once
 * into a buffer of its own and that copy is transferred: one memcpy instead
 * of the two a clone costs, and the sender never detaches an array it uses.
 */
type Group = Record<string, Uint8Array | Float32Array>;

function own<T extends Group>(g: T, transfer: Set<ArrayBuffer>): T {
  const out = {} as Record<string, Uint8Array | Float32Array>;
  for (const [k, v] of Object.entries(g)) {
    const copy = v.slice();
    transfer.add(copy.buffer as ArrayBuffer);
    out[k] = copy;
  }
  return out as T;
}

/** Copies of the checkpoint's arrays, and the buffers to transfer. */
export function checkpointForTransfer(ck: RunCheckpoint): { checkpoint: RunCheckpoint; transfer: ArrayBuffer[] } {
  const t = new Set<ArrayBuffer>();
  const checkpoint = { ...ck, masks: own(ck.masks, t), weights: own(ck.weights, t), thetaK: ck.thetaK && own(ck.thetaK, t), results: [...ck.results] };
  return { checkpoint, transfer: [...t] };
}

/** Copies of the ticket (final masks and the weights its last round started from), and the buffers to transfer. */
export function ticketForTransfer(masks: Masks, weights: Weights | null): { masks: Masks; ticketWeights: Weights | null; transfer: ArrayBuffer[] } {
  const t = new Set<ArrayBuffer>();
  return { masks: own(masks, t), ticketWeights: weights && own(weights, t), transfer: [...t] };
}

const u8 = z.record(z.string(), z.instanceof(Uint8Array));
const f32 = z.record(z.string(), z.instanceof(Float32Array));
const CheckpointSchema = z.object({
  schema: z.literal('sparse-lab/checkpoint@1'),
  runId: z.string(),
  nextRound: z.number().int().min(0),
  startStep: z.number().int().min(0),
  masks: u8,
  weights: f32,
  theta0Label: z.string(),
  thetaK: f32.nullable(),
  results: z.array(z.object({ series: z.string(), round: z.number() }).passthrough()),
  runDone: z.number().min(0),
  savedAt: z.string(),
});

/**
 * A checkpoint the page sends back to resume from (it comes from IndexedDB
 * or an imported file). The shape is checked here; the runner itself checks
 * that it belongs to the same config, and the net that the masks fit the model.
 */
export function parseCheckpoint(x: unknown): RunCheckpoint {
  const r = CheckpointSchema.safeParse(x);
  if (!r.success) throw new Error(`The saved checkpoint cannot be used: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'checkpoint'}: ${i.message}`).join('; ')}`);
  return r.data as unknown as RunCheckpoint;
}

/** The buffers of a checkpoint the page hands to the worker (a copy it owns, read from storage). */
export function checkpointBuffers(ck: RunCheckpoint): ArrayBuffer[] {
  const groups = [ck.masks, ck.weights, ck.thetaK ?? {}];
  return [...new Set(groups.flatMap((g) => Object.values(g).map((v) => v.buffer as ArrayBuffer)))];
}
