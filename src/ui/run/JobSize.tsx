import { formatBytes, formatDuration } from '../../engine/spec';
import { useJobEstimate, useRunStatus } from '../../store/hooks';
import { useStaggered } from '../charts/useChartValue';
import { formatCount as n } from '../format';

/** Which measurement the time comes from: a real run beats the calibration's few steps at page load. */
const SOURCE_TEXT = { 'this run': 'this run', 'last run': 'your last run of this model', calibration: 'calibration at page load' } as const;

/**
 * The experiment's size under Start, for any config (a shared link's too):
 * networks, iterations, samples, memory on the backend in use, and the
 * expected time from this device's measured speed (naming the measurement
 * it comes from; pruned rounds priced at their density where the sparse
 * kernels run them) — or, before a run of this
 * model has been measured, "unknown until calibrated" with a slow device's
 * time as an upper guess. Nothing trains until Start is pressed.
 */
export function JobSize() {
  const training = useRunStatus() === 'running';
  // While a run trains its speed changes at every progress report: redrawn at most every 10 s then (the progress
  // bars carry the live ETA, and this line is no layout boundary: each change lays the page out from its root),
  // at once while the settings are edited.
  const est = useStaggered(useJobEstimate(), 0, true, training ? 10_000 : 0);
  if (!est) return null;
  const { size, time, backend, samplesPerSec, speedSource, sparsePriced, confirm } = est;
  return (
    <p className={`job-size${confirm ? ' large' : ''}`} data-testid="job-size" data-seconds={Math.round(time.seconds)} data-bytes={Math.round(size.memory[backend])} data-basis={time.basis}>
      <span data-testid="job-networks">{n(size.networks)} network{size.networks === 1 ? '' : 's'}</span>
      {' · '}<span>{n(size.iterations)} iterations</span>
      {' · '}<span>{n(size.samples)} samples</span>
      {' · '}<span data-testid="job-memory">~{formatBytes(size.memory[backend])} on {backend}</span>
      {' · '}
      {time.basis === 'measured' ? (
        <span data-testid="job-time" data-source={speedSource ?? undefined} data-sparse={sparsePriced ? 'priced' : undefined}>
          ~{formatDuration(time.seconds)} at {n(Math.round(samplesPerSec ?? 0))} dense samples/s measured here ({SOURCE_TEXT[speedSource ?? 'calibration']})
          {sparsePriced ? '; pruned rounds faster on the sparse kernels' : ''}
        </span>
      ) : (
        <span data-testid="job-time">time unknown until calibrated (up to ~{formatDuration(time.seconds)} on a slow device)</span>
      )}
    </p>
  );
}
