import type { WordNetDatabase } from './database';
import { WORDNET_POS, type Synset, type WordNetPos } from './format';
import { lemmaEntry } from './lemmatize';

/** One synset a word form may mean, with what ranking and display need. */
export interface WordNetCandidate {
  readonly synset: Synset;
  /** The lemma of the word form in this part of speech, e.g. `run` for `ran`. */
  readonly lemma: string;
  /** 1 = WordNet's first (most frequent) sense of the lemma in its part of speech. */
  readonly senseNumber: number;
  /** Tag count of the sense in `index.sense` (0 when untagged). */
  readonly tagCount: number;
  readonly senseKey: string | undefined;
  /** The synset's other lemmas, readable (`depository financial institution`). */
  readonly synonyms: readonly string[];
}

/** The candidates of one lemma in one part of speech, in sense-number order. */
export interface LemmaSenses {
  readonly lemma: string;
  readonly pos: WordNetPos;
  readonly candidates: readonly WordNetCandidate[];
}

/**
 * The synsets a word form can mean: for `pos` alone when given and WordNet has the word in that
 * part of speech, else for all four parts of speech that have it.
 */
export async function wordNetCandidates(db: WordNetDatabase, word: string, pos?: WordNetPos): Promise<LemmaSenses[]> {
  if (pos) {
    const only = await lemmaSenses(db, word, pos);
    if (only) return [only];
  }
  const all = await Promise.all(WORDNET_POS.map((p) => lemmaSenses(db, word, p)));
  return all.filter((s): s is LemmaSenses => s !== undefined);
}

export async function lemmaSenses(db: WordNetDatabase, word: string, pos: WordNetPos): Promise<LemmaSenses | undefined> {
  const entry = await lemmaEntry(db, word, pos);
  if (!entry) return undefined;
  const [synsets, senses] = await Promise.all([Promise.all(entry.offsets.map((o) => db.synset(pos, o))), db.senses(entry.lemma)]);
  const candidates = synsets.map((synset, i) => {
    const sense = senses.find((s) => s.pos === pos && s.offset === synset.offset);
    return {
      synset,
      lemma: entry.lemma,
      senseNumber: i + 1,
      tagCount: sense?.tagCount ?? 0,
      senseKey: sense?.senseKey,
      synonyms: synset.words.filter((w) => w.lemma !== entry.lemma).map((w) => w.lemma.replace(/_/g, ' ')),
    };
  });
  return { lemma: entry.lemma, pos, candidates };
}
