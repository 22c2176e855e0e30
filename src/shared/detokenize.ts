/**
 * A CoarseWSD-20 sentence for reading. The dataset's sentences are lower-cased and space-tokenised
 * the Penn Treebank way (`in java .`, `apple 's ipod`, `does n't`, `'' quoted ''`, `-lrb-`); shown
 * as they are, they read like a parser's output. For display only: the engine embeds the original
 * tokens, which is what the dataset's gold senses and the paper's recipe were made with.
 */

/** The readable text and where the target span went in it. */
export interface Detokenized {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Written without a space before them: closing punctuation and clitics. */
const ATTACH_LEFT = new Set(['.', ',', ';', ':', '!', '?', '%', ')', ']', '}', '...', "'", "'s", "'m", "'d", "'ll", "'re", "'ve", "n't"]);
/** Written without a space after them: opening brackets and a currency sign. */
const ATTACH_RIGHT = new Set(['(', '[', '{', '$', '`']);
/** Penn Treebank escapes of brackets, and the asterisk the dataset escapes. */
const REWRITE: ReadonlyMap<string, string> = new Map([
  ['-lrb-', '('],
  ['-rrb-', ')'],
  ['-lsb-', '['],
  ['-rsb-', ']'],
  ['-lcb-', '{'],
  ['-rcb-', '}'],
  ['\\*', '*'],
  ['``', "''"],
]);

/**
 * `sentence` with the spaces of its tokenisation removed where English writes none (`java.`,
 * `apple's`, `doesn't`, `(raaa)`, `"quoted"`, `gnu/linux`); `[start, end)` (the target's
 * characters in `sentence`) is carried over. `''` pairs become double quotes, opening and closing
 * in turn; `` ` `` opens a single quote and `'` closes it (or ends a plural possessive).
 */
export function detokenize(sentence: string, start = 0, end = start): Detokenized {
  let text = '';
  let newStart: number | undefined;
  let newEnd: number | undefined;
  let glueNext = true;
  let doubleOpen = false;
  for (const match of sentence.matchAll(/\S+/g)) {
    const from = match.index;
    const to = from + match[0].length;
    const token = REWRITE.get(match[0]) ?? match[0];
    let shown = token;
    let left = ATTACH_LEFT.has(token) || token === '/';
    let right = ATTACH_RIGHT.has(token) || token === '/';
    if (token === "''") {
      shown = '"';
      left = doubleOpen;
      right = !doubleOpen;
      doubleOpen = !doubleOpen;
    } else if (token === '`') shown = "'";
    if (text && !left && !glueNext) text += ' ';
    // A span edge before this token (in the spaces) lands where the token begins.
    if (newStart === undefined && start < to) newStart = text.length + Math.min(Math.max(0, start - from), shown.length);
    if (newEnd === undefined && end <= to) newEnd = text.length + Math.min(Math.max(0, end - from), shown.length);
    text += shown;
    glueNext = right;
  }
  return { text, start: newStart ?? text.length, end: Math.max(newEnd ?? text.length, newStart ?? text.length) };
}
