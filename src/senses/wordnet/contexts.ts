import type { Example } from '../dataset';
import type { WordNetCandidate } from './candidates';
import type { WordNetPos } from './format';
import { baseForm, surfaceForm } from './lemmatize';

/** Words of an example sentence, with inner apostrophes and hyphens (`river's`, `well-known`). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The gloss context of LMMS (Loureiro & Jorge 2019): the lemma and its gloss encoded together,
 * `bank: sloping land beside a body of water`, with the lemma as the target.
 */
export function glossContext(candidate: WordNetCandidate): Example {
  const lemma = candidate.lemma.replace(/_/g, ' ');
  return { sentence: `${lemma}: ${candidate.synset.gloss}`, start: 0, end: lemma.length, sense: String(candidate.synset.offset) };
}

/**
 * The synset's example sentences that contain the lemma (as itself or an inflected form, e.g.
 * `banks`), with its first occurrence as the target. Examples that use another lemma of the
 * synset say nothing about this word's vector and are left out, as are multi-word lemmas.
 */
export function exampleContexts(candidate: WordNetCandidate, pos: WordNetPos): Example[] {
  if (candidate.lemma.includes('_')) return [];
  return candidate.synset.examples.flatMap((sentence) => {
    for (const m of sentence.matchAll(WORD)) {
      const form = surfaceForm(m[0]);
      if (form === candidate.lemma || baseForm(form, pos) === candidate.lemma) {
        return [{ sentence, start: m.index, end: m.index + m[0].length, sense: String(candidate.synset.offset) }];
      }
    }
    return [];
  });
}
