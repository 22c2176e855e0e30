import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wholeWordMask } from '../../src/bert/wholeWords';

describe('wholeWordMask', () => {
  it('keeps words and drops specials, placeholders, ## pieces, punctuation and numbers', () => {
    const tokens = ['[PAD]', '[unused0]', '[CLS]', '[MASK]', 'shore', '##s', ',', '1990', 'é', "don't", '[UNK]', 'x2', '<s>'];
    const vocab = new Map(tokens.map((t, i) => [t, i]));
    const mask = wholeWordMask(vocab, [0, 2, 3, 10, 12], tokens.length + 1);
    assert.deepEqual(tokens.filter((_, i) => mask[i] === 1), ['shore', 'é', "don't", 'x2']);
    assert.equal(mask[tokens.length], 0, 'an id with no token is no word');
  });
});
