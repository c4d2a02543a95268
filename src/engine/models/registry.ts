import { convNet } from './conv';
import { mlp } from './mlp';
import type { ModelDef } from './types';
import { architectures, type ArchitectureEntry, type Shape } from './architectures';
import { ownEntry, requireEntry } from '../util/ownKeys';

interface ModelEntry extends ArchitectureEntry {
  build(inputShape: Shape, numClasses: number): ModelDef;
}

/** Every model the lab can build, by stable id (ids appear in URLs and saved runs); shapes in architectures.ts. */
export const models: Record<string, ModelEntry> = Object.fromEntries(
  Object.entries(architectures).map(([id, entry]) => {
    const { arch, label } = entry;
    const build = (s: Shape, k: number): ModelDef => (arch.kind === 'mlp' ? mlp(id, label, arch.hidden, s, k) : convNet(id, label, arch.blocks, arch.fc, s, k));
    return [id, { ...entry, build }];
  }),
);

export const modelIds = Object.keys(models);

/** The model registered under `id` (own entries only). */
export const findModel = (id: unknown): ModelEntry | undefined => ownEntry(models, id);

/** Builds a model for a dataset's input shape (the conv nets also run on 28×28×1). */
export function getModel(id: string, inputShape?: Shape, numClasses = 10): ModelDef {
  const entry = requireEntry(models, id, 'model');
  return entry.build(inputShape ?? entry.defaultInput, numClasses);
}
