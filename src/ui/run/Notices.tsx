import { pageStore } from '../../store';
import { useNotices } from '../../store/hooks';

/** Warnings and errors: divergence, layer collapse, a lost GPU, a failed run. */
export function Notices() {
  const notices = useNotices();
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} data-testid={`notice-${n.code}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <div>
            <strong>{n.title}</strong>
            <p>{n.text}</p>
          </div>
          <button className="link" aria-label="Dismiss" onClick={() => pageStore.getState().dismissNotice(n.id)}>✕</button>
        </div>
      ))}
    </div>
  );
}
