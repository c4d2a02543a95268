import { useEffect, useState } from 'react';
import { toPercentText } from './fieldRules';

interface NumberProps {
  id: string;
  value: unknown;
  placeholder?: string;
  integer?: boolean;
  /** The value is a fraction shown and typed in % ("20" in the box is 0.2 in the config). */
  percent?: boolean;
  onChange(v: unknown): void;
}

/** What a box's text means: nothing (use the default), a number, or text the schema will reject. A trailing "%" is allowed. */
function parseNumber(t: string, percent = false): unknown {
  const s = t.trim().replace(/\s*%$/, '');
  if (s === '') return undefined;
  if (!Number.isFinite(Number(s))) return t;
  return percent ? Number(s) / 100 : Number(s);
}

const shownText = (value: unknown, percent = false) =>
  value === undefined ? '' : typeof value === 'number' && percent ? toPercentText(value) : String(value);

/**
 * A number box that keeps what the user typed. A parsable number goes to the
 * store as a number, an empty box as "not set" (the default applies), and
 * anything else as the raw text, so the schema rejects it and the panel says
 * why instead of silently snapping back.
 */
export function NumberInput({ id, value, placeholder, integer, percent, onChange }: NumberProps) {
  const [text, setText] = useState(shownText(value, percent));
  useEffect(() => {
    // Only a change from outside (a preset loaded) overwrites what was typed.
    if (parseNumber(text, percent) !== value) setText(shownText(value, percent));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the typed text is compared, not watched: typing must not reformat it
  }, [value]);
  return (
    <input
      id={id} type="text" inputMode={integer ? 'numeric' : 'decimal'} value={text} placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseNumber(e.target.value, percent));
      }}
    />
  );
}

/** Numbers separated by commas ("20, 5, 2" in %, or "0.2, 0.05"); empty means "not set". */
export function NumberListInput({ id, value, placeholder, percent, onChange }: { id: string; value: unknown; placeholder?: string; percent?: boolean; onChange(v: unknown): void }) {
  const listText = (v: unknown[]) => v.map((x) => shownText(x, percent)).join(', ');
  const [text, setText] = useState(Array.isArray(value) ? listText(value) : '');
  useEffect(() => {
    if (Array.isArray(value) && listText(value) !== text) setText(listText(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above: only a new value from outside rewrites the list being typed
  }, [value]);
  return (
    <input
      id={id} type="text" value={text} placeholder={placeholder}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (t.trim() === '') return onChange(undefined);
        const parts = t.split(',').map((s) => s.trim().replace(/\s*%$/, '')).filter(Boolean);
        onChange(parts.every((p) => Number.isFinite(Number(p))) ? parts.map((p) => (percent ? Number(p) / 100 : Number(p))) : t);
      }}
    />
  );
}
