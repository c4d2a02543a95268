import { describe, expect, it } from 'vitest';
import { CALIBRATION_MAX_BATCH, calibrateSpecFor } from './calibration';

describe('calibrateSpecFor', () => {
  it("times the draft's model at its own batch when the batch is small", () => {
    expect(calibrateSpecFor({ model: 'lenet300', training: { batchSize: 60 } })).toMatchObject({ model: 'lenet300', batch: 60 });
  });

  it('caps the timed batch, so a huge batch from a link cannot hold the worker before the page refuses it', () => {
    expect(calibrateSpecFor({ model: 'conv6', training: { batchSize: 4096 } })?.batch).toBe(CALIBRATION_MAX_BATCH);
    expect(calibrateSpecFor({ model: 'conv6', training: { batchSize: 1e9 } })?.batch).toBe(CALIBRATION_MAX_BATCH);
  });

  it('has no spec for an unknown model or an inherited id', () => {
    expect(calibrateSpecFor({ model: 'constructor' })).toBeUndefined();
    expect(calibrateSpecFor({ data: { dataset: '__proto__' } } as never)).toBeUndefined();
  });
});
