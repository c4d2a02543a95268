/**
 * Sparsity and rate schedules for pruning during training (algorithms.md §6).
 * Pure functions of the step, so a run's schedule can be plotted before it runs.
 */

export interface CubicSchedule {
  /** Sparsity at t0 (0: dense-to-sparse). */
  initialSparsity: number;
  /** Sparsity reached at tf and held afterwards. */
  finalSparsity: number;
  t0: number;
  tf: number;
}

/**
 * Zhu & Gupta gradual pruning: s_t = s_f + (s_i − s_f)·(1 − (t − t0)/(tf − t0))³.
 * Prunes fast while many redundant weights remain and slows down near the
 * target, so the network has time to recover. s(t0) = s_i, s(tf) = s_f.
 */
export function cubicSparsity(t: number, s: CubicSchedule): number {
  if (t <= s.t0) return s.initialSparsity;
  if (t >= s.tf) return s.finalSparsity;
  const left = 1 - (t - s.t0) / (s.tf - s.t0);
  return s.finalSparsity + (s.initialSparsity - s.finalSparsity) * left * left * left;
}

/**
 * Cosine decay from `start` to `end` over [0, T], then held at `end`
 * (GraNet's regeneration rate: CosineDecay(0.5, T, eta_min = 0.005)).
 */
export function cosineDecay(t: number, T: number, start: number, end: number): number {
  if (T <= 0 || t >= T) return end;
  if (t <= 0) return start;
  return end + ((start - end) * (1 + Math.cos((Math.PI * t) / T))) / 2;
}

/**
 * RigL drop fraction f(t) = (α/2)(1 + cos(πt/T_end)): α at the start, α/2 at
 * mid-way, 0 at T_end, and 0 (no updates) afterwards.
 */
export function riglDropFraction(t: number, alpha: number, tEnd: number): number {
  if (t > tEnd || tEnd <= 0) return 0;
  return (alpha / 2) * (1 + Math.cos((Math.PI * t) / tEnd));
}

/** Steps between mask updates for an interval given as a fraction of the round (at least 1). */
export function intervalSteps(fraction: number, totalSteps: number): number {
  return Math.max(1, Math.round(fraction * totalSteps));
}
