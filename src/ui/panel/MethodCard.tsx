import { findMethod, ownEntry } from '../../engine/spec';
import { METHOD_EXPECTATIONS } from '../teaching/text';

/** The method in plain words: what it does (its registry summary), what to expect, and its paper. */
export function MethodCard({ methodId }: { methodId: string }) {
  const m = findMethod(methodId);
  if (!m) return null;
  const expect = ownEntry(METHOD_EXPECTATIONS, m.id);
  return (
    <div className="method-card" data-testid="method-card">
      <p>{m.summary}</p>
      {expect && <p><strong>What to expect:</strong> {expect}</p>}
      <a href={m.paper} target="_blank" rel="noreferrer">Read the paper ↗</a>
    </div>
  );
}
