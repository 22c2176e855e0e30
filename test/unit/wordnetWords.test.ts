import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStopWord, wordNetWordAt, wordNetWords } from '../../src/vscode/wordnetWords';

describe('wordnetWords', () => {
  it('function words, contractions and single letters are stop words; content words are not', () => {
    for (const w of ['the', 'The', 'is', 'WERE', 'of', 'and', 'it’s', "don't", "can't", 'a', 'x', 'would', 'themselves']) assert.ok(isStopWord(w), w);
    for (const w of ['kernel', 'cells', 'ran', 'quickly', 'green', "dog's", 'well-known']) assert.ok(!isStopWord(w), w);
  });

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
