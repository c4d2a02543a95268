import { convNet } from './conv';
import { mlp } from './mlp';
import type { ModelDef } from './types';
import { ownEntry, requireEntry } from '../util/ownKeys';

type Shape = [number, number, number];

interface ModelEntry {
  label: string;
  /** The input the model was designed for (the paper's dataset). */
  defaultInput: Shape;
  build(inputShape: Shape, numClasses: number): ModelDef;
}

/** Every model the lab can build, by stable id (ids appear in URLs and saved runs). */
export const models: Record<string, ModelEntry> = {
  lenet300: {
    label: 'LeNet-300-100', defaultInput: [28, 28, 1],
    build: (s, k) => mlp('lenet300', 'LeNet-300-100', [300, 100], s, k),
  },
  'mlp-tiny': {
    label: 'Tiny MLP 32-16', defaultInput: [28, 28, 1],
    build: (s, k) => mlp('mlp-tiny', 'Tiny MLP 32-16', [32, 16], s, k),
  },
  conv2: { label: 'Conv-2', defaultInput: [32, 32, 3], build: (s, k) => convNet('conv2', 'Conv-2', [64], [256, 256], s, k) },
  conv4: { label: 'Conv-4', defaultInput: [32, 32, 3], build: (s, k) => convNet('conv4', 'Conv-4', [64, 128], [256, 256], s, k) },
  conv6: { label: 'Conv-6', defaultInput: [32, 32, 3], build: (s, k) => convNet('conv6', 'Conv-6', [64, 128, 256], [256, 256], s, k) },
  'conv-tiny': {
    label: 'Tiny Conv 4-4 / FC 16', defaultInput: [32, 32, 3],
    build: (s, k) => convNet('conv-tiny', 'Tiny Conv 4-4 / FC 16', [4], [16], s, k),
  },
};

export const modelIds = Object.keys(models);

/** The model registered under `id` (own entries only). */
export const findModel = (id: unknown): ModelEntry | undefined => ownEntry(models, id);

/** Builds a model for a dataset's input shape (the conv nets also run on 28×28×1). */
export function getModel(id: string, inputShape?: Shape, numClasses = 10): ModelDef {
  const entry = requireEntry(models, id, 'model');
  return entry.build(inputShape ?? entry.defaultInput, numClasses);
}
