import { pageStore, runHistory } from '../../store';
import { usePageState, useRuns } from '../../store/hooks';
import { formatPct } from '../charts/chartData';
import { formatDuration } from '../format';
import { download } from '../history/download';

const STATUS_TEXT: Record<string, string> = {
  queued: 'waiting', running: 'training', finished: 'finished', stopped: 'stopped', failed: 'failed', interrupted: 'interrupted',
};

/** Every run this session, newest first: pick one to show its curves and pictures. */
export function RunsTable() {
  const runs = useRuns();
  const selected = usePageState((s) => s.selectedRunKey);
  if (runs.length === 0) return null;
  return (
    <section className="card wide" data-testid="runs-table">
      <header className="card-head">
        <h2>Runs</h2>
        <div className="card-tools">
          <button className="link" onClick={() => pageStore.getState().clearResults()}>Clear finished runs</button>
        </div>
      </header>
      <table>
        <thead>
          <tr><th>Run</th><th>Status</th><th>Backend</th><th>Rounds</th><th>Sparsest</th><th>Best test acc.</th><th>Time</th><th /></tr>
        </thead>
        <tbody>
          {[...runs].reverse().map((r) => {
            const best = r.rounds.reduce((m, x) => Math.max(m, x.earlyStopTestAcc), -Infinity);
            const sparsest = r.rounds.reduce((m, x) => Math.min(m, x.density), 1);
            const seconds = r.rounds.reduce((s, x) => s + x.seconds, 0);
            return (
              <tr key={r.key} className={selected === r.key ? 'selected' : ''}>
                <td>{r.label}</td>
                <td className={`status-${r.status}`} title={r.stoppedReason}>{r.source === 'link' ? 'from the link' : STATUS_TEXT[r.status]}</td>
                <td>{r.backend}</td>
                <td>{r.rounds.length}</td>
                <td>{r.rounds.length ? formatPct(100 * sparsest) : '—'}</td>
                <td>{Number.isFinite(best) ? formatPct(100 * best) : '—'}</td>
                <td>{r.rounds.length ? formatDuration(seconds) : '—'}</td>
                <td className="row-actions">
                  {/* Export from the page's own copy: works even when the browser could not store the run. */}
                  {r.source !== 'link' && r.status !== 'queued' && (
                    <button className="link" data-testid="run-export" onClick={() => void runHistory.exportRun(r.key).then((f) => f && download(f.fileName, f.bytes, 'application/octet-stream'))}>
                      ⤓ file
                    </button>
                  )}{' '}
                  {selected === r.key ? (
                    <button className="link" onClick={() => pageStore.getState().selectRun(null)} title="Show the newest run again">shown ✓</button>
                  ) : (
                    <button className="link" onClick={() => pageStore.getState().selectRun(r.key)}>show</button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
