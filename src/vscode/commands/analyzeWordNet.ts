/**
 * The WordNet part of "Analyze Selection" (setting `wordnetInAnalysis`): the content words outside
 * the dataset inventory, found without the engine; the engine ranks them and keeps the confident
 * ones (`rankWordNetConfident`).
 */
import { wordNetWords, type WordSpan } from '../wordnetWords';

/** Most words one run ranks: each costs a forward pass, and a new lemma one batch of its glosses. */
export const MAX_WORDNET_WORDS = 300;

/** The content words of `text` outside the dataset words' spans (`taken`), in order. */
export function wordNetTargets(text: string, taken: readonly { readonly start: number; readonly end: number }[]): WordSpan[] {
  return wordNetWords(text).filter((w) => !taken.some((t) => t.start < w.end && w.start < t.end));
}
