/**
 * The order of the reading scenario's hovers (bench/perf/reading.ts), as data: pure, unit-tested in
 * test/unit/readingScript.test.ts.
 */

/**
 * `new-word`: the first hover on a word (its index is built); `repeat`: the same occurrence again;
 * `new-occurrence`: another sentence of a word hovered before; `taught`: a word with taught senses
 * only; `wordnet`: a word outside the inventory, ranked over its WordNet senses.
 */
export type HoverKind = 'new-word' | 'repeat' | 'new-occurrence' | 'taught' | 'wordnet';

export interface ScriptStep {
  readonly kind: HoverKind;
  readonly word: string;
  /** Which of the word's occurrences: 0 (its first hover's) or 1 (another one). */
  readonly occurrence: 0 | 1;
}

/**
 * A reader's pass over `words`: each new word is followed by the repeat of the word two before
 * (the same occurrence, a few hovers later) and a second occurrence of the word just before, so
 * repeats and re-visits land while the background completes the newer words' indexes. The taught
 * word comes after the first half of the new words, the WordNet word after three quarters.
 */
export function readingScript(words: readonly string[], taught: string, wordnet: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  const n = words.length;
  words.forEach((word, i) => {
    steps.push({ kind: 'new-word', word, occurrence: 0 });
    if (i >= 2) steps.push({ kind: 'repeat', word: words[i - 2], occurrence: 0 });
    if (i >= 1) steps.push({ kind: 'new-occurrence', word: words[i - 1], occurrence: 1 });
    if (i === Math.ceil(n / 2) - 1) steps.push({ kind: 'taught', word: taught, occurrence: 0 });
    if (i === Math.ceil((3 * n) / 4) - 1) steps.push({ kind: 'wordnet', word: wordnet, occurrence: 0 });
  });
  if (n > 0) steps.push({ kind: 'new-occurrence', word: words[n - 1], occurrence: 1 });
  for (const word of words.slice(-2)) steps.push({ kind: 'repeat', word, occurrence: 0 });
  return steps;
}
