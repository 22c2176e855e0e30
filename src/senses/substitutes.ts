/**
 * "BERT would also say…": the words the masked-language-model head predicts at a target, less the
 * target word's own forms.
 */
import type { TokenPrediction } from '../bert/bertEncoder';
import type { Substitute } from './types';
import { baseForm } from './wordnet/lemmatize';

/** Substitutes shown per target. */
const SUBSTITUTES = 5;
/**
 * Tokens asked of the head per target: the top 5 plus room for the word's own forms, which are
 * among the most likely at an unmasked target (`bank`, `banks`, `banking`, `banked`).
 */
export const SUBSTITUTE_CANDIDATES = 16;

/**
 * The `count` most likely predicted words that are not a form of `word`: not the word itself, its
 * plural or an inflection of it, by WordNet's morphology (`banks`, `banking` and `banked` are
 * *bank*; `sprang` is *spring*). The head's tokens are whole words already (no specials, `##`
 * pieces or punctuation: `wholeWordMask`); case variants of one word count once.
 */
export function substitutesFor(word: string, tokens: readonly TokenPrediction[], count = SUBSTITUTES): Substitute[] {
  const own = lemmas(word.toLowerCase());
  const seen = new Set<string>();
  const out: Substitute[] = [];
  for (const { token, probability } of tokens) {
    const lower = token.toLowerCase();
    if (seen.has(lower) || [...lemmas(lower)].some((l) => own.has(l))) continue;
    seen.add(lower);
    out.push({ word: token, probability });
    if (out.length === count) break;
  }
  return out;
}

/** The form and its base forms as a noun, verb and adjective. */
function lemmas(form: string): Set<string> {
  return new Set([form, baseForm(form, 'n'), baseForm(form, 'v'), baseForm(form, 'a')]);
}
