import { describe, expect, it } from 'vitest';
import { linesTable } from './chartTables';

describe('linesTable', () => {
  it('puts every point of every line in one row per x, blanks where a line has none', () => {
    const t = linesTable(
      [{ name: 'ticket', points: [{ x: 100, y: 97.9 }, { x: 51.2, y: 98.1 }] }, { name: 're-init', points: [{ x: 51.2, y: 97.2 }] }],
      '% weights', (x) => `${x} %`, (y) => y.toFixed(1), true,
    );
    expect(t).toEqual({ columns: ['% weights', 'ticket', 're-init'], rows: [['100 %', '97.9', ''], ['51.2 %', '98.1', '97.2']] });
  });
});
