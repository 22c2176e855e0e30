import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateOccurrences } from '../../src/vscode/textPositions';

const at = (word: string, text: string, from = 0) => {
  const start = text.indexOf(word, from);
  return { target: { word, surface: word, start, end: start + word.length }, context: text, contextStart: 0, contextEnd: text.length };
};

describe('locateOccurrences', () => {
  it('gives the zero-based line and UTF-16 character of each target start', () => {
    const text = 'bank\n\n😀 a bank\r\nthe bank';
    const located = locateOccurrences(text, [at('bank', text), at('bank', text, 1), at('bank', text, 14)], 'file:///a.md');
    assert.deepEqual(located.map((o) => o.location), [
      { uri: 'file:///a.md', line: 0, character: 0 },
      { uri: 'file:///a.md', line: 2, character: 5 },
      { uri: 'file:///a.md', line: 3, character: 4 },
    ]);
  });
});
