import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  help?: string;
  error?: string;
  /** Text after the input (a unit, "= 98 % sparsity"). */
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled input with its help text and, when the value is invalid, an inline message. */
export function Field({ id, label, help, error, hint, children }: Props) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-input">
        {children}
        {hint && <span className="hint">{hint}</span>}
      </div>
      {error && <div className="field-error" role="alert" data-testid={`error-${id}`}>{error}</div>}
      {help && <div className="help">{help}</div>}
    </div>
  );
}

/** "batchSize" → "Batch size", "rates.fc" → "fc". */
export function humanLabel(name: string): string {
  const last = name.split('.').pop() ?? name;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const fixed: Record<string, string> = { lr: 'Learning rate', fc: 'Hidden layers (fc)', conv: 'Convolutions', output: 'Output layer', 'eval every': 'Evaluate every' };
  return fixed[last] ?? fixed[words] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
