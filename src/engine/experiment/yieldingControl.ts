import { RunControl } from './control';

/** Resolves in a new task (not a microtask), so queued messages and timers run first. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * The engine's RunControl, plus a real yield to the worker's event loop every
 * `everyMs`. On WASM and CPU every `await` in the training loop resolves as a
 * microtask, so without this the worker would never read a "pause" command or
 * fire the outbox timer until the run ended, and the CLI would not see Ctrl-C.
 * MessageChannel exists in browsers, workers and Node alike. A MessageChannel task is used
 * rather than setTimeout, which browsers clamp to ≥ 4 ms when nested.
 */
export class YieldingControl extends RunControl {
  private last = 0;

  constructor(private readonly everyMs = 50, private readonly now: () => number = () => performance.now()) {
    super();
  }

  protected override async yieldToHost(): Promise<void> {
    const t = this.now();
    if (t - this.last >= this.everyMs) {
      this.last = t;
      await nextTask();
    }
  }
}
