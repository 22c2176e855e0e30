import type { WordNetPos } from './format';
import { loadWink } from './loadWink';
import type { Tag } from './wink';

/** Universal POS → WordNet; other tags (determiners, numbers…) have no WordNet senses. */
const WORDNET_OF: Readonly<Record<string, WordNetPos>> = { NOUN: 'n', PROPN: 'n', VERB: 'v', AUX: 'v', ADJ: 'a', ADV: 'r' };

/** Tags after which a word the tagger calls a verb is taken for a noun (`a match`, `good match`, `two matches`). */
const NOUN_AFTER = new Set(['DET', 'ADJ', 'NUM']);

/**
 * Part of speech in context with wink-nlp and its English lite model (4.6 MB installed, about
 * 0.2 s to load, a few ms per sentence; Universal POS tags with its own tokenizer). Chosen over
 * en-pos, whose dependencies (lexicon, city and person names) install 10 MB and load in 0.55 s,
 * and which needs a tokenizer of its own. Loaded on first use (`loadWink`).
 */
export class PosTagger {
  private tag?: Tag;

  /**
   * The WordNet part of speech of the token at `[start, end)` of `text` (a sentence), or undefined
   * when the tagger says it is none of the four or no token lines up with the span.
   */
  posAt(text: string, start: number, end: number): WordNetPos | undefined {
    return this.tokenAt(text, start, end)?.pos;
  }

  /**
   * The part of speech the context suggests: the tagger's, with a second opinion where it is wrong
   * on common nouns. It tags the noun of "a tennis match" or "the chess match" as a verb; a
   * determiner, adjective or number right before the word, or a determiner and a noun (a noun
   * modifier: "the teams match" is misread too, which the ranking's prior leaves to BERT), make it a noun.
   */
  expectedPos(text: string, start: number, end: number): WordNetPos | undefined {
    const at = this.tokenAt(text, start, end);
    if (!at || at.pos !== 'v') return at?.pos;
    const [before2, before1] = at.before;
    const nounBefore = before1?.pos === 'NOUN' && before2?.pos === 'DET';
    return before1 && (NOUN_AFTER.has(before1.pos) || nounBefore) ? 'n' : 'v';
  }

  /** The token at the span with its WordNet part of speech, and the two tokens before it. */
  private tokenAt(text: string, start: number, end: number): { pos: WordNetPos | undefined; before: ReturnType<Tag> } | undefined {
    let at = 0;
    const tokens = this.load()(text);
    for (const [i, token] of tokens.entries()) {
      const found = text.indexOf(token.value, at);
      if (found < 0) continue;
      at = found + token.value.length;
      if (found <= start && start < at) return end <= at || found === start ? { pos: WORDNET_OF[token.pos], before: tokens.slice(Math.max(0, i - 2), i) } : undefined;
    }
    return undefined;
  }

  private load(): Tag {
    this.tag ??= loadWink().createTagger();
    return this.tag;
  }
}
