import { LabError, checkCheckpoint, type RunCheckpoint, type Weights, type Masks } from '../engine/spec';

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

/**
 * A checkpoint the page sends back to resume from (it comes from IndexedDB
 * or an imported file). The shape is checked here with the engine's schema;
 * the runner itself checks that it belongs to the same config and fits the model.
 */
export function parseCheckpoint(x: unknown): RunCheckpoint {
  const r = checkCheckpoint(x);
  if (!r.ok) throw new LabError(`The saved checkpoint cannot be used: ${r.reason}`);
  return r.checkpoint;
}

/** The buffers of a checkpoint the page hands to the worker (a copy it owns, read from storage). */
export function checkpointBuffers(ck: RunCheckpoint): ArrayBuffer[] {
  const groups = [ck.masks, ck.weights, ck.thetaK ?? {}];
  return [...new Set(groups.flatMap((g) => Object.values(g).map((v) => v.buffer as ArrayBuffer)))];
}
