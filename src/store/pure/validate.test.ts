import { describe, expect, it } from 'vitest';
import { presets } from '../../engine/presets';
import { setIn } from './setIn';
import { validateDraft } from './validate';

describe('validateDraft', () => {
  it('accepts every preset (comparisons included) once normalised', () => {
    for (const p of presets) {
      const v = validateDraft(p.config, { compare: p.compare });
      expect(v.errors, p.id).toEqual({});
      expect(v.ok).toBe(true);
    }
  });

  it('reports each bad field at its path, method parameters included', () => {
    const draft = { model: 'lenet300', training: { lr: -1, batchSize: 'sixty' }, method: { id: 'imp', params: { rates: { fc: 2 } } } };
    const v = validateDraft(draft);
    expect(v.ok).toBe(false);
    expect(Object.keys(v.errors).sort()).toEqual(['method.params.rates.fc', 'training.batchSize', 'training.lr']);
  });

  it('explains an unknown method, model or dataset instead of crashing', () => {
    const v = validateDraft({ model: 'resnet', data: { dataset: 'cifar10' }, method: { id: 'synflow' } }, { datasetFiles: { mnist: true, cifar10: false } });
    expect(v.errors['method.id']).toMatch(/unknown method 'synflow' — choose one of imp, .*this build may not have it/);
    expect(v.errors.model).toMatch(/unknown model 'resnet' — choose one of lenet300/);
    expect(v.errors['data.dataset']).toMatch(/not been imported/);
    expect(validateDraft({ data: { dataset: 'imagenet' } }).errors['data.dataset']).toMatch(/unknown dataset 'imagenet' — choose one of mnist, cifar10/);
  });

  it('checks the rewind step against the training length', () => {
    const v = validateDraft({ training: { iterations: 100 }, method: { id: 'imp', params: { reset: 'rewind', rewindStep: 100 } } });
    expect(v.errors['method.params.rewindStep']).toMatch(/below the 100/);
  });

  it('reports a comparison with an unknown method', () => {
    const v = validateDraft({}, { compare: { methods: ['snip', 'magic'], densities: [0.1], seeds: 1 } });
    expect(v.errors.compare).toMatch(/magic/);
  });
});

describe('setIn', () => {
  it('copies only the objects on the path and deletes on undefined', () => {
    const a = { training: { lr: 1, batchSize: 2 }, data: { x: 1 } };
    const b = setIn(a, ['training', 'lr'], 3);
    expect(b).toEqual({ training: { lr: 3, batchSize: 2 }, data: { x: 1 } });
    expect(b.data).toBe(a.data);
    expect(a.training.lr).toBe(1);
    expect(setIn(a, ['data', 'x'], undefined)).toEqual({ training: a.training, data: {} });
    expect(setIn({}, ['a', 'b', 'c'], 1)).toEqual({ a: { b: { c: 1 } } });
  });
});
