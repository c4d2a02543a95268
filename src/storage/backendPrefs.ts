import { withCalibration, type Calibration } from '../engine/spec';
import { isBackendName, type BackendChoice } from '../store/pure/backendOrder';

/**
 * What the page remembers about backends between visits: the user's manual
 * choice, the calibrations measured on this device (per model class) and the
 * training speed of the last finished run per backend and model. Kept
 * in localStorage, which is small, synchronous and per-origin; a browser
 * that refuses storage (private mode, quota) just measures again.
 */
export interface BackendPrefs {
  choice(): BackendChoice | null;
  saveChoice(choice: BackendChoice): void;
  calibrations(): Record<string, unknown>;
  saveCalibration(c: Calibration): void;
  /** Training samples/s of the last finished run, per key (the store's runSpeedKey: backend and model). */
  runSpeeds(): Record<string, number>;
  saveRunSpeed(key: string, samplesPerSec: number): void;
}

const CHOICE_KEY = 'sparse-lab:backend-choice';
const CALIBRATION_KEY = 'sparse-lab:calibrations';
/** v2: dense samples/s (a run's speed normalised by the densities it trained at); v1 held a last round's raw, mostly sparse, rate. */
const RUN_SPEED_KEY = 'sparse-lab:run-speeds-v2';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // Some browsers throw on access when storage is disabled.
  }
}

export function storedBackendPrefs(storage: StorageLike | null = defaultStorage()): BackendPrefs {
  const read = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: string | null) => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, value);
    } catch {
      // Quota or disabled storage: the page works, it only forgets.
    }
  };
  const record = (key: string): Record<string, unknown> => {
    try {
      const v: unknown = JSON.parse(read(key) ?? '{}');
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const calibrations = () => record(CALIBRATION_KEY);
  // Only finite positive rates survive a hand-edited or corrupt entry.
  const runSpeeds = () => Object.fromEntries(Object.entries(record(RUN_SPEED_KEY)).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] > 0));
  return {
    choice() {
      const v = read(CHOICE_KEY);
      return v && isBackendName(v) ? v : null;
    },
    saveChoice: (choice) => write(CHOICE_KEY, choice === 'auto' ? null : choice),
    calibrations,
    saveCalibration: (c) => write(CALIBRATION_KEY, JSON.stringify(withCalibration(calibrations(), c))),
    runSpeeds,
    saveRunSpeed: (key, sps) => {
      if (Number.isFinite(sps) && sps > 0) write(RUN_SPEED_KEY, JSON.stringify({ ...runSpeeds(), [key]: Math.round(sps) }));
    },
  };
}

/** For tests and hosts without storage: remembers within the page only. */
export function memoryBackendPrefs(): BackendPrefs {
  const items = new Map<string, string>();
  return storedBackendPrefs({ getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) });
}
