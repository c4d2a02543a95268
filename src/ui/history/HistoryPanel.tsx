import { useRef, useState, type DragEvent } from 'react';
import { methodLabel, ownEntry } from '../../engine/spec';
import { pageStore, runHistory } from '../../store';
import { startQuestion } from '../../store/state/measuredSpeed';
import { useActiveRunKey, useDamagedRuns, useHistoryList, useHistoryState, useRunKeysOnCharts } from '../../store/historyHooks';
import { useRunStatus } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import type { StoredRunMeta } from '../../storage/runStorage';
import { RUN_FILE_EXT } from '../../storage/runExport';
import { formatPct } from '../charts/chartData';
import { download } from './download';
import { useUndoableDelete } from './useUndoableDelete';
import '../share/share.css';

const STATUS_TEXT: Record<StoredRunMeta['status'], string> = {
  running: 'training', finished: 'finished', stopped: 'stopped', failed: 'failed', interrupted: 'interrupted',
};

/** Stored runs set aside because they failed to load or render: the reason, and a way to remove them. Never drawn. */
function DamagedRuns() {
  const damaged = useDamagedRuns();
  if (damaged.length === 0) return null;
  return (
    <div className="damaged-runs" data-testid="history-damaged">
      <h3>Damaged runs, set aside</h3>
      <ul>
        {damaged.map((d) => (
          <li key={d.id} data-testid="damaged-row" data-id={d.id}>
            <strong>{d.name ?? d.id}</strong> <span className="muted">— {d.reason}</span>{' '}
            <button className="link danger" data-testid="damaged-remove" onClick={() => void runHistory.remove(d.id)}>remove</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A stored run (an imported file's, say) can be huge: resuming it asks first, as Start does. */
function confirmResume(m: StoredRunMeta): void {
  const question = m.config && startQuestion(m.config, pageStore.getState());
  if (!question || window.confirm(`${question} Resume it?`)) void runHistory.resume(m.id);
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

async function exportFile(id: string) {
  const f = await runHistory.exportRun(id);
  if (f) download(f.fileName, f.bytes, 'application/octet-stream');
}

async function exportCsv(id: string) {
  const f = await runHistory.exportCsv([id]);
  download(f.fileName, f.text, 'text/csv');
}

/**
 * Every run stored in this browser: reopen one (its charts come back), put
 * several on the charts at once, resume an unfinished one, export it as a
 * .sparselab file or its metrics as CSV, delete it. Files are imported with
 * the button or by dropping them on this card.
 */
const removeRun = (id: string) => void runHistory.remove(id);

export function HistoryPanel() {
  const list = useHistoryList();
  const state = useHistoryState();
  const onCharts = useRunKeysOnCharts();
  const active = useActiveRunKey();
  const busy = isBusy(useRunStatus());
  const input = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  // Ticked runs show as ticked at once, while their rounds load from storage.
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => {
    if (!onCharts.has(id)) setLoading((l) => new Set(l).add(id));
    void runHistory.toggleOverlay(id).finally(() => setLoading((l) => new Set([...l].filter((x) => x !== id))));
  };

  const { pending, del, undo } = useUndoableDelete(removeRun);
  const shown = pending.length === 0 ? list : list.filter((m) => !pending.some((p) => p.id === m.id));

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    void runHistory.importFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <section
      className={`card wide history${dropping ? ' dropping' : ''}`} data-testid="history-panel"
      onDragOver={(e) => hasFiles(e) && (e.preventDefault(), setDropping(true))} onDragLeave={() => setDropping(false)} onDrop={drop}
    >
      <header className="card-head">
        <h2>Run history</h2>
        <div className="card-tools">
          <button data-testid="btn-import" onClick={() => input.current?.click()}>Import {RUN_FILE_EXT}…</button>
          <input
            ref={input} type="file" accept={`${RUN_FILE_EXT},.json`} multiple hidden data-testid="import-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              void runHistory.importFiles(files);
            }}
          />
        </div>
      </header>
      <p className="muted history-note">
        Every run is saved in this browser as it trains (rounds, final masks, ticket weights). Tick runs to compare them on the charts; drop a {RUN_FILE_EXT} file here to import it, or a merged sweep (<code>sweep.json</code> from <code>npm run lab -- merge</code>) to chart it.
      </p>
      {state === 'unavailable' && <p className="field-error">This browser does not allow storing runs here (private window?): runs stay on the page until it is closed.</p>}
      {pending.map((p) => (
        <div key={p.id} className="notice info undo" role="status" data-testid="history-undo">
          <span>Deleted “{p.name}”.</span>
          <button data-testid="history-undo-button" onClick={() => undo(p.id)}>Undo</button>
        </div>
      ))}
      {shown.length === 0 ? (
        state === 'ready' && <p className="muted" data-testid="history-empty">No saved runs yet.</p>
      ) : (
        <table>
          <thead>
            <tr><th title="Show on the charts">Chart</th><th>Name</th><th>Method</th><th>Date</th><th>Sparsest</th><th>Best test acc.</th><th>Backend</th><th>Status</th><th /></tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.id} data-testid="history-row" data-id={m.id} data-status={m.status}>
                <td>
                  <input
                    type="checkbox" aria-label={`Show “${m.name}” on the charts`} data-testid="history-overlay"
                    checked={onCharts.has(m.id) || loading.has(m.id)} disabled={m.id === active} onChange={() => toggle(m.id)}
                  />
                </td>
                <td>
                  {m.name}{m.origin === 'file' && <> <span className="badge">file</span></>}
                  <div className="muted history-sub">{m.model} · {m.dataset} · seed {m.seed}</div>
                </td>
                <td title={methodLabel(m.methodId)}>{m.methodId}</td>
                <td>{new Date(m.createdAt).toLocaleString()}</td>
                <td>{m.sparsest === null ? '—' : formatPct(100 * m.sparsest)}</td>
                <td>{m.best === null ? '—' : formatPct(100 * m.best)}</td>
                <td>{m.backend}</td>
                <td className={`status-${m.status}`} title={m.stoppedReason}>{ownEntry(STATUS_TEXT, m.status) ?? m.status}</td>
                <td className="actions">
                  <button className="link" data-testid="history-open" onClick={() => void runHistory.open(m.id)}>open</button>
                  {m.status !== 'finished' && m.status !== 'running' && (
                    <button className="link" data-testid="history-resume" disabled={busy} onClick={() => confirmResume(m)}
                      title={m.checkpointRound !== undefined ? `Continue from round ${m.checkpointRound}` : 'No checkpoint: starts again'}>
                      resume
                    </button>
                  )}
                  <button className="link" data-testid="history-export" onClick={() => void exportFile(m.id)}>⤓ {RUN_FILE_EXT}</button>
                  <button className="link" data-testid="history-csv" onClick={() => void exportCsv(m.id)}>⤓ CSV</button>
                  <button className="link danger" data-testid="history-delete" disabled={m.id === active} onClick={() => del(m.id, m.name)}>delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DamagedRuns />
    </section>
  );
}
