/** "42 s", "3 min 05 s", "1 h 02 min"; "—" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Seconds left for `remaining` units at `perSecond` units a second (null if the rate is unknown). */
export function eta(remaining: number, perSecond: number): number | null {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return null;
  return Math.max(0, remaining) / perSecond;
}

/** Decimal units everywhere (kB = 10³, MB = 10⁶ bytes), as the CLI and the CIFAR page print them. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1000).toFixed(0)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function formatRate(samplesPerSec: number): string {
  if (!Number.isFinite(samplesPerSec)) return '—';
  return samplesPerSec >= 1000 ? `${(samplesPerSec / 1000).toFixed(1)} k` : `${Math.round(samplesPerSec)}`;
}

const COUNT = new Intl.NumberFormat('en-US');

/** "3,600": one shared formatter; Number.toLocaleString builds a new one on each call (a hot path while training). */
export function formatCount(n: number): string {
  return COUNT.format(n);
}
