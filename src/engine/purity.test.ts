import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine runs unchanged in Node, in a Web Worker and in the page, so it
 * must not import UI libraries or touch the DOM. This test is the lint rule.
 */
const FORBIDDEN_IMPORTS = /from\s+['"](react|react-dom|zustand|recharts)(\/[^'"]*)?['"]|from\s+['"]\.\.?\/(\.\.\/)*(ui|store|worker)\//;
const FORBIDDEN_GLOBALS = /\b(document|window|localStorage|HTMLElement|requestAnimationFrame)\s*[.(]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('src/engine has no UI dependencies', () => {
  const sources = files(join(__dirname));
  it('finds engine sources', () => expect(sources.length).toBeGreaterThan(20));
  it.each(sources.map((s) => [s.slice(s.indexOf('src/engine')), s]))('%s imports no React/zustand/recharts/DOM', (_, path) => {
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(FORBIDDEN_IMPORTS);
    expect(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')).not.toMatch(FORBIDDEN_GLOBALS);
  });
});
