import { formatBytes, formatDuration } from '../../engine/experiment/jobSize';
import { useJobEstimate } from '../../store/hooks';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The experiment's size under Start, for any config (a shared link's too):
 * networks, iterations, samples, memory on the backend in use, and the
 * expected time from this device's measured speed — or, before a run of this
 * model has been measured, "unknown until calibrated" with a slow device's
 * time as an upper guess. Nothing trains until Start is pressed.
 */
export function JobSize() {
  const est = useJobEstimate();
  if (!est) return null;
  const { size, time, backend, samplesPerSec, confirm } = est;
  return (
    <p className={`job-size${confirm ? ' large' : ''}`} data-testid="job-size" data-seconds={Math.round(time.seconds)} data-bytes={Math.round(size.memory[backend])} data-basis={time.basis}>
      <span data-testid="job-networks">{n(size.networks)} network{size.networks === 1 ? '' : 's'}</span>
      {' · '}<span>{n(size.iterations)} iterations</span>
      {' · '}<span>{n(size.samples)} samples</span>
      {' · '}<span data-testid="job-memory">~{formatBytes(size.memory[backend])} on {backend}</span>
      {' · '}
      {time.basis === 'measured' ? (
        <span data-testid="job-time">~{formatDuration(time.seconds)} at {n(Math.round(samplesPerSec ?? 0))} samples/s measured here</span>
      ) : (
        <span data-testid="job-time">time unknown until calibrated (up to ~{formatDuration(time.seconds)} on a slow device)</span>
      )}
    </p>
  );
}
