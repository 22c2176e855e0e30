import { cosine } from '../../bert/vectors';

/** The BERT vectors of one synset for one lemma: its gloss context and its example sentences. */
export interface SynsetVectors {
  readonly gloss: Float32Array | undefined;
  readonly examples: readonly Float32Array[];
}

/**
 * How a synset is scored against a token vector v:
 *   exampleWeight · cos(v, mean of example vectors) + (1 − exampleWeight) · cos(v, gloss vector)
 *   + priorWeight · log P(sense), P from the `index.sense` tag counts with add-one smoothing.
 * A synset with only one kind of vector is scored by that kind alone.
 */
export interface WordNetRecipe {
  readonly exampleWeight: number;
  readonly priorWeight: number;
  /** A winner whose margin over the runner-up is below this is flagged `uncertain`. */
  readonly uncertainMargin: number;
}

/**
 * Chosen on the validation set (CoarseWSD-20 train sentences of the senses mapped to WordNet) by
 * `npm run bench:wsd -- --inventory wordnet` with the test model (docs/wordnet.md): its
 * glosses beat its examples, and margins under 0.0088 separated wrong winners from right ones best.
 * Cosine scales differ between models: re-run the benchmark to choose them for another model.
 */
export const DEFAULT_WORDNET_RECIPE: WordNetRecipe = { exampleWeight: 0, priorWeight: 0.01, uncertainMargin: 0.0088 };

export interface RankInput {
  readonly vectors: SynsetVectors;
  readonly tagCount: number;
  /** The candidate's part of speech, for the prior of `rankSenses`' `expectedPos`. */
  readonly pos?: string;
}

export interface Ranked {
  /** Candidate indices, best first. */
  readonly order: readonly number[];
  /** Score of each candidate (input order). */
  readonly scores: readonly number[];
  /** Best minus second-best score (the best score when there is one candidate). */
  readonly margin: number;
  readonly uncertain: boolean;
}

/** Mean of vectors (the examples' centroid), or undefined for none. */
export function centroid(vectors: readonly Float32Array[]): Float32Array | undefined {
  if (vectors.length === 0) return undefined;
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i] / vectors.length;
  return out;
}

/** The similarity part of the score (no prior). */
export function similarity(v: Float32Array, vectors: SynsetVectors, exampleWeight: number): number {
  const mean = centroid(vectors.examples);
  const ex = mean && cosine(v, mean);
  const gl = vectors.gloss && cosine(v, vectors.gloss);
  if (ex === undefined) return gl ?? 0;
  if (gl === undefined) return ex;
  return exampleWeight * ex + (1 - exampleWeight) * gl;
}

/** log P(sense) with add-one smoothing over the candidates' tag counts. */
export function logPriors(tagCounts: readonly number[]): number[] {
  const total = tagCounts.reduce((a, b) => a + b, 0) + tagCounts.length;
  return tagCounts.map((c) => Math.log((c + 1) / total));
}

/**
 * How much the part of speech the context suggests is trusted: P = 0.8 for its senses, the rest
 * shared by the other parts of speech, added as `POS_WEIGHT · log(P / 0.8)`. A prior, not a filter:
 * the tagger calls the noun of "a tennis match" a verb, and a hard filter left no noun sense to win.
 * At 0.01 another part of speech must beat it by about 0.014 in cosine (the uncertain margin is 0.0088).
 */
export const POS_TRUST = 0.8;
export const POS_WEIGHT = 0.01;

/** log(P(pos) / P(expected)) per candidate; all 0 without an expected part of speech among them. */
export function posLogPriors(pos: readonly string[], expected: string | undefined): number[] {
  const others = new Set(pos.filter((p) => p !== expected)).size;
  if (expected === undefined || others === pos.length || others === 0) return pos.map(() => 0);
  return pos.map((p) => (p === expected ? 0 : Math.log((1 - POS_TRUST) / others / POS_TRUST)));
}

/** Ranks candidates from their similarities and tag counts (and the parts of speech' priors). */
export function rankScores(similarities: readonly number[], tagCounts: readonly number[], recipe: WordNetRecipe, posPriors?: readonly number[]): Ranked {
  if (similarities.length === 0) throw new Error('No WordNet sense to rank.');
  const priors = logPriors(tagCounts);
  const scores = similarities.map((s, i) => s + recipe.priorWeight * priors[i] + POS_WEIGHT * (posPriors?.[i] ?? 0));
  // Ties keep WordNet's order (sense number), so the most frequent sense wins them.
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const margin = order.length > 1 ? scores[order[0]] - scores[order[1]] : scores[order[0]];
  return { order, scores, margin, uncertain: order.length > 1 && margin < recipe.uncertainMargin };
}

/** Ranks candidates for one token vector; `expectedPos`: the part of speech the context suggests (`RankInput.pos`). */
export function rankSenses(v: Float32Array, inputs: readonly RankInput[], recipe: WordNetRecipe = DEFAULT_WORDNET_RECIPE, expectedPos?: string): Ranked {
  return rankScores(
    inputs.map((c) => similarity(v, c.vectors, recipe.exampleWeight)),
    inputs.map((c) => c.tagCount),
    recipe,
    posLogPriors(inputs.map((c) => c.pos ?? ''), expectedPos),
  );
}

/**
 * The single vector that stands for a synset on the plot: the recipe's mix of the examples' mean
 * and the gloss vector (the gloss alone at `exampleWeight` 0, the mean at 1), or whichever it has.
 */
export function senseVector(vectors: SynsetVectors, exampleWeight: number): Float32Array | undefined {
  const mean = centroid(vectors.examples);
  const gloss = vectors.gloss;
  if (!mean || !gloss) return mean ?? gloss;
  return mean.map((m, i) => exampleWeight * m + (1 - exampleWeight) * gloss[i]);
}
