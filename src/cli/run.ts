import { writeFileSync } from 'node:fs';
import { ZodError } from 'zod';
import { loadDataset } from '../engine/data/registry';
import { RunControl } from '../engine/experiment/control';
import type { RunEvent } from '../engine/experiment/events';
import { normaliseConfig } from '../engine/experiment/normalise';
import { runExperiment } from '../engine/experiment/runner';
import { useNodeBackend } from '../node/backend';
import { diskReader } from '../node/files';
import { configFromFlags, parseArgs, RUN_FLAGS } from './args';
import { ProgressBar } from './progress';
import { roundsTable } from './table';

export async function runCommand(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, RUN_FLAGS);
  if (flags.help) {
    console.log('npm run lab -- run [flags]\n');
    for (const [k, v] of Object.entries(RUN_FLAGS)) console.log(`  --${k.padEnd(14)} ${v}`);
    return 0;
  }
  let config;
  try {
    config = normaliseConfig(configFromFlags(flags));
  } catch (e) {
    if (e instanceof ZodError) {
      console.error(`Invalid configuration:\n${e.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
      return 2;
    }
    throw e;
  }
  const quiet = Boolean(flags.quiet);
  const backend = await useNodeBackend(flags.backend?.[0] as 'wasm' | 'cpu' | undefined);
  const bar = new ProgressBar(process.stderr, !quiet);
  const log = (s: string) => {
    bar.clear();
    console.log(s);
  };
  log(`Sparse Lab · backend ${backend.name} · ${config.model} on ${config.data.dataset} · method ${config.method.id} · seed ${config.seed}`);

  const t0 = Date.now();
  const ds = await loadDataset(config.data.dataset, diskReader(flags.data?.[0]), config.data, (p) =>
    bar.update(p.loaded, p.total || 1, `loading ${p.file}`),
  );
  log(`Data: ${ds.train.n} train / ${ds.val.n} validation / ${ds.test.n} test (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Ctrl-C once: finish the current round and report; twice: stop now.
  const control = new RunControl();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts === 1) {
      log('\nInterrupted: finishing the current round (Ctrl-C again to stop now)…');
      control.stopAfterRound();
    } else control.stop();
  });

  bar.restart();
  let lastSps = 0;
  const onEvent = (e: RunEvent) => {
    switch (e.type) {
      case 'progress':
        lastSps = e.samplesPerSec;
        bar.update(e.runDone, e.runTotal, `${e.series} r${e.round} it ${e.step}/${e.roundSteps} loss ${e.loss.toFixed(3)} · ${Math.round(e.samplesPerSec)} samples/s`);
        break;
      case 'round-end':
        log(`  ${e.result.series.padEnd(11)} round ${e.result.round}: ${(e.result.density * 100).toFixed(1)} % weights left, early stop it ${e.result.earlyStopStep}, test ${(e.result.earlyStopTestAcc * 100).toFixed(2)} % (final ${(e.result.finalTestAcc * 100).toFixed(2)} %), ${Math.round(e.result.samplesPerSec)} samples/s`);
        break;
      case 'warning':
        log(`warning: ${e.message}`);
        // The CLI has no one to press "resume": a diverged run stops.
        if (e.code === 'diverged') control.stop();
        break;
      default:
        break;
    }
  };
  const result = await runExperiment(config, ds, { emit: onEvent, control });
  bar.clear();
  console.log(`\n${roundsTable(result.rounds)}\n`);
  const trainSps = result.rounds.reduce((a, r) => a + r.steps * config.training.batchSize, 0) / Math.max(1e-9, result.rounds.reduce((a, r) => a + r.seconds, 0));
  console.log(`Run ${result.runId}: ${result.rounds.length} trainings in ${result.seconds.toFixed(1)} s on ${result.backend}; ${Math.round(trainSps)} samples/s including evaluation (last ${Math.round(lastSps)}).`);
  if (result.stoppedReason) console.log(`Stopped early: ${result.stoppedReason}`);
  if (flags.out) {
    writeFileSync(flags.out[0], JSON.stringify(result, null, 1));
    console.log(`Wrote ${flags.out[0]}`);
  }
  return result.stoppedReason && result.stoppedReason !== 'stopped after round' ? 1 : 0;
}
