import type { MaskTracePoint } from '../../engine/spec';
import type { LiveMaskTrace, RunRecord } from '../../store/state/resultsSlice';
import { METHOD_COLORS } from './palette';
import type { XY } from './chartData';

export interface DensityTrace {
  /** One line per layer: density (%) against iteration. */
  layers: { id: string; name: string; color: string; points: XY[] }[];
  /** Share (%) of the surviving weights regrown at each update (first point: the start, 0). */
  regrown: XY[];
  /** Whether any update regrew a connection (GraNet, RigL) or only pruned (GMP). */
  regrows: boolean;
}

/**
 * The selected run's mask over training: the live trace of the round training
 * now if there is one, else the newest finished trunk round that recorded a
 * trace (saved with the run, so reopened runs draw it too).
 */
export function densityTrace(run: RunRecord | null, live: LiveMaskTrace | null): DensityTrace | null {
  if (!run) return null;
  let names: string[];
  let points: MaskTracePoint[] = [];
  if (live && live.series === 'trunk' && !run.rounds.some((r) => r.series === 'trunk' && r.round === live.round)) {
    names = live.layerNames;
    points = live.points;
  } else {
    const done = [...run.rounds].reverse().find((r) => r.series === 'trunk' && r.maskTrace && r.maskTrace.length > 0);
    if (!done) return null;
    names = done.layers.map((l) => l.name);
    points = done.maskTrace!;
  }
  if (points.length === 0) return null;
  return {
    layers: names.map((name, i) => ({
      id: `layer${i}`, name: name.replace('/kernel', ''), color: METHOD_COLORS[i % METHOD_COLORS.length],
      points: points.map((p) => ({ x: p.step, y: 100 * (p.layers[i] ?? 0) })),
    })),
    regrown: points.map((p) => ({ x: p.step, y: 100 * p.regrown })),
    regrows: points.some((p) => p.regrown > 0),
  };
}
