/**
 * A one-line progress bar with ETA on stderr. On a terminal it redraws in
 * place; in a log (CI, a pipe) it prints a plain line every few seconds.
 */
export class ProgressBar {
  private lastPrint = 0;
  private readonly tty: boolean;
  private started = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, private readonly enabled = true) {
    this.tty = Boolean(stream.isTTY);
  }

  restart(): void {
    this.started = Date.now();
  }

  /** `etaSeconds`: the engine's estimate (it counts evaluation); without it, elapsed time scaled by the fraction done. */
  update(done: number, total: number, label: string, etaSeconds?: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastPrint < (this.tty ? 100 : 5000) && done < total) return;
    this.lastPrint = now;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const elapsed = (now - this.started) / 1000;
    const eta = etaSeconds ?? (frac > 0 ? (elapsed * (1 - frac)) / frac : NaN);
    const line = `${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${label}  elapsed ${fmt(elapsed)}  ETA ${fmt(eta)}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line}`);
    else this.stream.write(`${line}\n`);
  }

  /** Clear the bar so a table can be printed cleanly. */
  clear(): void {
    if (this.enabled && this.tty) this.stream.write('\r\x1b[2K');
  }
}

export function fmt(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}h${String(m % 60).padStart(2, '0')}m` : `${m}:${String(s % 60).padStart(2, '0')}`;
}
