import { useEffect, useState } from 'react';

interface NumberProps {
  id: string;
  value: unknown;
  placeholder?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  onChange(v: unknown): void;
}

/** What a box's text means: nothing (use the default), a number, or text the schema will reject. */
function parseNumber(t: string): unknown {
  if (t.trim() === '') return undefined;
  return Number.isFinite(Number(t)) ? Number(t) : t;
}

/**
 * A number box that keeps what the user typed. A parsable number goes to the
 * store as a number, an empty box as "not set" (the default applies), and
 * anything else as the raw text, so the schema rejects it and the panel says
 * why instead of silently snapping back.
 */
export function NumberInput({ id, value, placeholder, integer, onChange }: NumberProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    // Only a change from outside (a preset loaded) overwrites what was typed.
    if (parseNumber(text) !== value) setText(value === undefined ? '' : String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <input
      id={id} type="text" inputMode={integer ? 'numeric' : 'decimal'} value={text} placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseNumber(e.target.value));
      }}
    />
  );
}

/** Numbers separated by commas ("0.2, 0.05, 0.02"); empty means "not set". */
export function NumberListInput({ id, value, placeholder, onChange }: { id: string; value: unknown; placeholder?: string; onChange(v: unknown): void }) {
  const [text, setText] = useState(Array.isArray(value) ? value.join(', ') : '');
  useEffect(() => {
    if (Array.isArray(value) && value.join(', ') !== text) setText(value.join(', '));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <input
      id={id} type="text" value={text} placeholder={placeholder}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (t.trim() === '') return onChange(undefined);
        const parts = t.split(',').map((s) => s.trim()).filter(Boolean);
        onChange(parts.every((p) => Number.isFinite(Number(p))) ? parts.map(Number) : t);
      }}
    />
  );
}
