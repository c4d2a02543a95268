import { LabError } from '../errors';
/**
 * A labelled split kept as raw bytes (0–255 pixels, HWC order): 8× smaller
 * than float32, and normalised batch by batch.
 */
export interface Split {
  x: Uint8Array;
  y: Uint8Array;
  n: number;
}

export interface Dataset {
  id: string;
  name: string;
  /** [height, width, channels]. */
  inputShape: [number, number, number];
  numClasses: number;
  classNames: string[];
  /** Per-channel mean and std of pixel/255, used to normalise inputs. */
  mean: number[];
  std: number[];
  train: Split;
  val: Split;
  test: Split;
}

/** Raw training and test arrays as distributed, before the validation split. */
export interface RawDataset {
  trainX: Uint8Array;
  trainY: Uint8Array;
  testX: Uint8Array;
  testY: Uint8Array;
}

export interface SplitOptions {
  /** Examples held out of train for validation (LTH: 5,000), chosen by `splitSeed`. */
  valSize: number;
  splitSeed: number;
  /** Use only the first N of the remaining (shuffled) training examples. */
  trainSubset?: number;
  /** Use only the first N test examples. */
  testSubset?: number;
}

/** Error raised for a missing or corrupt data file; the message names the file and the fix. */
export class DataError extends LabError {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'DataError';
  }
}

export type FileReader = (file: string, onProgress?: (loaded: number, total: number) => void) => Promise<Uint8Array>;

export interface DatasetEntry {
  meta: Omit<Dataset, 'train' | 'val' | 'test'>;
  /** Folder under public/data (and the CLI's data root). */
  folder: string;
  files: Record<string, string>;
  /** The command that (re)creates the files, quoted in every data error. */
  prepareCommand: string;
  parse(files: Record<string, Uint8Array>): RawDataset;
  /** Default validation size (LTH: 5,000 for MNIST and CIFAR-10). */
  valSize: number;
}
