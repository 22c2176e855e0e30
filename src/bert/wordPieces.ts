/**
 * WordPiece ids with character offsets.
 *
 * Transformers.js' tokenizers return ids but no offsets. BERT's pre-tokenizer splits on whitespace,
 * punctuation and CJK characters before WordPiece runs on each piece independently, so encoding our
 * own pre-tokens one by one yields the same ids as encoding the whole text, and each id keeps the
 * character span of its pre-token. A test checks that equality on real sentences.
 */

/** What we need of a tokenizer: ids of one pre-token, without special tokens. */
export interface PieceEncoder {
  encodeWord(word: string): readonly number[];
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const UNICODE_PUNCT = /\p{P}/u;
const SPACE = /[\s\p{Zs}]/u;
// BERT's _is_chinese_char ranges: CJK ideographs are split into single characters.
const CJK = /[\u4E00-\u9FFF\u3400-\u4DBF\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B820}-\u{2CEAF}\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/u;

function isPunctuation(ch: string): boolean {
  // BERT counts all non-alphanumeric ASCII as punctuation, plus Unicode's P* categories.
  return ASCII_PUNCT.test(ch) || UNICODE_PUNCT.test(ch);
}

/** Splits like BertPreTokenizer (after BertNormalizer's CJK spacing); offsets are UTF-16 indices. */
export function preTokenize(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start >= 0) spans.push({ start, end });
    start = -1;
  };
  for (let i = from; i < to; ) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const next = i + ch.length;
    if (SPACE.test(ch)) {
      flush(i);
    } else if (isPunctuation(ch) || CJK.test(ch)) {
      flush(i);
      spans.push({ start: i, end: next });
    } else if (start < 0) {
      start = i;
    }
    i = next;
  }
  flush(to);
  return spans;
}

/** One WordPiece with the span of the pre-token it came from. */
export interface Piece {
  readonly id: number;
  readonly start: number;
  readonly end: number;
}

/** Tokenizes text into WordPieces with offsets; caches the pieces of frequent words. */
export class WordPieceAligner {
  private readonly cache = new Map<string, readonly number[]>();

  constructor(
    private readonly encoder: PieceEncoder,
    private readonly cacheSize = 50_000,
  ) {}

  pieces(text: string, from = 0, to = text.length): Piece[] {
    const out: Piece[] = [];
    for (const span of preTokenize(text, from, to)) {
      for (const id of this.word(text.slice(span.start, span.end))) out.push({ id, start: span.start, end: span.end });
    }
    return out;
  }

  private word(word: string): readonly number[] {
    let ids = this.cache.get(word);
    if (!ids) {
      ids = this.encoder.encodeWord(word);
      if (this.cache.size >= this.cacheSize) this.cache.clear();
      this.cache.set(word, ids);
    }
    return ids;
  }
}

/** Model input for one target: ids with [CLS]/[SEP] and the positions of the target's pieces. */
export interface TargetInput {
  readonly ids: readonly number[];
  /** Positions in `ids` of the target word's pieces (at least one). */
  readonly targetPositions: readonly number[];
}

export interface SpecialTokens {
  readonly cls: number;
  readonly sep: number;
  /** `[MASK]`, when the tokenizer has one. */
  readonly mask?: number;
}

/**
 * Builds the model input for the target span, cutting a window of at most `maxLength` ids
 * (specials included) centred on the target when the text is longer. Undefined when the target
 * has no pieces (e.g. it is whitespace or only control characters).
 */
export function targetInput(pieces: readonly Piece[], target: Span, special: SpecialTokens, maxLength: number): TargetInput | undefined {
  const first = pieces.findIndex((p) => p.end > target.start && p.start < target.end);
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < pieces.length && pieces[last + 1].start < target.end) last++;

  const budget = maxLength - 2;
  const width = Math.min(last - first + 1, budget);
  last = first + width - 1;
  // Centre the target, then slide the window back inside the text.
  const begin = Math.max(0, Math.min(first - Math.floor((budget - width) / 2), pieces.length - budget));
  const end = Math.min(pieces.length, begin + budget);

  const ids = [special.cls, ...pieces.slice(begin, end).map((p) => p.id), special.sep];
  const targetPositions: number[] = [];
  for (let i = first; i <= last; i++) targetPositions.push(i - begin + 1);
  return { ids, targetPositions };
}

/** The input with the target's pieces replaced by one `mask` id, which becomes the only target position. */
export function maskTarget(input: TargetInput, mask: number): TargetInput {
  const first = input.targetPositions[0];
  const last = input.targetPositions[input.targetPositions.length - 1];
  return { ids: [...input.ids.slice(0, first), mask, ...input.ids.slice(last + 1)], targetPositions: [first] };
}
