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
 * `npm run bench:wsd -- --inventory wordnet` with the test model (README, "WordNet senses"): its
 * glosses beat its examples, and margins under 0.0088 separated wrong winners from right ones best.
 * Cosine scales differ between models: re-run the benchmark to choose them for another model.
 */
export const DEFAULT_WORDNET_RECIPE: WordNetRecipe = { exampleWeight: 0, priorWeight: 0.01, uncertainMargin: 0.0088 };

export interface RankInput {
  readonly vectors: SynsetVectors;
  readonly tagCount: number;
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

/** Ranks candidates from their similarities and tag counts. */
export function rankScores(similarities: readonly number[], tagCounts: readonly number[], recipe: WordNetRecipe): Ranked {
  if (similarities.length === 0) throw new Error('No WordNet sense to rank.');
  const priors = logPriors(tagCounts);
  const scores = similarities.map((s, i) => s + recipe.priorWeight * priors[i]);
  // Ties keep WordNet's order (sense number), so the most frequent sense wins them.
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const margin = order.length > 1 ? scores[order[0]] - scores[order[1]] : scores[order[0]];
  return { order, scores, margin, uncertain: order.length > 1 && margin < recipe.uncertainMargin };
}

/** Ranks candidates for one token vector. */
export function rankSenses(v: Float32Array, inputs: readonly RankInput[], recipe: WordNetRecipe = DEFAULT_WORDNET_RECIPE): Ranked {
  return rankScores(
    inputs.map((c) => similarity(v, c.vectors, recipe.exampleWeight)),
    inputs.map((c) => c.tagCount),
    recipe,
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
