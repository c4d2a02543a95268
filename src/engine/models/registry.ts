import type { ModelSpec } from './types';
import { architectures, type Architecture, type ArchitectureEntry, type Shape } from './architectures';
import { paramLayout } from './paramSpecs';
import { ownEntry, requireEntry } from '../util/ownKeys';

/**
 * Every model the lab can build, by stable id (ids appear in URLs and saved
 * runs); shapes in architectures.ts. Plain data: the forward passes live on
 * the compute side (models/model.ts), so the page can read this without tfjs.
 */
export const models: Record<string, ArchitectureEntry> = architectures;

export const modelIds = Object.keys(models);

/** The model registered under `id` (own entries only). */
export const findModel = (id: unknown): ArchitectureEntry | undefined => ownEntry(models, id);

/** The model's parameters and costs for a dataset's input shape (the conv nets also run on 28×28×1). */
export function getModelSpec(id: string, inputShape?: Shape, numClasses = 10): ModelSpec {
  const entry = requireEntry(models, id, 'model');
  return modelSpec(id, entry.label, entry.arch, inputShape ?? entry.defaultInput, numClasses);
}

/** A model spec for any architecture (tests and probes build small ones that the registry does not list). */
export function modelSpec(id: string, label: string, arch: Architecture, inputShape: Shape, numClasses: number): ModelSpec {
  return { id, label, arch, inputShape, numClasses, ...paramLayout(arch, inputShape, numClasses) };
}
