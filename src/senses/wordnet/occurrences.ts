import { sentenceContext } from '../../shared/inventory';
import type { WordNetOccurrences } from '../types';
import { WORDNET_POS } from './format';
import { baseForm, surfaceForm } from './lemmatize';

/** Words as the WordNet hover sees them: letters and digits, inner apostrophes and hyphens. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The first `limit` words of `text` that are a form of one of `lemmas` (`run`: run, runs, ran,
 * running, Run's), each in its sentence: the occurrences `WordNetSenses.plot` draws, and how many
 * there are in all (the plot says when the limit cut some). A form is matched by WordNet's rules
 * (`baseForm`) in any part of speech; the plot's ranking then decides which of them really are the word.
 */
export function lemmaOccurrences(text: string, lemmas: ReadonlySet<string>, limit: number): WordNetOccurrences {
  const occurrences: WordNetOccurrences['occurrences'] = [];
  let found = 0;
  for (const m of text.matchAll(WORD)) {
    const form = surfaceForm(m[0]);
    const lemma = lemmas.has(form) ? form : WORDNET_POS.map((pos) => baseForm(form, pos)).find((base) => lemmas.has(base));
    if (!lemma) continue;
    found++;
    if (occurrences.length >= limit) continue;
    const target = { word: lemma, surface: m[0], start: m.index, end: m.index + m[0].length };
    const context = sentenceContext(text, target);
    occurrences.push({ target, context: context.text, contextStart: context.start, contextEnd: context.end });
  }
  return { occurrences, found };
}
