import { COMPARE_METHODS, CompareSpecSchema, planComparison } from '../../engine/experiment/compare';
import type { RunConfigInput } from '../../engine/experiment/config';
import { methodLabel } from '../../engine/methods/registry';
import { ownEntry } from '../../engine/util/ownKeys';
import type { ComparePresetSpec } from '../../engine/presets';

/** One run of a comparison, with the label its points get and the method group its line joins. */
export interface QueuedRun {
  label: string;
  group: string;
  config: RunConfigInput;
}

const pct = (d: number) => `${+(d * 100).toPrecision(3)} %`;

/** Human names for the comparison's method variants ("random-erk" → "Random (ERK)"). */
export function comparisonLabel(name: string): string {
  const special: Record<string, string> = {
    imp: 'IMP ticket', 'imp-rewind': 'IMP, weight rewinding', 'imp-lr-rewind': 'IMP, LR rewinding', dense: 'Dense', 'random-uniform': 'Random (uniform)', 'random-erk': 'Random (ERK)',
    'random-uniform-plus': 'Random (uniform+)', 'oneshot-lamp': 'One-shot LAMP', 'granet-s2s': 'GraNet sparse→sparse',
    snip: 'SNIP', granet: 'GraNet', gmp: 'GMP', rigl: 'RigL', oneshot: 'One-shot', lamp: 'LAMP',
  };
  return ownEntry(special, name) ?? methodLabel(ownEntry(COMPARE_METHODS, name)?.id ?? name);
}

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
