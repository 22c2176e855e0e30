import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { substitutesFor } from '../../src/senses/substitutes';

const tokens = (words: readonly string[]) => words.map((token, i) => ({ token, probability: 1 / (i + 2) }));

describe('substitutesFor', () => {
  it('drops the word, its plural and inflections, and keeps the order and probabilities of the rest', () => {
    const got = substitutesFor('bank', tokens(['bank', 'banks', 'shore', 'banking', 'river', 'banked', 'side', 'edge', 'land', 'coast']));
    assert.deepEqual(got.map((s) => s.word), ['shore', 'river', 'side', 'edge', 'land']);
    assert.equal(got[0].probability, 1 / 4);
  });

  it('knows irregular forms (WordNet exceptions) and other cases', () => {
    const got = substitutesFor('spring', tokens(['Spring', 'sprang', 'sprung', 'springs', 'summer', 'autumn']));
    assert.deepEqual(got.map((s) => s.word), ['summer', 'autumn']);
  });

  it('keeps words that only look related, and counts case variants once', () => {
    const got = substitutesFor('bank', tokens(['banker', 'Shore', 'shore', 'embankment']));
    assert.deepEqual(got.map((s) => s.word), ['banker', 'Shore', 'embankment']);
  });

  it('gives at most the count asked for, and nothing from nothing', () => {
    assert.equal(substitutesFor('bass', tokens(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).length, 5);
    assert.equal(substitutesFor('bass', tokens(['a', 'b', 'c']), 2).length, 2);
    assert.deepEqual(substitutesFor('bass', []), []);
  });
});
