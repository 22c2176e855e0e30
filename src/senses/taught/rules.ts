/**
 * What a taught-senses file may hold. `schemas/word-senses.schema.json` states the same limits for
 * the editor; a unit test keeps the two equal.
 */

/**
 * A taught word: one lower-case word of the Latin script (digits and inner hyphens allowed), the
 * same kind of word the matcher finds in text (`src/shared/inventory.ts`). Upper case is refused by
 * the parser (JSON Schema cannot say "lower case" for every script).
 */
export const WORD_PATTERN = '^\\p{Script=Latin}[\\p{Script=Latin}\\p{N}]*(?:-[\\p{Script=Latin}\\p{N}]+)*$';
/** A sense id: no leading or trailing white space. */
export const SENSE_ID_PATTERN = '^\\S(?:.*\\S)?$';

export const MAX_WORD = 60;
export const MAX_SENSE_ID = 100;
export const MAX_LABEL = 200;
export const MAX_DESCRIPTION = 1000;
export const MAX_SENTENCE = 2000;
/**
 * Taught words per file and senses per word. The file may come with a workspace (read at
 * activation, even in Restricted Mode): a file of tens of thousands of words would make every
 * reload and every document's word matching slow for a sense inventory nobody curates by hand.
 */
export const MAX_WORDS = 5000;
export const MAX_SENSES = 50;

const word = new RegExp(WORD_PATTERN, 'u');
const senseId = new RegExp(SENSE_ID_PATTERN, 'u');

/** Why `text` is not a taught word, or undefined when it is one. */
export function wordProblem(text: string): string | undefined {
  if (text.length > MAX_WORD || !word.test(text)) {
    return `${JSON.stringify(text)} is not a word: one word of Latin letters and digits (inner hyphens allowed), at most ${MAX_WORD} characters.`;
  }
  if (text !== text.toLowerCase()) return `Words are written in lower case: ${JSON.stringify(text.toLowerCase())}, not ${JSON.stringify(text)} (every case form matches).`;
  return undefined;
}

export function senseIdProblem(text: string): string | undefined {
  if (text.length > MAX_SENSE_ID || !senseId.test(text)) {
    return `${JSON.stringify(text)} is not a sense id: 1 to ${MAX_SENSE_ID} characters, without leading or trailing spaces.`;
  }
  return undefined;
}

/**
 * A sense id from a label: lower case, runs of other characters joined by `-` (`Apple Records` →
 * `apple-records`), made unique against `taken` with `-2`, `-3`….
 */
export function senseIdFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_SENSE_ID - 4) || 'sense';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
