import type { Calibration } from '../engine/backend/calibrate';
import { withCalibration } from '../engine/backend/calibrationRecord';
import { isBackendName, type BackendChoice } from '../store/pure/backendOrder';

/**
 * What the page remembers about backends between visits: the user's manual
 * choice and the calibrations measured on this device (per model class). Kept
 * in localStorage, which is small, synchronous and per-origin; a browser
 * that refuses storage (private mode, quota) just measures again.
 */
export interface BackendPrefs {
  choice(): BackendChoice | null;
  saveChoice(choice: BackendChoice): void;
  calibrations(): Record<string, unknown>;
  saveCalibration(c: Calibration): void;
}

const CHOICE_KEY = 'sparse-lab:backend-choice';
const CALIBRATION_KEY = 'sparse-lab:calibrations';

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
  const calibrations = (): Record<string, unknown> => {
    try {
      const v: unknown = JSON.parse(read(CALIBRATION_KEY) ?? '{}');
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    choice() {
      const v = read(CHOICE_KEY);
      return v && isBackendName(v) ? v : null;
    },
    saveChoice: (choice) => write(CHOICE_KEY, choice === 'auto' ? null : choice),
    calibrations,
    saveCalibration: (c) => write(CALIBRATION_KEY, JSON.stringify(withCalibration(calibrations(), c))),
  };
}

/** For tests and hosts without storage: remembers within the page only. */
export function memoryBackendPrefs(): BackendPrefs {
  const items = new Map<string, string>();
  return storedBackendPrefs({ getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) });
}
