import type { StateCreator } from 'zustand/vanilla';
import { initialCifarState, type CifarState } from '../datasetImport';
import type { LabState } from '../labStore';

/** Imported datasets: CIFAR-10's availability and its import (datasetImport.ts); changed only through datasetController. */
export interface DatasetSlice {
  cifar: CifarState;
}

export const createDatasetSlice: StateCreator<LabState, [], [], DatasetSlice> = () => ({ cifar: initialCifarState });
