import { getMethod } from '../methods/registry';
import type { LayerRole } from '../models/types';
import { defaultRunConfig, type RunConfig } from './config';

export interface IgnoredSetting {
  /** Dotted path in the RunConfig, e.g. "method.params.rates.output". */
  path: string;
  reason: string;
}

/** The value at a dotted path, following own properties only. */
function valueAt(obj: unknown, path: string): unknown {
  let o: unknown = obj;
  for (const key of path.split('.')) {
    if (o === null || typeof o !== 'object' || !Object.prototype.hasOwnProperty.call(o, key)) return undefined;
    o = (o as Record<string, unknown>)[key];
  }
  return o;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Settings of a (normalised) config that the chosen method, scope or
 * optimizer does not use, but that differ from their defaults — i.e. settings
 * somebody chose and that would otherwise be silently ignored. The CLI refuses
 * such a config; the engine warns about each one at the start of a run.
 */
export function ignoredSettings(config: RunConfig, modelRoles?: ReadonlySet<LayerRole>): IgnoredSetting[] {
  const out: IgnoredSetting[] = [];
  const defaults = defaultRunConfig();
  const changed = (path: string, base: unknown, at: unknown) => !same(valueAt(at, path), valueAt(base, path));
  const t = config.training;
  if (t.optimizer !== 'momentum' && t.optimizer !== 'adam' && changed('training.momentum', defaults, config)) {
    out.push({ path: 'training.momentum', reason: 'plain SGD has no momentum; choose the momentum optimizer (or adam, where it is β1)' });
  }
  if (t.epochs !== undefined && changed('training.iterations', defaults, config)) {
    out.push({ path: 'training.iterations', reason: 'epochs is set, so the round length is epochs × batches per epoch' });
  }
  const method = getMethod(config.method.id);
  const params = config.method.params;
  if (config.controls.length > 0 && method.rounds(params) < 2) {
    out.push({ path: 'controls', reason: `${method.label} trains once, with no pruned rounds for the controls to retrain; use a multi-round method such as imp` });
  }
  const ignored = method.ignoredParams?.(params) ?? {};
  const methodDefaults = method.schema.parse({}) as Record<string, unknown>;
  for (const [path, reason] of Object.entries(ignored)) {
    if (changed(path, methodDefaults, params)) out.push({ path: `method.params.${path}`, reason });
  }
  // Per-role rates for a role the model does not have (rates.conv on an MLP).
  if (modelRoles) {
    for (const role of ['conv', 'fc', 'output'] as const) {
      const path = `rates.${role}`;
      if (!modelRoles.has(role) && !Object.prototype.hasOwnProperty.call(ignored, path) && valueAt(params, path) !== undefined && changed(path, methodDefaults, params)) {
        out.push({ path: `method.params.${path}`, reason: `${config.model} has no ${role} layers` });
      }
    }
  }
  return out;
}

/** Throws one error listing every ignored setting (the CLI's strict mode). */
export function assertNoIgnoredSettings(config: RunConfig, modelRoles?: ReadonlySet<LayerRole>): void {
  const found = ignoredSettings(config, modelRoles);
  if (found.length === 0) return;
  throw new Error(`These settings would be ignored, so the run would not be the one you asked for:\n${found.map((s) => `  ${s.path}: ${s.reason}`).join('\n')}`);
}
