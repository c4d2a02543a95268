import type { FieldErrors } from '../../store/pure/validate';
import { formatPct } from '../charts/chartData';
import { fieldHelp } from '../teaching/text';
import { Field, humanLabel } from './Field';
import { inRange, isPercentField, toPercentText, wordedRange } from './fieldRules';
import { NumberInput, NumberListInput } from './inputs';
import type { JsonProp } from './jsonSchema';

interface Props {
  schema: JsonProp;
  value: Record<string, unknown> | undefined;
  /** Path of `value` inside the draft, e.g. ['method', 'params']. */
  path: string[];
  errors: FieldErrors;
  onChange(path: string[], v: unknown): void;
  /** Looks up help as `methodId.field` first. */
  methodId?: string;
  omit?: string[];
  only?: string[];
  /** Dotted names of fields that do not apply now ("rewindStep", "rates.conv"): not shown. */
  hidden?: string[];
  /** Inside an object of rates ("rates"): its bounded numbers are percentages too. */
  percentParent?: boolean;
}

/**
 * A form generated from a zod schema: numbers, enums, booleans, number lists
 * and nested objects, each with its default as placeholder, plain-language
 * help and the validation message for that field. New methods get a form
 * without any UI change.
 */
export function SchemaFields({ schema, value, path, errors, onChange, methodId, omit = [], only, hidden = [], percentParent = false }: Props) {
  const props = Object.entries(schema.properties ?? {}).filter(([k]) => !omit.includes(k) && !hidden.includes(k) && (!only || only.includes(k)));
  if (props.length === 0) return <p className="muted">No parameters.</p>;
  return (
    <>
      {props.map(([name, p]) => {
        const fieldPath = [...path, name];
        const id = fieldPath.join('.');
        const v = value?.[name];
        const help = fieldHelp(name, methodId) ?? p.description;
        if (p.type === 'object' && p.properties) {
          return (
            <fieldset key={id} className="nested">
              <legend>{humanLabel(name)}</legend>
              {help && <div className="help">{help}</div>}
              <SchemaFields
                schema={p} value={v as Record<string, unknown> | undefined} path={fieldPath} errors={errors} onChange={onChange} methodId={methodId}
                hidden={hidden.filter((h) => h.startsWith(`${name}.`)).map((h) => h.slice(name.length + 1))} percentParent={isPercentField(name, { ...p, maximum: 1 })}
              />
            </fieldset>
          );
        }
        const percent = isPercentField(name, p) || (percentParent && p.maximum === 1) || (percentParent && (p as { exclusiveMaximum?: number }).exclusiveMaximum === 1);
        const label = humanLabel(name) + (percent ? ' (%)' : '');
        // A number outside its bounds gets a message in words and in the units typed; other messages (a rule across fields) pass through.
        const worded = (p.type === 'number' || p.type === 'integer') && errors[id] && !inRange(v ?? p.default, p) ? wordedRange(id, humanLabel(name), p, percent) : errors[id];
        const common = { id, label, help, error: worded };
        if (p.enum) {
          return (
            <Field key={id} {...common}>
              <select id={id} value={String(v ?? p.default ?? p.enum[0])} onChange={(e) => onChange(fieldPath, e.target.value)}>
                {p.enum.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            </Field>
          );
        }
        if (p.type === 'boolean') {
          return (
            <Field key={id} {...common}>
              <input id={id} type="checkbox" checked={Boolean(v ?? p.default)} onChange={(e) => onChange(fieldPath, e.target.checked)} />
            </Field>
          );
        }
        if (p.type === 'array') {
          return (
            <Field key={id} {...common}>
              <NumberListInput id={id} value={v} percent={percent} placeholder="not set" onChange={(x) => onChange(fieldPath, x)} />
            </Field>
          );
        }
        if (p.type === 'number' || p.type === 'integer') {
          const shown = typeof v === 'number' ? v : typeof p.default === 'number' ? p.default : undefined;
          const hint = /density/i.test(name) && shown !== undefined && shown > 0 && shown <= 1 ? `= ${formatPct(100 * (1 - shown))} pruned` : undefined;
          return (
            <Field key={id} {...common} hint={hint}>
              <NumberInput
                id={id} value={v} integer={p.type === 'integer'} percent={percent}
                placeholder={typeof p.default === 'number' ? (percent ? toPercentText(p.default) : String(p.default)) : 'not set'} onChange={(x) => onChange(fieldPath, x)}
              />
            </Field>
          );
        }
        return null;
      })}
    </>
  );
}
