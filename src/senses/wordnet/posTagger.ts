import type { WordNetPos } from './format';
import { loadWink } from './loadWink';
import type { Tag } from './wink';

/** Universal POS → WordNet; other tags (determiners, numbers…) have no WordNet senses. */
const WORDNET_OF: Readonly<Record<string, WordNetPos>> = { NOUN: 'n', PROPN: 'n', VERB: 'v', AUX: 'v', ADJ: 'a', ADV: 'r' };

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
    let at = 0;
    for (const token of this.load()(text)) {
      const found = text.indexOf(token.value, at);
      if (found < 0) continue;
      at = found + token.value.length;
      if (found <= start && start < at) return end <= at || found === start ? WORDNET_OF[token.pos] : undefined;
    }
    return undefined;
  }

  private load(): Tag {
    this.tag ??= loadWink().createTagger();
    return this.tag;
  }
}
