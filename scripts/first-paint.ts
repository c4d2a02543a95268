/**
 * What the built page loads before its first paint: the scripts and module
 * preloads that dist/index.html names, plus everything they import statically.
 * The page never trains (the worker does), so none of it may be tfjs; the
 * total is held under a gzip budget by first-paint.test.ts.
 *
 * `npx tsx scripts/first-paint.ts` builds in memory and prints the table.
 */
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

/** 172 kB when recharts left the first paint (it loads with the instability chart only): room for growth, not for a chart library. */
export const FIRST_PAINT_BUDGET_GZIP = 200_000;

export interface FirstPaintChunk {
  file: string;
  gzip: number;
  /** Source modules of this chunk that come from @tensorflow packages. */
  tfjsModules: string[];
  /** Source modules from recharts: only the instability-analysis chart uses it, and loads it when shown. */
  rechartsModules: string[];
}

const TFJS = /[\\/]node_modules[\\/]@tensorflow[\\/]/;
const RECHARTS = /[\\/]node_modules[\\/]recharts[\\/]/;

/** Builds the app without writing dist/ and lists the chunks of the first paint. */
export async function measureFirstPaint(root = process.cwd()): Promise<FirstPaintChunk[]> {
  // Under Vitest NODE_ENV is 'test', which would bundle React's development build.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = await build({ root, mode: 'production', logLevel: 'silent', build: { write: false } }).finally(() => {
    process.env.NODE_ENV = env;
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files = new Map<string, Rollup.OutputChunk | Rollup.OutputAsset>();
  for (const out of outputs) for (const item of out.output) files.set(item.fileName, item);
  const html = files.get('index.html');
  if (!html || html.type !== 'asset') throw new Error('the build emitted no index.html');
  const named = [...String(html.source).matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const item = files.get(file);
    if (item?.type === 'chunk') item.imports.forEach(visit);
  };
  named.forEach(visit);
  return [...seen].map((file) => {
    const item = files.get(file);
    if (!item || item.type !== 'chunk') throw new Error(`index.html names ${file}, which the build did not emit`);
    return { file, gzip: gzipSync(item.code, { level: 9 }).length, tfjsModules: item.moduleIds.filter((id) => TFJS.test(id)), rechartsModules: item.moduleIds.filter((id) => RECHARTS.test(id)) };
  });
}

async function main() {
  const chunks = await measureFirstPaint();
  const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`;
  for (const c of chunks.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`${c.file.padEnd(40)} ${kB(c.gzip).padStart(10)} gzip${c.tfjsModules.length ? `  (${c.tfjsModules.length} tfjs modules)` : ''}`);
  }
  const total = chunks.reduce((s, c) => s + c.gzip, 0);
  console.log(`${'total'.padEnd(40)} ${kB(total).padStart(10)} gzip (budget ${kB(FIRST_PAINT_BUDGET_GZIP)})`);
}

if (process.argv[1]?.endsWith('first-paint.ts')) void main();
