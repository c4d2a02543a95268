import { z } from 'zod';
import type { SparsityMethod } from './types';

/** The dense baseline: one round, no pruning. Every sparse result is read against it. */
export const dense: SparsityMethod<Record<string, never>> = {
  id: 'dense',
  label: 'Dense baseline',
  summary:
    'Trains the full network with no pruning, the reference every sparse method is compared against. LTH reports about 98 % test accuracy for LeNet-300-100 on MNIST.',
  paper: 'https://arxiv.org/abs/1803.03635',
  teaching: {
    what: 'The full network trained once with no pruning: a single point at 100 % of the weights.',
    expect: 'About 98 % test accuracy for LeNet-300-100 on MNIST (LTH Fig. 3). Every sparse result is read against this line.',
  },
  comparison: { kind: 'dense', label: 'Dense' },
  schema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  rounds: () => 1,
};
