import type { StateCreator } from 'zustand/vanilla';
import { initialCifarState, type CifarState } from './cifarImportState';

/** Imported datasets: CIFAR-10's availability and its import (cifarImportState.ts); changed only through services/datasetController.ts. */
export interface DatasetSlice {
  cifar: CifarState;
}

export const createDatasetSlice: StateCreator<DatasetSlice> = () => ({ cifar: initialCifarState });
