import type { ModelSpec } from '../models/types';

/**
 * What the page knows about backends: their names, the fallback order, and
 * the reports and calibrations the worker sends back. No tfjs: the worker
 * selects and calibrates (select.ts, calibrate.ts); the page only shows.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendReport {
  name: BackendName;
  /** Human description, e.g. the WebGPU adapter; "software — slow" for SwiftShader/llvmpipe. */
  detail: string;
  software: boolean;
  /** Backends tried before this one, with the reason each was rejected. */
  rejected: { name: BackendName; reason: string }[];
}

export const FALLBACK_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Models are grouped by the shape of their work; one calibration serves a whole class. */
export type ModelClass = 'mlp' | 'conv';

export function modelClassOf(model: Pick<ModelSpec, 'params'>): ModelClass {
  return model.params.some((p) => p.shape.length === 4) ? 'conv' : 'mlp';
}

export interface CandidateMeasure {
  name: BackendName;
  detail: string;
  software: boolean;
  /** Training samples per second in the timed steps (0 when the candidate failed to train). */
  samplesPerSec: number;
  /** Timed steps; 0 when the first (warm-up) step was already over budget and is the estimate. */
  steps: number;
  /** Wall time to start this candidate and time it. */
  ms?: number;
  /** Its first step did not finish within the budget: `samplesPerSec` is an upper bound. */
  capped?: boolean;
  /** Why this candidate could not be measured, if it could not. */
  error?: string;
  /** Why this candidate was not timed although it works (a software adapter beside a hardware path). */
  untimed?: string;
}

export interface Calibration {
  modelClass: ModelClass;
  model: string;
  batch: number;
  /** What the candidates ran on (WebGPU adapter, core count): the cache key with the class. */
  deviceKey: string;
  candidates: CandidateMeasure[];
  chosen: BackendName;
  /** Date.now() when measured. */
  at: number;
  /** Wall time the whole calibration took (every candidate's start-up and steps). */
  tookMs?: number;
}
