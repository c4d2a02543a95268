import * as tf from '@tensorflow/tfjs';

/** A completed background read: the mean loss over `steps` steps, known at `at` (performance.now()). */
export interface LossReading { mean: number; steps: number; at: number }

/**
 * The training loss between evaluations, summed on the backend and read back
 * without stalling it (issue #15). A blocking read (`dataSync`, or awaiting
 * `data()` right after queuing a step) makes a GPU drain its queue and sit
 * idle while the value crosses to the CPU; on WebGPU that costs more than a
 * small model's step. So progress reads are only *started* here (`request`):
 * the loop keeps queuing steps, and picks the value up (`take`) once the GPU
 * has reached it. At most one read is in flight. Evaluation points and
 * pauses, which wait for the backend anyway, read with `mean`.
 */
export class LossMeter {
  private sum: tf.Tensor = tf.scalar(0);
  private count = 0;
  private inFlight: { sum: tf.Tensor; done: Promise<void> } | null = null;
  private ready: LossReading | null = null;
  private disposed = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Adds one step's loss (the caller still owns and disposes `loss`). */
  add(loss: tf.Scalar): void {
    const next = tf.keep(tf.add(this.sum, loss)); // kept even when the caller adds inside a tidy
    // The sum a read is waiting on stays alive until that read is done.
    if (this.sum !== this.inFlight?.sum) this.sum.dispose();
    this.sum = next;
    this.count++;
  }

  /** Steps summed since the last reset. */
  get steps(): number {
    return this.count;
  }

  get reading(): boolean {
    return this.inFlight !== null;
  }

  /**
   * Starts reading the mean so far, unless a read is in flight or nothing was
   * added. `steps` is returned with the reading (the caller's count of the
   * steps the value covers, for its clock).
   */
  request(steps: number): void {
    if (this.inFlight || this.count === 0 || this.disposed) return;
    const sum = this.sum;
    const count = this.count;
    const done = sum.data().then(
      (d) => {
        this.ready = { mean: d[0] / count, steps, at: this.now() };
      },
      () => {}, // a failed read shows up in the next blocking one
    ).finally(() => {
      if (sum !== this.sum || this.disposed) sum.dispose();
      this.inFlight = null;
    });
    this.inFlight = { sum, done };
  }

  /** The reading completed since the last call, if any. */
  take(): LossReading | null {
    const r = this.ready;
    this.ready = null;
    return r;
  }

  /** Mean since the last reset, waiting for the backend (evaluation points, pauses). Supersedes a pending reading. */
  async mean(): Promise<number> {
    await this.inFlight?.done;
    this.ready = null;
    return (await this.sum.data())[0] / this.count;
  }

  /** A new window (after an evaluation point). */
  reset(): void {
    if (this.sum !== this.inFlight?.sum) this.sum.dispose();
    this.sum = tf.scalar(0);
    this.count = 0;
  }

  dispose(): void {
    this.disposed = true;
    if (this.sum !== this.inFlight?.sum) this.sum.dispose();
  }
}
