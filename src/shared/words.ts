import type { WordSpan } from './engineProtocol';

/** The 20 words of CoarseWSD-20 (Loureiro et al. 2021). Dependency-free: the extension bundle uses it too. */
export const COARSEWSD20_WORDS = [
  'apple', 'arm', 'bank', 'bass', 'bow', 'chair', 'club', 'crane', 'deck', 'digit',
  'hood', 'java', 'mole', 'pitcher', 'pound', 'seal', 'spring', 'square', 'trunk', 'yard',
] as const;

/** A word: letters with inner apostrophes or hyphens (WordNet has no senses for digits). */
export const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

/** The longest word the extension looks up or plots (longer runs of letters are not words). */
export const MAX_WORD_LENGTH = 64;

/** Characters searched on each side of an offset for the word around it. */
const WORD_REACH = MAX_WORD_LENGTH;

/** The word containing `offset` of `text` (or ending right at it, as an editor position may), function words included. */
export function wordAt(text: string, offset: number): WordSpan | undefined {
  const from = Math.max(0, offset - WORD_REACH);
  for (const m of text.slice(from, offset + WORD_REACH).matchAll(WORD)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (start <= offset && offset <= end) return { start, end, surface: m[0] };
  }
  return undefined;
}
