import { methods } from '../engine/methods/registry';
import { models } from '../engine/models/registry';
import { presets } from '../engine/presets';

export function listCommand(): number {
  console.log('Presets (--preset):');
  for (const p of presets) console.log(`  ${p.id.padEnd(22)} ${p.title}`);
  console.log('\nMethods (--method):');
  for (const m of Object.values(methods)) console.log(`  ${m.id.padEnd(22)} ${m.label}\n  ${''.padEnd(22)} ${m.summary}`);
  console.log('\nModels (--model):');
  for (const [id, m] of Object.entries(models)) console.log(`  ${id.padEnd(22)} ${m.label}`);
  return 0;
}
