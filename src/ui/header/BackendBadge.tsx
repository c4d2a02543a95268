import { FALLBACK_ORDER } from '../../engine/spec';
import { trainingController } from '../../store';
import type { BackendChoice } from '../../store/pure/backendOrder';
import { useBackendInfo } from '../../store/hooks';
import type { BackendInfo } from '../../worker/protocol';
import { formatRate } from '../format';

const WHY: Record<NonNullable<BackendInfo['choice']>, string> = {
  measured: 'fastest measured',
  cached: 'fastest measured here before',
  manual: 'manual',
  fallback: 'first that works',
};

/** The backend in use, why it was chosen, and (one click away) every candidate's measured speed. */
export function BackendBadge({ disabled }: { disabled: boolean }) {
  const { info, state, requested } = useBackendInfo();
  const name = state === 'ready' && info ? info.name : state === 'failed' ? 'no backend' : requested === 'auto' ? 'measuring…' : 'starting…';
  const software = info?.software && info.name !== 'cpu';
  const why = info?.choice ? WHY[info.choice] : null;
  return (
    <div className="backend">
      <span className={`backend-name${software ? ' slow' : ''}`} data-testid="backend-name" data-backend={info?.name ?? ''} data-choice={info?.choice ?? ''}>
        {name}
      </span>
      {info && (
        <details className="backend-why" data-testid="backend-why">
          <summary>
            <span data-testid="backend-detail">{software ? 'software — slow' : info.detail}</span>
            {why && <span className="backend-reason"> · {why}</span>}
          </summary>
          <BackendCandidates info={info} />
        </details>
      )}
      <select
        aria-label="Compute backend" data-testid="backend-select" value={requested} disabled={disabled}
        onChange={(e) => trainingController.setBackend(e.target.value as BackendChoice)}
      >
        <option value="auto">auto (fastest)</option>
        {FALLBACK_ORDER.map((b) => <option key={b} value={b}>{b}</option>)}
      </select>
    </div>
  );
}

function BackendCandidates({ info }: { info: BackendInfo }) {
  const c = info.calibration;
  return (
    <div className="backend-popover" data-testid="backend-candidates">
      {c ? (
        <>
          <p>
            {info.choice === 'manual' ? 'Chosen by hand. ' : ''}
            Training step of {c.model} (batch {c.batch}) timed {info.choice === 'cached' ? `on ${new Date(c.at).toLocaleDateString()}` : 'as the page loaded'}{c.tookMs ? ` (${(c.tookMs / 1000).toFixed(1)} s)` : ''}:
          </p>
          <table>
            <thead><tr><th scope="col">backend</th><th scope="col">samples/s</th><th scope="col">device</th></tr></thead>
            <tbody>
              {[...c.candidates].sort((a, b) => b.samplesPerSec - a.samplesPerSec).map((x) => (
                <tr key={x.name} data-candidate={x.name} data-rate={x.samplesPerSec.toFixed(1)} data-ms={x.ms ?? ''} className={x.name === info.name ? 'chosen' : ''}>
                  <td>{x.name}{x.name === info.name ? ' ✓' : ''}</td>
                  <td title={x.untimed ?? x.error ?? ''}>{x.error ? 'failed' : x.untimed ? 'not timed' : `${x.capped ? '< ' : ''}${formatRate(x.samplesPerSec)}`}</td>
                  <td>{x.software ? `${x.detail} (software)` : x.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>Not measured: {info.detail}.</p>
      )}
      {info.rejected.length > 0 && (
        <ul>{info.rejected.map((r) => <li key={r.name}>{r.name}: {r.reason}</li>)}</ul>
      )}
      {info.choice !== 'manual' && <p>Pick a backend in the menu to choose by hand; the choice is remembered.</p>}
    </div>
  );
}
