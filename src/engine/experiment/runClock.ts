/**
 * The run's own stopwatch, for honest ETAs: seconds per training step and per
 * evaluated image, measured on this device and this backend as the run goes
 * (pauses excluded), so the time left counts evaluation as well as training.
 */
export class RunClock {
  private trainSeconds = 0;
  private trainSteps = 0;
  private evalSeconds = 0;
  private evalImages = 0;

  /** `batchSize` only serves the guess for evaluation before the first one is measured. */
  constructor(private readonly batchSize: number) {}

  recordTraining(steps: number, seconds: number): void {
    if (steps <= 0 || !(seconds >= 0)) return;
    this.trainSteps += steps;
    this.trainSeconds += seconds;
  }

  recordEvaluation(images: number, seconds: number): void {
    if (images <= 0 || !(seconds >= 0)) return;
    this.evalImages += images;
    this.evalSeconds += seconds;
  }

  /** Measured seconds a training step; null before the first is measured. */
  get secondsPerStep(): number | null {
    return this.trainSteps > 0 ? this.trainSeconds / this.trainSteps : null;
  }

  /**
   * Measured seconds per evaluated image; until one is measured, a guess from
   * the training speed (a forward pass is about a third of a training step).
   */
  get secondsPerImage(): number | null {
    if (this.evalImages > 0) return this.evalSeconds / this.evalImages;
    const s = this.secondsPerStep;
    return s === null ? null : (s / this.batchSize) * FORWARD_SHARE;
  }

  /** Training samples a second, training time only. */
  get samplesPerSec(): number {
    const s = this.secondsPerStep;
    return s ? this.batchSize / s : 0;
  }

  /** Evaluated images a second (0 before the first evaluation). */
  get imagesPerSec(): number {
    return this.evalSeconds > 0 ? this.evalImages / this.evalSeconds : 0;
  }

  /** Seconds for this much work at the measured speeds (undefined until a step has been timed). */
  secondsFor(steps: number, evalImages: number): number | undefined {
    const s = this.secondsPerStep;
    const e = this.secondsPerImage;
    if (s === null || e === null) return undefined;
    return Math.max(0, steps) * s + Math.max(0, evalImages) * e;
  }
}

/** Forward pass / (forward + backward + update), per image: ~1/3 on every backend we measured. */
export const FORWARD_SHARE = 1 / 3;

/**
 * Evaluations a training from `start` to `end` makes: at every multiple of
 * `every` after `start`, and at `end` itself.
 */
export function evalsIn(start: number, end: number, every: number): number {
  if (end <= start) return 0;
  const multiples = Math.floor(end / every) - Math.floor(start / every);
  return multiples + (end % every === 0 ? 0 : 1);
}
