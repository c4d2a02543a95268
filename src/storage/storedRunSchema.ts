import { z } from 'zod';
import { normaliseConfig, checkCheckpoint, describeIssues, LayerName, RoundsSchema, assertNoForbiddenKeys, type RoundResult } from '../engine/spec';
import type { RunArtifacts, StoredRunMeta } from './runStorage';

/**
 * What IndexedDB hands back is checked before the page renders or resumes
 * it: another version of the lab, a crafted import from before these checks,
 * or a damaged disk can leave anything there, and a row that throws while
 * rendering used to blank every later visit until site data was cleared.
 * A record that fails is quarantined (store/services/runHistory.ts), never rendered.
 */
const text = (max: number) => z.string().max(max);
const StoredRunMetaSchema = z.object({
  id: text(300), name: text(300), methodId: text(100), model: text(100), dataset: text(100),
  seed: z.number().int(),
  createdAt: text(40).refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a date' }),
  updatedAt: text(40),
  backend: text(60),
  status: z.enum(['running', 'finished', 'stopped', 'failed', 'interrupted']),
  stoppedReason: text(1000).optional(),
  origin: z.enum(['lab', 'file']),
  input: z.record(z.string(), z.unknown()),
  config: z.unknown(),
  rounds: z.number().int().nonnegative(),
  sparsest: z.number().min(0).max(1).nullable(),
  best: z.number().min(0).max(1).nullable(),
  seconds: z.number().nonnegative(),
  checkpointRound: z.number().int().nonnegative().optional(),
  hasTicket: z.boolean(),
});

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A stored history row, with its config normalised again (an id this build lacks is damage too). */
export function checkStoredMeta(x: unknown): Checked<StoredRunMeta> {
  const r = StoredRunMetaSchema.safeParse(x);
  if (!r.success) return { ok: false, reason: describeIssues(r.error, 3) };
  try {
    assertNoForbiddenKeys(r.data.input, 'the stored settings');
    const config = r.data.config === null || r.data.config === undefined ? null : normaliseConfig(r.data.config);
    return { ok: true, value: { ...(r.data as StoredRunMeta), config } };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

export function checkStoredRounds(x: unknown): Checked<RoundResult[]> {
  const r = RoundsSchema.safeParse(x ?? []);
  return r.success ? { ok: true, value: r.data as RoundResult[] } : { ok: false, reason: `its rounds: ${describeIssues(r.error, 3)}` };
}

const tensors = (array: z.ZodType) => z.record(LayerName, array).optional();
const ArtifactsSchema = z.object({ masks: tensors(z.instanceof(Uint8Array)), ticketWeights: tensors(z.instanceof(Float32Array)), checkpoint: z.unknown().optional() });

export function checkStoredArtifacts(x: unknown): Checked<RunArtifacts> {
  const r = ArtifactsSchema.safeParse(x ?? {});
  if (!r.success) return { ok: false, reason: `its masks or weights: ${describeIssues(r.error, 3)}` };
  if (r.data.checkpoint === undefined) return { ok: true, value: r.data as RunArtifacts };
  const c = checkCheckpoint(r.data.checkpoint);
  return c.ok ? { ok: true, value: { ...(r.data as RunArtifacts), checkpoint: c.checkpoint } } : { ok: false, reason: `its checkpoint: ${c.reason}` };
}
