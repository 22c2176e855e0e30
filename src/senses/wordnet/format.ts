/**
 * Parsers for the lines of WordNet's database files (format of `wndb(5WN)` and `senseidx(5WN)`).
 * Pure functions: the file access is in `database.ts`.
 */

/** WordNet's parts of speech: noun, verb, adjective (with satellites `s`), adverb. */
import type { WordNetPos } from '../../shared/engineProtocol';

export type { WordNetPos } from '../../shared/engineProtocol';
export const WORDNET_POS: readonly WordNetPos[] = ['n', 'v', 'a', 'r'];
/** Database file suffix of each part of speech (`index.noun`, `data.noun`…). */
export const POS_FILE: Readonly<Record<WordNetPos, string>> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
/** Readable part of speech. */
export const POS_NAME: Readonly<Record<WordNetPos, string>> = { n: 'noun', v: 'verb', a: 'adjective', r: 'adverb' };

/** A line of `index.<pos>`: a lemma's synsets, most frequent first. */
export interface IndexEntry {
  readonly lemma: string;
  readonly pos: WordNetPos;
  /** Byte offsets of the synsets in `data.<pos>`, in sense-number order. */
  readonly offsets: readonly number[];
  /** How many of the first senses were seen in the semantically tagged corpora. */
  readonly tagsenseCount: number;
}

export interface Pointer {
  /** `@` hypernym, `~` hyponym, `@i`/`~i` instance, `+` derivation, `&` similar… */
  readonly symbol: string;
  readonly offset: number;
  readonly pos: WordNetPos;
  /** Source and target word numbers (0 = the whole synset). */
  readonly source: number;
  readonly target: number;
}

/** A line of `data.<pos>`. */
export interface Synset {
  readonly offset: number;
  readonly pos: WordNetPos;
  /** `s` for adjective satellites, else `pos`. */
  readonly ssType: WordNetPos | 's';
  /** Lexicographer file number (part of every sense key). */
  readonly lexFile: number;
  /** Lemmas in the synset's order, lower case as in the index, `_` between words. */
  readonly words: readonly { readonly lemma: string; readonly lexId: number }[];
  readonly pointers: readonly Pointer[];
  /** Definitions without the examples, e.g. `sloping land (especially the slope beside a body of water)`. */
  readonly gloss: string;
  /** The quoted example sentences of the gloss. */
  readonly examples: readonly string[];
}

/** A line of `index.sense`. */
export interface SenseEntry {
  readonly senseKey: string;
  readonly offset: number;
  readonly pos: WordNetPos;
  readonly senseNumber: number;
  /** Times the sense was tagged in the semantic concordances: the frequency prior. */
  readonly tagCount: number;
}

function posOf(symbol: string, where: string): WordNetPos {
  if (symbol === 's') return 'a';
  if (symbol === 'n' || symbol === 'v' || symbol === 'a' || symbol === 'r') return symbol;
  throw new Error(`Bad part of speech "${symbol}" in ${where}`);
}

function int(text: string | undefined, radix: number, where: string): number {
  const n = text === undefined ? NaN : parseInt(text, radix);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Bad number "${text}" in ${where}`);
  return n;
}

export function parseIndexLine(line: string): IndexEntry {
  const f = line.trim().split(' ');
  const where = `index line "${line.slice(0, 60)}"`;
  const synsetCount = int(f[2], 10, where);
  const pointerCount = int(f[3], 10, where);
  const at = 4 + pointerCount;
  const offsets = f.slice(at + 2, at + 2 + synsetCount).map((o) => int(o, 10, where));
  if (offsets.length !== synsetCount) throw new Error(`Truncated ${where}`);
  return { lemma: f[0], pos: posOf(f[1], where), offsets, tagsenseCount: int(f[at + 1], 10, where) };
}

export function parseDataLine(line: string): Synset {
  const bar = line.indexOf(' | ');
  const head = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
  const where = `data line "${line.slice(0, 40)}"`;
  const wordCount = int(head[3], 16, where);
  const words = Array.from({ length: wordCount }, (_, i) => ({
    // Adjectives may carry a syntactic marker: `outback(a)`.
    lemma: head[4 + 2 * i].replace(/\([a-z]+\)$/, '').toLowerCase(),
    lexId: int(head[5 + 2 * i], 16, where),
  }));
  const p = 4 + 2 * wordCount;
  const pointerCount = int(head[p], 10, where);
  const pointers = Array.from({ length: pointerCount }, (_, i) => {
    const [symbol, offset, pos, st] = head.slice(p + 1 + 4 * i, p + 5 + 4 * i);
    return { symbol, offset: int(offset, 10, where), pos: posOf(pos, where), source: int(st?.slice(0, 2), 16, where), target: int(st?.slice(2), 16, where) };
  });
  const ssType = head[2] === 's' ? 's' : posOf(head[2], where);
  const { gloss, examples } = parseGloss(bar < 0 ? '' : line.slice(bar + 3));
  return { offset: int(head[0], 10, where), pos: posOf(head[2], where), ssType, lexFile: int(head[1], 10, where), words, pointers, gloss, examples };
}

/** `<offset><pos>` in WordNet 3.1, e.g. `09236472n`: how a synset is named outside the engine. */
export function synsetId(synset: Pick<Synset, 'offset' | 'pos'>): string {
  return `${String(synset.offset).padStart(8, '0')}${synset.pos}`;
}

/** Splits `definition; "example"; "example"` into the definition and the quoted examples. */
export function parseGloss(text: string): { gloss: string; examples: string[] } {
  const examples: string[] = [];
  const rest = text.replace(/"([^"]*)"/g, (_, example: string) => {
    if (example.trim()) examples.push(example.trim());
    return '';
  });
  const gloss = rest
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('; ');
  return { gloss, examples };
}

/** Sense-key part of speech: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite. */
const KEY_POS: Readonly<Record<string, WordNetPos>> = { 1: 'n', 2: 'v', 3: 'a', 4: 'r', 5: 'a' };

export function parseSenseLine(line: string): SenseEntry {
  const [senseKey, offset, senseNumber, tagCount] = line.trim().split(' ');
  const where = `index.sense line "${line.slice(0, 60)}"`;
  const pos = KEY_POS[senseKey?.split('%')[1]?.[0] ?? ''];
  if (!pos) throw new Error(`Bad sense key in ${where}`);
  return { senseKey, offset: int(offset, 10, where), pos, senseNumber: int(senseNumber, 10, where), tagCount: int(tagCount, 10, where) };
}
