import type { z } from 'zod';
import type { Weights } from '../models/init';
import type { ModelSpec } from '../models/types';
import type { Masks } from '../pruning/masks';
import type { RunConfig } from '../experiment/config';
import type { Rng } from '../util/rng';

/**
 * Everything a pruning decision may look at. Decisions are pure: given the
 * same context they return the same masks, on any backend.
 */
export interface PruneContext {
  model: ModelSpec;
  config: RunConfig;
  weights: Weights;
  masks: Masks;
  /** dL/d(W⊙M) per prunable layer, when the method asked for gradients. */
  grads?: Record<string, Float32Array>;
  /** A stream derived from the run seed, the method and the round (random masks, tie noise). */
  rng: Rng;
}

export interface TrainingContext extends PruneContext {
  step: number;
  totalSteps: number;
  grads: Record<string, Float32Array>;
}

/** Where the survivors' weights go before the next round. */
export type ResetKind =
  | 'init' // θ0 (LTH "reset")
  | 'rewind' // θk, training resumes at iteration k (late resetting)
  | 'lr-rewind' // keep the trained weights, replay the LR schedule from k (Renda et al.)
  | 'continue'; // keep weights and schedule position (fine-tuning)

/**
 * What the page says about a method's results, kept with the method so there
 * is one place to edit (this module imports no tfjs: the page reads it too).
 */
export interface MethodTeaching {
  /** "What am I looking at": how this method's points and curves come about. */
  what: string;
  /** "What should I expect", with the paper's numbers where known. */
  expect: string;
  /** The network is dense until the method prunes it during training (gradual methods). */
  startsDense?: boolean;
  /** The mask changes during training: draw density and regrowth over training. */
  changesMaskDuringTraining?: boolean;
  /** Plain-language help for this method's own parameters, by field path (the panel shows it beside the field). */
  fieldHelp?: Record<string, string>;
}

/** How a comparison runs a method: once per density ('single'), once for every density ('iterative'), or once, dense. */
export type CompareKind = 'single' | 'iterative' | 'dense';

/** A named setting of a method in comparisons (`--methods imp-rewind`), with the label its line gets. */
export interface CompareVariant {
  label: string;
  /** The method's params for one target density; `iterations` is the shared per-round budget (for a rewind point k). */
  params(density: number, iterations: number): Record<string, unknown>;
}

/** What comparisons and their charts need to know about a method. */
export interface MethodComparison {
  kind: CompareKind;
  /** The method's own line in a comparison chart (default: its label). */
  label?: string;
  /** Further settings by comparison name (e.g. 'random-erk'). */
  variants?: Record<string, CompareVariant>;
}

/**
 * One sparse-training method. Adding a method is one file implementing this
 * plus one line in methods/registry.ts: the page, the CLI and comparisons
 * read its label, teaching text, field help and comparison entries from here.
 */
export interface SparsityMethod<P = Record<string, unknown>> {
  id: string;
  label: string;
  /** Two sentences: what it does, and the paper behind it. */
  summary: string;
  paper: string;
  /** Parameters with defaults; unknown keys are rejected. */
  schema: z.ZodType<P>;
  teaching: MethodTeaching;
  /** In comparisons: default `{ kind: 'single' }` (one run per density, taking a `density` param). */
  comparison?: MethodComparison;
  /**
   * Dotted names under method.params that the panel hides for these settings
   * (e.g. IMP's per-role rates in global scope). `params` is the panel's draft,
   * not yet validated; `model.conv`: the model has convolution layers.
   */
  hiddenFields?(params: Record<string, unknown>, model: { conv: boolean }): string[];
  /**
   * Parameters that these settings make irrelevant, by path (e.g. 'rates.output'
   * in global scope), each with the reason and what to set instead. A config
   * that sets one of them away from its default is refused by the CLI and
   * warned about in the page, never silently ignored (methods/ignored.test.ts
   * checks every method's list against its behaviour).
   */
  ignoredParams?(p: P): Record<string, string>;
  /** Number of training rounds (IMP: pruning rounds + the dense round). */
  rounds(p: P): number;
  /** Iteration whose weights are saved as θk for rewinding (0: none besides θ0). */
  rewindStep?(p: P): number;
  /**
   * Expected density of the fully-connected weights while round `round` trains, at `progress` (0–1) of its
   * training; default 1 (dense). Only the time estimate reads it: sparse rounds train faster on WASM's sparse
   * kernels (experiment/sparseSpeed.ts), and only fully-connected layers take that route.
   */
  densityAt?(p: P, round: number, progress: number): number;
  /** Training batches whose mean gradient initMasks needs (SNIP: 1). */
  initGradBatches?(p: P): number;
  /** Masks before the first round (pruning at initialisation). Default: dense. */
  initMasks?(ctx: PruneContext, p: P): { masks: Masks; redrawWeights?: boolean };
  /** Mask updates during training: called every `updateEvery` steps with the batch's dense gradient. */
  updateEvery?(p: P, totalSteps: number): number;
  updateMasks?(ctx: TrainingContext, p: P): Masks | null;
  /** After round r (not after the last): the next round's masks and weights. */
  afterRound?(ctx: PruneContext, p: P, round: number): { masks: Masks; reset: ResetKind };
}
