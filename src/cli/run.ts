import { writeFileSync } from 'node:fs';
import { ConfigError, LabError, jobSize, memoryRefusal, getModelSpec, decodeRunFile, encodeRunFile, encodeHash, summariseResults, loadDataset, YieldingControl, assertNoIgnoredSettings, normaliseConfig, runExperiment, parseSparseMode, setSparseMode, type BackendKind, type RunCheckpoint, type Weights, type Masks, type RunEvent } from '../engine';
import { readBoundedFile } from '../node/boundedRead';
import { backendLine, useNodeBackend, type NodeBackendName } from '../node/backend';
import { nodeDataReader } from '../node/cifar';
import { configFromFlags, parseArgs, RUN_FLAGS } from './args';
import { ProgressBar } from './progress';
import { lmcTable, roundsTable } from './table';

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
    if (e instanceof ConfigError) throw new ConfigError(`invalid configuration: ${e.message}`);
    throw e;
  }
  // A setting the method, scope or optimizer would ignore is refused (the run would not be the one asked for).
  try {
    assertNoIgnoredSettings(config, new Set(getModelSpec(config.model).params.map((q) => q.role)));
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  // Before any data is read: a run that cannot fit the backend's memory is refused with the number.
  const size = jobSize(config);
  const refusal = size && memoryRefusal(size, (flags.backend?.at(-1) ?? 'wasm') as BackendKind, getModelSpec(config.model).label, config.training.batchSize);
  if (refusal) throw new LabError(refusal);
  // The same resume checks as the page (schema, then the runner's fit to the model).
  const resume = flags.resume ? decodeRunFile(readBoundedFile(flags.resume[0], '--resume'), flags.resume[0]).checkpoint : undefined;
  if (flags.resume && !resume) throw new LabError(`${flags.resume[0]} holds no checkpoint to resume from (the run had finished)`);
  const quiet = Boolean(flags.quiet);
  const backend = await useNodeBackend(flags.backend?.at(-1) as NodeBackendName | undefined);
  if (flags.sparse) setSparseMode(parseSparseMode(flags.sparse.at(-1)!));
  const bar = new ProgressBar(process.stderr, !quiet);
  const log = (s: string) => {
    bar.clear();
    console.log(s);
  };
  log(`Sparse Lab · backend ${backendLine(backend)} · ${config.model} on ${config.data.dataset} · method ${config.method.id} · seed ${config.seed}`);

  const t0 = Date.now();
  // --data may also name the CIFAR-10 archive, which is streamed and checked first.
  const reader = await nodeDataReader(config.data.dataset, flags.data?.[0], (loaded, total) => bar.update(loaded, total || 1, 'reading archive'));
  const ds = await loadDataset(config.data.dataset, reader, config.data, (p) =>
    bar.update(p.loaded, p.total || 1, `loading ${p.file}`),
  );
  log(`Data: ${ds.train.n} train / ${ds.val.n} validation / ${ds.test.n} test (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Ctrl-C once: finish the current round and report; twice: stop now.
  const control = new YieldingControl();
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
        bar.update(e.runDone, e.runTotal, e.evaluating
          ? `${e.series} r${e.round} it ${e.step}: evaluating ${e.evaluating.done}/${e.evaluating.total} · ${Math.round(e.evalImagesPerSec ?? 0)} images/s`
          : `${e.series} r${e.round} it ${e.step}/${e.roundSteps} loss ${e.loss.toFixed(3)} · ${Math.round(e.samplesPerSec)} samples/s`, e.runSecondsLeft);
        break;
      case 'round-end':
        log(`  ${e.result.series.padEnd(11)} round ${e.result.round}: ${(e.result.density * 100).toFixed(1)} % weights left, ${ds.val.n > 0 ? `early stop it ${e.result.earlyStopStep}, test ${(e.result.earlyStopTestAcc * 100).toFixed(2)} % (final ${(e.result.finalTestAcc * 100).toFixed(2)} %)` : `final test ${(e.result.finalTestAcc * 100).toFixed(2)} %`}, ${Math.round(e.result.samplesPerSec)} samples/s`);
        break;
      case 'lmc':
        log(`  k = ${e.point.k}: error barrier ${(e.point.barrier * 100).toFixed(2)} pp (ends ${(e.point.testError[0] * 100).toFixed(2)} % and ${(e.point.testError[e.point.testError.length - 1] * 100).toFixed(2)} %)`);
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
  // --save-run keeps the ticket (the last trunk round's mask and starting weights) and the latest checkpoint.
  let ticket: { masks: Masks; weights: Weights } | undefined;
  let checkpoint: RunCheckpoint | undefined;
  if (resume) log(`Resuming at round ${resume.nextRound} (${resume.results.length} trainings already done)`);
  const result = await runExperiment(config, ds, {
    emit: (e) => {
      if (e.type === 'checkpoint') checkpoint = e.checkpoint;
      onEvent(e);
    },
    control,
    resume,
    inspect: async ({ series, phase, net }) => {
      if (flags['save-run'] && series === 'trunk' && phase === 'start') ticket = { masks: net.masks, weights: await net.readWeights() };
    },
  });
  bar.clear();
  if (ds.val.n === 0) console.log('\nNo validation set (valSize 0): no early stop; accuracies are at the end of training.');
  console.log(`\n${roundsTable(result.rounds, ds.val.n > 0)}\n`);
  if (result.lmc) {
    console.log(`Instability analysis (Frankle et al., ICML 2020): test error along the line between two copies trained from θk with different data orders, ${config.lmc!.points} points; barrier = largest error minus the mean of the two ends.\n`);
    console.log(`${lmcTable(result.lmc)}\n`);
  }
  const trainSps = result.rounds.reduce((a, r) => a + r.steps * config.training.batchSize, 0) / Math.max(1e-9, result.rounds.reduce((a, r) => a + r.seconds, 0));
  console.log(`Run ${result.runId}: ${result.rounds.length} trainings in ${result.seconds.toFixed(1)} s on ${result.backend}; ${Math.round(trainSps)} samples/s including evaluation (last ${Math.round(lastSps)}).`);
  if (result.stoppedReason) console.log(`Stopped early: ${result.stoppedReason}`);
  if (flags['save-run']) {
    const unfinished = result.stoppedReason !== undefined;
    writeFileSync(flags['save-run'][0], encodeRunFile({ result, masks: ticket?.masks, ticketWeights: ticket?.weights, checkpoint: unfinished ? checkpoint : undefined }));
    console.log(`Wrote ${flags['save-run'][0]}${unfinished && checkpoint ? ` (resumable from round ${checkpoint.nextRound} with --resume)` : ''}`);
  }
  if (flags.link) console.log(`Share link: ${flags.link[0].replace(/#.*$/, '')}${encodeHash(result.config, summariseResults(result))}`);
  if (flags.out) {
    writeFileSync(flags.out[0], JSON.stringify(result, null, 1));
    console.log(`Wrote ${flags.out[0]}`);
  }
  return result.stoppedReason && result.stoppedReason !== 'stopped after round' ? 1 : 0;
}
