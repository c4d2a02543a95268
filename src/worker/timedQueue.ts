export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface TimedQueueOptions<T> {
  send(items: T[]): void;
  /** The first item waits at most this long; everything queued meanwhile goes with it. */
  intervalMs: number;
  /** Items with the same key supersede each other: only the newest is sent. */
  coalesceKey?(item: T): string | null;
  /** Send this item (and everything before it) at once. */
  urgent?(item: T): boolean;
  timers?: Timers;
}

/**
 * Turns a stream of small items into at most one delivery per interval.
 * The worker uses it to post ~10 batches a second; the page uses it to
 * touch the store (and so re-render the charts) ~4 times a second.
 */
export class TimedQueue<T> {
  private queue: T[] = [];
  private timer: unknown = null;
  private readonly timers: Timers;

  constructor(private readonly opts: TimedQueueOptions<T>) {
    this.timers = opts.timers ?? realTimers;
  }

  get size(): number {
    return this.queue.length;
  }

  push(item: T): void {
    const k = this.opts.coalesceKey?.(item) ?? null;
    if (k !== null) {
      const i = this.queue.findIndex((q) => this.opts.coalesceKey!(q) === k);
      if (i >= 0) this.queue.splice(i, 1);
    }
    this.queue.push(item);
    if (this.opts.urgent?.(item)) this.flush();
    else if (this.timer === null) this.timer = this.timers.setTimeout(() => this.flush(), this.opts.intervalMs);
  }

  flush(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];
    this.opts.send(items);
  }
}
