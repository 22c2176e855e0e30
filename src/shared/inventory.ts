import type { TargetMatch } from './engineProtocol';

/**
 * Finds inventory words in text (the rules are in the README, "Word matching"):
 * - the word, its regular English plural (`banks`; `-es` after s, x, z, ch, sh: `basses`) and
 *   possessives (`bank's`, `banks'`), case-insensitively. Other endings are other words, whatever
 *   the language: French `armes` is not *arm*, Spanish `clubes` not *club*;
 * - a match is a whole word of the Latin script: a Latin letter, digit or `_` next to it (or a
 *   combining mark on its last letter) makes it part of a longer word (`embankment`, `bank2`,
 *   `banke\u0301`). Anything else ends it: spaces, punctuation, and letters of other scripts, which
 *   is how Chinese, Japanese, Korean or Thai text embeds an English word (`我去了bank存钱`, `Java로`).
 * The target span excludes the possessive ending, as BERT's pre-tokenizer splits it off anyway.
 */
export class Inventory {
  private readonly pattern: RegExp;
  /** Lower-case form → inventory word. */
  private readonly lemmas = new Map<string, string>();

  constructor(readonly words: readonly string[]) {
    for (const word of words) for (const form of [word, plural(word)]) this.lemmas.set(form, word);
    const alternatives = [...this.lemmas.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    // A combining mark belongs to the letter before it: it continues a Latin word, not a Thai one.
    const latin = '[\\p{Script=Latin}\\p{N}_]';
    this.pattern = new RegExp(`(?<!${latin}\\p{M}*)(${alternatives})(?:['’]s?)?(?!${latin}|\\p{M})`, 'giu');
  }

  findAll(text: string, from = 0, to = text.length): TargetMatch[] {
    const re = new RegExp(this.pattern.source, this.pattern.flags);
    re.lastIndex = from;
    const matches: TargetMatch[] = [];
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      const word = this.lemmas.get(m[1].toLowerCase());
      if (word) matches.push({ word, surface: m[0], start: m.index, end: m.index + m[1].length });
    }
    return matches;
  }

  /** The inventory word whose match contains `offset` (an editor position may sit right after it). */
  findAt(text: string, offset: number): TargetMatch | undefined {
    const from = Math.max(0, offset - 32);
    return this.findAll(text, from, Math.min(text.length, offset + 1)).find((m) => offset >= m.start && offset <= m.start + m.surface.length);
  }
}

/** Regular English plural spelling. */
function plural(word: string): string {
  return /(s|x|z|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
