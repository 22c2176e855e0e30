import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readingScript } from '../../bench/perf/readingScript';

describe('the reading scenario script', () => {
  const words = ['seal', 'bass', 'bank', 'crane', 'mole', 'spring', 'square', 'club'];
  const steps = readingScript(words, 'kernel', 'river');

  it('hovers every word once as new, once again at the same place and once elsewhere, in that order', () => {
    for (const word of words) {
      const at = (kind: string) => steps.findIndex((s) => s.word === word && s.kind === kind);
      assert.equal(steps.filter((s) => s.word === word).length, 3, word);
      assert.ok(at('new-word') >= 0 && at('new-word') < at('new-occurrence') && at('new-word') + 2 <= at('repeat'), word);
      assert.equal(steps[at('repeat')].occurrence, steps[at('new-word')].occurrence);
      assert.notEqual(steps[at('new-occurrence')].occurrence, steps[at('new-word')].occurrence);
    }
  });

  it('has the taught and the WordNet word once each, amid the new words', () => {
    assert.deepEqual(steps.filter((s) => s.kind === 'taught').map((s) => s.word), ['kernel']);
    assert.deepEqual(steps.filter((s) => s.kind === 'wordnet').map((s) => s.word), ['river']);
    const newWords = (until: number) => steps.slice(0, until).filter((s) => s.kind === 'new-word').length;
    assert.equal(newWords(steps.findIndex((s) => s.kind === 'taught')), 4);
    assert.equal(newWords(steps.findIndex((s) => s.kind === 'wordnet')), 6);
  });

  it('interleaves: no word is hovered twice in a row', () => {
    for (let i = 1; i < steps.length; i++) assert.notEqual(steps[i].word, steps[i - 1].word, `step ${i}`);
  });
});
