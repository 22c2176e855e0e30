/**
 * The WordNet part of "Analyze Selection" (setting `wordnetInAnalysis`): every content word outside
 * the dataset inventory is ranked in its sentence, and only the answers worth marking are kept.
 */
import { throwIfAborted } from '../../shared/errors';
import type { RunOptions, WordNetRanking, WordNetSenses } from '../../senses';
import { wordNetWords, type WordSpan } from '../wordnetWords';

/** Most words one run ranks: each costs a forward pass, and a new lemma one batch of its glosses. */
export const MAX_WORDNET_WORDS = 300;

/** Worth marking: there was a choice (≥ 2 senses) and BERT made it clearly (not `uncertain`). */
export function isConfident(ranking: WordNetRanking): boolean {
  return ranking.senses.length >= 2 && !ranking.uncertain;
}

/** The content words of `text` outside the dataset words' spans (`taken`), in order. */
export function wordNetTargets(text: string, taken: readonly { readonly start: number; readonly end: number }[]): WordSpan[] {
  return wordNetWords(text).filter((w) => !taken.some((t) => t.start < w.end && w.start < t.end));
}

/** Ranks `words` of `text` one by one (cancellable, with progress) and keeps the confident answers. */
export async function rankConfident(wordnet: WordNetSenses, text: string, words: readonly WordSpan[], options: RunOptions): Promise<WordNetRanking[]> {
  const kept: WordNetRanking[] = [];
  for (const [done, word] of words.entries()) {
    throwIfAborted(options.signal);
    options.onProgress?.({ kind: 'analyze', done, total: words.length });
    const ranking = await wordnet.rank(text, word.start, options);
    if (ranking && isConfident(ranking)) kept.push({ ...ranking, start: word.start, end: word.end });
  }
  return kept;
}
