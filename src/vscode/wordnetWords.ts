/**
 * Which words get WordNet senses in the editor, decided without the engine: a word of letters that
 * is not a function word (src/shared/stopWords.ts): a hover over every "the" or "is" would only get
 * in the way.
 */
import type { WordSpan } from '../shared/engineProtocol';
import { isFunctionWord } from '../shared/stopWords';
import { WORD, wordAt } from '../shared/words';

export { wordAt };
export type { WordSpan };

/** True when `text` is one word of letters (inner apostrophes and hyphens allowed). */
export function isOneWord(text: string): boolean {
  return new RegExp(`^(?:${WORD.source})$`, 'u').test(text);
}

/** The word at `offset` of `text` (or ending right at it) when it may have WordNet senses. */
export function wordNetWordAt(text: string, offset: number): WordSpan | undefined {
  const word = wordAt(text, offset);
  return word && !isFunctionWord(word.surface) ? word : undefined;
}

/** Every word of `text` that may have WordNet senses, in order. */
export function wordNetWords(text: string): WordSpan[] {
  return [...text.matchAll(WORD)].filter((m) => !isFunctionWord(m[0])).map((m) => ({ start: m.index, end: m.index + m[0].length, surface: m[0] }));
}
