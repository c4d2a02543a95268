/**
 * Where a sweep stands: cells done / running / left, and an ETA from the
 * cells measured so far. Cells differ in size (IMP trains several rounds, a
 * one-shot method one), so the rate is seconds per planned training
 * iteration of the finished cells, spread over the workers that are busy.
 */
export interface ProgressSnapshot {
  done: number;
  running: number;
  left: number;
  failed: number;
  /** Seconds to go; NaN until something has been measured. */
  eta: number;
}

interface Running { steps: number; done: number; started: number }

export class SweepProgress {
  private readonly running = new Map<string, Running>();
  private done = 0;
  private failed = 0;
  private measuredSteps = 0;
  private measuredSeconds = 0;
  private leftSteps: number;

  constructor(private readonly total: number, totalSteps: number, private readonly jobs: number, private readonly now: () => number = () => performance.now() / 1000) {
    this.leftSteps = totalSteps;
  }

  start(id: string, steps: number): void {
    this.running.set(id, { steps, done: 0, started: this.now() });
    this.leftSteps -= steps;
  }

  update(id: string, done: number): void {
    const r = this.running.get(id);
    if (r) r.done = Math.min(done, r.steps);
  }

  finish(id: string, seconds: number, ok: boolean): void {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    if (ok) {
      this.done++;
      this.measuredSteps += r.steps;
      this.measuredSeconds += seconds;
    } else this.failed++;
  }

  snapshot(): ProgressSnapshot {
    const now = this.now();
    let secondsPerStep = this.measuredSteps > 0 ? this.measuredSeconds / this.measuredSteps : NaN;
    if (!Number.isFinite(secondsPerStep)) {
      // Nothing finished yet: the running cells' own pace.
      let steps = 0;
      let secs = 0;
      for (const r of this.running.values()) { steps += r.done; secs += now - r.started; }
      secondsPerStep = steps > 0 ? secs / steps : NaN;
    }
    let remaining = this.leftSteps;
    for (const r of this.running.values()) remaining += r.steps - r.done;
    const left = this.total - this.done - this.failed - this.running.size;
    const parallel = Math.max(1, Math.min(this.jobs, left + this.running.size));
    return { done: this.done, running: this.running.size, left, failed: this.failed, eta: (remaining * secondsPerStep) / parallel };
  }
}
