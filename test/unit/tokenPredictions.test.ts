import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topTokens, wholeWordMask } from '../../src/bert/tokenPredictions';

describe('wholeWordMask', () => {
  it('keeps words and drops specials, placeholders, ## pieces, punctuation and numbers', () => {
    const tokens = ['[PAD]', '[unused0]', '[CLS]', '[MASK]', 'shore', '##s', ',', '1990', 'é', "don't", '[UNK]', 'x2', '<s>'];
    const vocab = new Map(tokens.map((t, i) => [t, i]));
    const mask = wholeWordMask(vocab, [0, 2, 3, 10, 12], tokens.length + 1);
    assert.deepEqual(tokens.filter((_, i) => mask[i] === 1), ['shore', 'é', "don't", 'x2']);
    assert.equal(mask[tokens.length], 0, 'an id with no token is no word');
  });
});

describe('topTokens', () => {
  it('ranks the allowed tokens by logit, with probabilities of the softmax over all tokens', () => {
    const logits = Float32Array.from([5, 1, 3, 4, 2, 0]);
    const allowed = Uint8Array.from([0, 1, 1, 1, 1, 1]);
    const { ids, probabilities } = topTokens(logits, allowed, 3);
    assert.deepEqual(ids, [3, 2, 4]);
    const z = [...logits].reduce((s, l) => s + Math.exp(l), 0);
    probabilities.forEach((p, i) => assert.ok(Math.abs(p - Math.exp(logits[ids[i]]) / z) < 1e-12));
  });

  it('returns fewer when fewer are allowed, and keeps the order of equal logits stable', () => {
    assert.deepEqual(topTokens(Float32Array.from([1, 1, 1]), Uint8Array.from([1, 0, 1]), 5).ids, [0, 2]);
  });

  it('finds the top of a large random row', () => {
    const logits = Float32Array.from({ length: 30522 }, (_, i) => Math.sin(i * 12.9898) * 10);
    const allowed = Uint8Array.from({ length: logits.length }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const want = [...logits.keys()].filter((i) => allowed[i]).sort((a, b) => logits[b] - logits[a]).slice(0, 16);
    assert.deepEqual(topTokens(logits, allowed, 16).ids, want);
  });
});
