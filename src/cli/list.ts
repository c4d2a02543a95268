import { methods, models, estimatePreset, presets } from '../engine';

/** "40 s", "9.8 min", "2.5 h", "15 days". */
function roughly(s: number): string {
  if (s < 1) return "< 1 s";
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${(s / 60).toFixed(s < 600 ? 1 : 0)} min`;
  if (s < 72 * 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${Math.round(s / 86_400)} days`;
}

export function listCommand(): number {
  console.log('Presets (--preset), with the expected time on a 2-core CPU (WASM), evaluation included:');
  for (const p of presets) {
    const e = estimatePreset(p);
    console.log(`  ${p.id.padEnd(26)} ${(e ? roughly(e.seconds) : '?').padStart(9)}  ${p.title}`);
  }
  console.log('\nMethods (--method):');
  for (const m of Object.values(methods)) console.log(`  ${m.id.padEnd(22)} ${m.label}\n  ${''.padEnd(22)} ${m.summary}`);
  console.log('\nModels (--model):');
  for (const [id, m] of Object.entries(models)) console.log(`  ${id.padEnd(22)} ${m.label}`);
  return 0;
}
