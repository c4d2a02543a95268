import { compareLabel, CompareSpecSchema, planComparison, type RunConfig, type RunConfigInput, type ComparePresetSpec } from '../../engine/spec';

/** One run of a comparison, with the label its points get and the method group its line joins. */
export interface QueuedRun {
  label: string;
  group: string;
  config: RunConfigInput;
  /** A single run's config as the panel's validation parsed it: sent to the worker as is. */
  checked?: RunConfig;
}

const pct = (d: number) => `${+(d * 100).toPrecision(3)} %`;

/** Human names for the comparison's method variants ("random-erk" → "Random (ERK)"), from each method's own file. */
export const comparisonLabel = compareLabel;

/**
 * The runs a comparison preset starts, one after another: the engine's own
 * plan (the CLI's `compare` uses the same), over the panel's shared settings.
 * Seeds count up from the panel's seed. Throws with the engine's message for
 * an unknown method or bad parameters.
 */
export function comparisonQueue(draft: RunConfigInput, spec: ComparePresetSpec): QueuedRun[] {
  const { method: _m, controls: _c, name: _n, ...base } = draft;
  const first = draft.seed ?? 0;
  const plan = planComparison(CompareSpecSchema.parse({
    base, methods: spec.methods, densities: spec.densities,
    seeds: Array.from({ length: spec.seeds }, (_, i) => first + i), params: spec.params ?? {},
  }));
  return plan.map((p) => ({
    group: p.method,
    label: [comparisonLabel(p.method), p.density === null ? '' : `${pct(p.density)} kept`, spec.seeds > 1 ? `seed ${p.seed}` : '']
      .filter(Boolean).join(' · '),
    config: p.config,
  }));
}
