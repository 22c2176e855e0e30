import type { TargetMatch } from './engineProtocol';

/**
 * Finds inventory words in text (the rules are in docs/method.md, "Word matching"):
 * - the word, its regular English plural (`banks`; `-es` after s, x, z, ch, sh: `basses`) and
 *   possessives (`bank's`, `banks'`), case-insensitively. Other endings are other words, whatever
 *   the language: French `armes` is not *arm*, Spanish `clubes` not *club*;
 * - a match is a whole word of the Latin script: a Latin letter, digit or `_` next to it (or a
 *   combining mark on its last letter) makes it part of a longer word (`embankment`, `bank2`,
 *   `banke\u0301`). Anything else ends it: spaces, punctuation, and letters of other scripts, which
 *   is how Chinese, Japanese, Korean or Thai text embeds an English word (`我去了bank存钱`, `Java로`).
 * The target span excludes the possessive ending, as BERT's pre-tokenizer splits it off anyway.
 *
 * Matching walks a trie of the forms from each place a word may start, so it is linear in the text
 * whatever the number of words: one regular-expression alternation of every form cost seconds per
 * 10 KB with 10,000 taught words. At each start the longest form that ends the word wins, as the
 * alternation's longest-first order did.
 */
export class Inventory {
  private readonly root: TrieNode = { next: new Map() };
  /** Characters before an offset that `findAt` looks at: enough for the longest form and `'s`. */
  private readonly reach: number;

  constructor(readonly words: readonly string[]) {
    let longest = 0;
    for (const word of words) {
      for (const form of [word, plural(word)]) {
        let node = this.root;
        for (const ch of form) {
          let next = node.next.get(ch);
          if (!next) node.next.set(ch, (next = { next: new Map() }));
          node = next;
        }
        node.word = word;
        longest = Math.max(longest, form.length);
      }
    }
    this.reach = Math.max(32, longest + 2);
  }

  findAll(text: string, from = 0, to = text.length): TargetMatch[] {
    // Only the text around [from, to) is looked at, so a hover's lookup costs the same in any document.
    const lo = Math.max(0, from - LOOK_BEHIND);
    const view = visible(text.slice(lo, Math.min(text.length, to + 2 * this.reach)));
    const at = (i: number) => lo + (view.offsets ? view.offsets[i] : i);
    // Forms are lower case: the text is lowered once, by code point where lowering changes a length (İ).
    const lower = lowerAligned(view.text);
    const matches: TargetMatch[] = [];
    let i = 0;
    while (i < view.text.length && at(i) < from) i++;
    while (i < view.text.length && at(i) < to) {
      const match = this.root.next.has(lower[i]) && !continuesWord(view.text, i) ? this.matchAt(view.text, lower, i) : undefined;
      if (!match) {
        i++;
        continue;
      }
      // Back to the text's offsets: the target ends after its last visible character.
      const start = at(match.start);
      matches.push({ word: match.word, surface: text.slice(start, at(match.surfaceEnd - 1) + 1), start, end: at(match.end - 1) + 1 });
      i = match.surfaceEnd;
    }
    return matches;
  }

  /** The inventory word whose match contains `offset` (an editor position may sit right after it). */
  findAt(text: string, offset: number): TargetMatch | undefined {
    const from = Math.max(0, offset - this.reach);
    return this.findAll(text, from, Math.min(text.length, offset + 1)).find((m) => offset >= m.start && offset <= m.start + m.surface.length);
  }

  /** The longest form at `start` that ends the word there (maybe with a possessive ending). */
  private matchAt(text: string, lower: string, start: number): { word: string; start: number; end: number; surfaceEnd: number } | undefined {
    const ends: { end: number; word: string }[] = [];
    let node: TrieNode | undefined = this.root;
    for (let i = start; node && i < lower.length; ) {
      node = node.next.get(lower[i++]);
      if (node?.word !== undefined) ends.push({ end: i, word: node.word });
    }
    for (const { end, word } of ends.reverse()) {
      if (text.slice(start, end).toLowerCase() !== lower.slice(start, end)) continue;
      const apostrophe = text[end] === "'" || text[end] === '’';
      const tails = apostrophe ? (/[sSſ]/.test(text[end + 1] ?? '') ? [2, 1, 0] : [1, 0]) : [0];
      const tail = tails.find((n) => !endsInsideWord(text, end + n));
      if (tail !== undefined) return { word, start, end, surfaceEnd: end + tail };
    }
    return undefined;
  }
}

/** Characters before `from` looked at to tell whether a word starts there (a letter and its combining marks). */
const LOOK_BEHIND = 64;

/**
 * Characters that do not show and do not break a word: soft hyphen, zero-width space, (non-)joiner,
 * word joiner and BOM. `ba\u00ADnk` is *bank* as a reader sees it.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;

/** The text without invisible characters, with each character's offset in `text` when some were dropped (and the length at the end). */
function visible(text: string): { text: string; offsets?: number[] } {
  if (!INVISIBLE.test(text)) return { text };
  let out = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (INVISIBLE.test(text[i])) continue;
    out += text[i];
    offsets.push(i);
  }
  offsets.push(text.length);
  return { text: out, offsets };
}

/** A trie node: the next characters, and the word a form ending here belongs to. */
interface TrieNode {
  readonly next: Map<string, TrieNode>;
  word?: string;
}

// A combining mark belongs to the letter before it: it continues a Latin word, not a Thai one.
const LATIN = /[\p{Script=Latin}\p{N}_]/u;
const MARK = /\p{M}/u;

/** Whether a Latin letter, digit or `_` (maybe followed by combining marks) comes right before `i`. */
function continuesWord(text: string, i: number): boolean {
  let j = i;
  for (let ch = codePointBefore(text, j); ch !== undefined; ch = codePointBefore(text, j)) {
    if (!MARK.test(ch)) return LATIN.test(ch);
    j -= ch.length;
  }
  return false;
}

/** Whether a Latin letter, digit, `_` or combining mark comes right at `i`. */
function endsInsideWord(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  if (cp === undefined) return false;
  const ch = String.fromCodePoint(cp);
  return LATIN.test(ch) || MARK.test(ch);
}

function codePointBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  const high = i >= 2 ? text.charCodeAt(i - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(i - 2, i) : text[i - 1];
}

/** The text in lower case with every offset kept. */
function lowerAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Regular English plural spelling. */
function plural(word: string): string {
  return /(s|x|z|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

/** How much text around a target is looked at to find its sentence. */
const CONTEXT_CHARS = 3_000;

export interface Context {
  readonly text: string;
  /** The target's span inside `text`. */
  readonly start: number;
  readonly end: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The sentence around a target, never the whole file. Single line breaks are joined (text wrapped
 * at a fixed width keeps its sentences) and blank lines end a sentence. The model window is applied
 * later, on WordPieces.
 */
export function sentenceContext(text: string, target: { start: number; end: number }): Context {
  const from = Math.max(0, target.start - CONTEXT_CHARS);
  const to = Math.min(text.length, target.end + CONTEXT_CHARS);
  // Same length as the slice, so offsets still line up.
  const flat = text
    .slice(from, to)
    .replace(/\r/g, ' ')
    .replace(/(?<=\S[ \t]*)\n(?=[ \t]*\S)/g, ' ');
  const start = target.start - from;
  const end = target.end - from;
  // `containing` finds the segment directly: iterating up to it cost milliseconds per target.
  const sentence = sentenceSegmenter.segment(flat).containing(start) ?? { index: 0, segment: flat };
  // A sentence that ends inside the target (an odd segmentation) is widened to the target's end.
  const sEnd = Math.max(sentence.index + sentence.segment.length, end);
  const raw = flat.slice(sentence.index, sEnd);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  return { text: body, start: start - sentence.index - lead, end: end - sentence.index - lead };
}
