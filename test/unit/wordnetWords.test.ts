import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordNetWordAt, wordNetWords } from '../../src/vscode/wordnetWords';

describe('wordnetWords', () => {
  it('finds the word at an offset (inside or at its end), and none on a stop word, digits or space', () => {
    const text = 'The kernel of 42 cells is  green.';
    assert.deepEqual(wordNetWordAt(text, text.indexOf('kernel') + 2), { start: 4, end: 10, surface: 'kernel' });
    assert.deepEqual(wordNetWordAt(text, text.indexOf('cells') + 5), { start: 17, end: 22, surface: 'cells' });
    assert.equal(wordNetWordAt(text, 1), undefined, 'The');
    assert.equal(wordNetWordAt(text, text.indexOf('42')), undefined, 'digits');
    assert.equal(wordNetWordAt(text, text.indexOf('is') + 3), undefined, 'between two spaces');
  });

  it('lists the content words of a text in order', () => {
    assert.deepEqual(wordNetWords('It was a well-known fact that dogs bark.').map((w) => w.surface), ['well-known', 'fact', 'dogs', 'bark']);
  });
});
