import { z } from 'zod';
import type { Calibration, ModelClass } from './info';
import { FALLBACK_ORDER, type BackendName } from './info';

/**
 * Calibrations are remembered per device and model class, so a later visit
 * starts at once on the backend that won here. The page keeps them (in
 * localStorage) and hands them to the worker, which knows the device.
 */
export const calibrationKey = (deviceKey: string, modelClass: ModelClass) => `${deviceKey} | ${modelClass}`;

const backendName = z.enum(FALLBACK_ORDER as [BackendName, ...BackendName[]]);

const CalibrationSchema = z.object({
  modelClass: z.enum(['mlp', 'conv']),
  model: z.string(),
  batch: z.number().int().positive(),
  deviceKey: z.string(),
  candidates: z.array(z.object({
    name: backendName,
    detail: z.string(),
    software: z.boolean(),
    samplesPerSec: z.number().nonnegative(),
    steps: z.number().int().nonnegative(),
    capped: z.boolean().optional(),
    ms: z.number().optional(),
    error: z.string().optional(),
  })),
  chosen: backendName,
  at: z.number(),
  tookMs: z.number().optional(),
});

/** A stored calibration, or null when it is missing or not one (an old format, a hand-edited store). */
export function parseCalibration(data: unknown): Calibration | null {
  const r = CalibrationSchema.safeParse(data);
  return r.success ? r.data : null;
}

/** Calibrations older than this are measured again: browsers and drivers update. */
export const CALIBRATION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** The cache with one more calibration, stale entries dropped. */
export function withCalibration(cache: Record<string, unknown>, c: Calibration, now = Date.now()): Record<string, Calibration> {
  const out: Record<string, Calibration> = {};
  for (const [k, v] of Object.entries(cache)) {
    const p = parseCalibration(v);
    if (p && now - p.at < CALIBRATION_MAX_AGE_MS) out[k] = p;
  }
  out[calibrationKey(c.deviceKey, c.modelClass)] = c;
  return out;
}
