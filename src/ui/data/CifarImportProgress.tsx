import type { CifarState } from '../../store/state/cifarImportState';
import { eta, formatBytes, formatDuration } from '../format';
import { ProgressBar } from '../run/ProgressBar';

const STAGE_LABEL = { reading: 'Importing', rereading: 'Re-reading', storing: 'Saving' } as const;

/** "0.21 s" for quick imports (the fixture), "2 min 05 s" for the real archive. */
const formatSeconds = (s: number) => (s < 10 ? `${s.toFixed(2)} s` : formatDuration(s));

/**
 * The import's progress with an ETA (compressed bytes read, so it tracks
 * the file on disk), then, once done, a full bar and the time it took as
 * the page measured it (from choosing the file to stored).
 */
export function CifarImportProgress({ state }: { state: CifarState }) {
  const job = state.job;
  // Read and checked; the question below the bar ("replace the stored import?") is all that is left.
  if (job?.confirm) return null;
  if (job) {
    const seconds = Math.max(0.001, (performance.now() - job.startedAt) / 1000);
    const pct = job.total > 0 ? Math.floor((100 * job.loaded) / job.total) : 0;
    // Short enough for the box: the file is named once, on its own line below.
    const detail = job.total > 0 ? `${formatBytes(job.loaded)} of ${formatBytes(job.total)} · ${pct} %` : 'starting…';
    const left = job.stage === 'storing' ? 'almost done' : formatDuration(eta(job.total - job.loaded, job.loaded / seconds));
    const what = job.detail && job.detail !== job.source && job.stage !== 'storing' ? `${job.source} (${job.detail})` : job.source;
    return (
      <>
        <ProgressBar testId="progress-cifar-import" label={STAGE_LABEL[job.stage]} value={job.loaded} max={job.total || 1} detail={detail} eta={left} />
        <p className="muted data-file" data-testid="cifar-import-file" title={what}>{what}</p>
        {job.stage === 'rereading' && <p className="muted">The files are not the official 10,000 records each: reading the archive again to check them.</p>}
      </>
    );
  }
  if (!state.last) return null;
  return (
    <>
      <ProgressBar testId="progress-cifar-import" label="Imported" value={1} max={1} detail={`${state.last.source} · 100 %`} eta="" active={false} />
      <p className="muted" data-testid="cifar-import-time" data-seconds={state.last.seconds.toFixed(3)}>
        Imported in {formatSeconds(state.last.seconds)} (read, decompressed, checked and stored in this browser).
      </p>
    </>
  );
}
