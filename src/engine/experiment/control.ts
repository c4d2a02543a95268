/**
 * Cooperative run control: the training loop polls it between steps, so the
 * host (CLI signal handler, worker message, test) can pause, resume, step a
 * single batch, finish the current round, or stop.
 */
export class RunControl {
  private paused = false;
  private stopRequested = false;
  private finishRound = false;
  private stepsAllowed = 0;
  private wake: (() => void) | null = null;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.stepsAllowed = 0;
    this.wakeUp();
  }

  /** While paused, let exactly one more batch run. */
  stepOnce(): void {
    this.stepsAllowed += 1;
    this.wakeUp();
  }

  stop(): void {
    this.stopRequested = true;
    this.wakeUp();
  }

  /** Stop after the round in progress has finished and been recorded. */
  stopAfterRound(): void {
    this.finishRound = true;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get shouldStop(): boolean {
    return this.stopRequested;
  }

  get shouldStopAfterRound(): boolean {
    return this.finishRound || this.stopRequested;
  }

  /** Resolves when the loop may take its next step (immediately unless paused). */
  async gate(): Promise<void> {
    await this.yieldToHost();
    while (this.paused && !this.stopRequested) {
      if (this.stepsAllowed > 0) {
        this.stepsAllowed -= 1;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  /**
   * Between evaluation chunks: waits while paused, like `gate`, but does not
   * use up a "step one batch" — a step asked for during evaluation lets the
   * evaluation finish and is then spent on the training batch it meant.
   */
  async evalGate(): Promise<void> {
    await this.yieldToHost();
    while (this.paused && !this.stopRequested && this.stepsAllowed === 0) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  /** Hook for hosts whose event loop must get a turn (YieldingControl); nothing here. */
  protected async yieldToHost(): Promise<void> {}

  private wakeUp(): void {
    this.wake?.();
  }
}
