import { useRef } from 'react';

/**
 * The previous value while `value` has the same content: derived chart data
 * is rebuilt whenever its run record changes (a status, a plan), and handing
 * recharts an equal but new array would redraw the chart for nothing.
 */
export function useStable<T>(value: T): T {
  const prev = useRef<{ value: T; key: string } | null>(null);
  const key = JSON.stringify(value);
  if (prev.current?.key !== key) prev.current = { value, key };
  return prev.current.value;
}
