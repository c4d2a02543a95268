/**
 * The Sparse Lab command line: the same engine as the page, on Node's WASM
 * backend, over the same data files.
 *
 *   npm run lab -- --preset lth-mnist-quick --out r.json
 *   npm run lab -- compare --preset compare-mnist-quick
 *   npm run lab -- sweep --preset compare-mnist-quick --jobs 2
 *   npm run lab -- merge sweeps/a sweeps/b
 *   npm run lab -- list
 */
import { LabError } from '../engine';
import { runCommand } from './run';
import { listCommand } from './list';

const HELP = `Sparse Lab CLI

  npm run lab -- [run] [flags]        run one experiment (default command)
  npm run lab -- compare [flags]      compare methods across densities and seeds
  npm run lab -- sweep [flags]        a grid of runs on every core; resumable, shardable (docs/sweeps.md)
  npm run lab -- merge DIR…           merge sweep folders into a table, a CSV and a chart
  npm run lab -- list                 list presets, methods and models
  npm run lab -- reproduce lth-mnist  LTH §2 on MNIST over 3 seeds, with verdicts (~30 min)

Run 'npm run lab -- run --help' for every flag.`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(HELP);
    return 0;
  }
  switch (first) {
    case 'list':
      return listCommand();
    case 'compare': {
      const { compareCommand } = await import('./compare');
      return compareCommand(rest);
    }
    case 'sweep': {
      const { sweepCommand } = await import('./sweep');
      return sweepCommand(rest);
    }
    case 'merge': {
      const { mergeCommand } = await import('./merge');
      return mergeCommand(rest);
    }
    case 'reproduce': {
      const { reproduceCommand } = await import('./reproduce');
      return reproduceCommand(rest);
    }
    case 'run':
      return runCommand(rest);
    default: {
      // A comparison preset (one with a `compare` grid) runs as `lab compare`.
      const { compareCommand, isComparePreset } = await import('./compare');
      return isComparePreset(argv) ? compareCommand(argv) : runCommand(argv);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    // One line, whatever went wrong: the lab's own errors say what to fix (exit 2); anything else is a bug (exit 1).
    const text = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
    process.stderr.write(`\r\x1b[K`.repeat(process.stderr.isTTY ? 1 : 0));
    console.error(`error: ${text}`);
    process.exit(err instanceof LabError ? 2 : 1);
  },
);
