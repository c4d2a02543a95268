import { findMethod } from '../../engine/spec';
import type { JsonProp } from './jsonSchema';

/**
 * Which fields a reader should see and in which unit. Rates and densities
 * are fractions in the engine (and the CLI) but percentages on the page, as
 * everywhere else in the lab; fields that do nothing for the chosen method,
 * model or optimizer are not shown at all.
 */
const PERCENT_NAME = /rate|densit|regrowth|^prune(Start|End)$|^interval$/i;

/** A fraction the page shows and takes in %: named like a rate or density, bounded by 1. */
export function isPercentField(name: string, p: JsonProp): boolean {
  const max = p.type === 'array' ? p.items?.maximum : p.maximum;
  const exclusiveMax = p.type === 'array' ? undefined : (p as { exclusiveMaximum?: number }).exclusiveMaximum;
  return PERCENT_NAME.test(name) && name !== 'lr' && (max === 1 || exclusiveMax === 1);
}

interface Context {
  methodId: string;
  params: Record<string, unknown>;
  /** The model has convolution layers. */
  conv: boolean;
}

/** Dotted field names under method.params that do not apply to this method's current settings (the method's own rule). */
export function hiddenMethodFields({ methodId, params, conv }: Context): string[] {
  return findMethod(methodId)?.hiddenFields?.(params, { conv }) ?? [];
}

/** Training fields that do nothing with the chosen optimizer. */
export function hiddenTrainingFields(training: Record<string, unknown> | undefined): string[] {
  return (training?.optimizer ?? 'adam') === 'momentum' ? [] : ['momentum'];
}

/** "0.2" → "20" (no binary noise such as 20.000000000000004). */
export const toPercentText = (v: number) => String(+(v * 100).toPrecision(10));

/** What a field is called inside a sentence ("Enter a pruning rate …"), where its label would read oddly. */
const NOUNS: Record<string, string> = { globalRate: 'pruning rate', rates: 'pruning rate', lr: 'learning rate', density: 'density', initialDensity: 'initial density' };

/**
 * What to tell someone whose number is not accepted, in the units they typed:
 * "Enter a pruning rate between 0 and 100 % (less than 100 %)",
 * "Enter a whole number of iterations between 1 and 10,000,000".
 */
export function wordedRange(path: string, label: string, p: JsonProp, percent: boolean): string {
  const ex = p as JsonProp & { exclusiveMaximum?: number };
  const parts = path.split('.');
  const name = NOUNS[parts.at(-1)!] ?? NOUNS[parts.at(-2) ?? ''] ?? label.toLowerCase();
  const unit = percent ? ' %' : '';
  const show = (v: number) => (percent ? toPercentText(v) : v.toLocaleString('en'));
  const what = p.type === 'integer' ? `a whole number of ${name}` : `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
  const lo = p.minimum ?? p.exclusiveMinimum;
  // zod writes "no upper bound" on an integer as Number.MAX_SAFE_INTEGER.
  const hi = p.maximum !== undefined && p.maximum < 1e12 ? p.maximum : ex.exclusiveMaximum;
  const strict = [
    p.exclusiveMinimum !== undefined ? `more than ${show(p.exclusiveMinimum)}` : '',
    ex.exclusiveMaximum !== undefined ? `less than ${show(ex.exclusiveMaximum)}${unit}` : '',
  ].filter(Boolean).join(', ');
  const range = lo !== undefined && hi !== undefined ? ` between ${show(lo)} and ${show(hi)}${unit}`
    : lo !== undefined ? ` of at least ${show(lo)}${unit}` : hi !== undefined ? ` of at most ${show(hi)}${unit}` : '';
  return `Enter ${what}${range}${strict ? ` (${strict})` : ''}`;
}

/** True when `v` is a number inside the field's bounds (so a message about it must come from elsewhere). */
export function inRange(v: unknown, p: JsonProp): boolean {
  const ex = p as JsonProp & { exclusiveMaximum?: number };
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (p.type === 'integer' && !Number.isInteger(v)) return false;
  if (p.minimum !== undefined && v < p.minimum) return false;
  if (p.exclusiveMinimum !== undefined && v <= p.exclusiveMinimum) return false;
  if (p.maximum !== undefined && v > p.maximum) return false;
  if (ex.exclusiveMaximum !== undefined && v >= ex.exclusiveMaximum) return false;
  return true;
}
