import type { VectorOptions } from '../shared/engineProtocol';
import { cosine, dot, meanVector, norm, poolLayers } from '../bert/vectors';
import { senseLabel, type Example, type WordData } from './dataset';
import { shuffledByLabel } from './sampling';
import type { SenseSource } from './types';

/** A word's sense vectors for one (layers, pooling) choice: the paper's 1-NN inventory. */
export interface SenseIndex {
  readonly word: string;
  readonly senses: readonly string[];
  readonly labels: readonly string[];
  /** Per sense: the inventory it comes from, and its description when it has one. */
  readonly sources: readonly SenseSource[];
  readonly descriptions: readonly (string | undefined)[];
  readonly options: VectorOptions;
  /** Training examples in the index, with their vectors and unit vectors. */
  readonly examples: readonly Example[];
  readonly senseOf: Int32Array;
  readonly vectors: readonly Float32Array[];
  readonly units: readonly Float32Array[];
  /** Sense vector = mean of its training vectors (empty sense: zero vector). */
  readonly centroids: readonly Float32Array[];
  readonly counts: readonly number[];
}

export function buildSenseIndex(
  data: WordData,
  selected: readonly number[],
  layerMeans: ReadonlyMap<number, Float32Array>,
  hidden: number,
  options: VectorOptions,
): SenseIndex {
  const senseIds = new Map(data.senses.map((s, i) => [s, i]));
  const examples = selected.map((i) => data.examples[i]);
  const vectors = selected.map((i) => poolLayers(layerMeans.get(i)!, hidden, options));
  const senseOf = Int32Array.from(examples, (e) => senseIds.get(e.sense) ?? -1);
  const centroids = data.senses.map((_, s) => meanVector(vectors.filter((_, i) => senseOf[i] === s), hidden));
  return {
    word: data.word,
    senses: data.senses,
    labels: data.senses.map((s, i) => data.labels?.[i] ?? senseLabel(data.word, s)),
    sources: data.senses.map((_, i) => data.sources?.[i] ?? 'coarsewsd20'),
    descriptions: data.senses.map((_, i) => data.descriptions?.[i]),
    options,
    examples,
    senseOf,
    vectors,
    units: vectors.map(unit),
    centroids,
    counts: data.senses.map((_, s) => senseOf.filter((x) => x === s).length),
  };
}

function unit(v: Float32Array): Float32Array {
  const n = norm(v);
  return n === 0 ? v : v.map((x) => x / n);
}

/** Cosine of the vector to each sense centroid, in sense order. */
export function centroidScores(index: SenseIndex, vector: Float32Array): number[] {
  return index.centroids.map((c, s) => (index.counts[s] === 0 ? -1 : cosine(vector, c)));
}

/** Training examples by cosine to the vector, best first. */
export function nearestExamples(index: SenseIndex, vector: Float32Array, n: number): { example: number; score: number }[] {
  const u = unit(vector);
  const scored = index.units.map((v, example) => ({ example, score: dot(u, v) }));
  return topN(scored, n);
}

/**
 * Exemplar k-NN: each of the k nearest training examples votes for its sense, with weight 1
 * (majority) or its cosine (weighted). Returns vote shares per sense.
 */
export function knnScores(
  index: SenseIndex,
  vector: Float32Array,
  k: number,
  weighted: boolean,
  nearest: readonly { example: number; score: number }[] = nearestExamples(index, vector, k),
): number[] {
  const votes = new Array<number>(index.senses.length).fill(0);
  let total = 0;
  for (const { example, score } of nearest.slice(0, k)) {
    const w = weighted ? Math.max(score, 0) : 1;
    votes[index.senseOf[example]] += w;
    total += w;
  }
  return votes.map((v) => (total === 0 ? 0 : v / total));
}

/** The n best by score, best first: one pass with a small sorted buffer (n is small, items many). */
function topN<T extends { score: number }>(items: readonly T[], n: number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === n && item.score <= best[n - 1].score) continue;
    let i = best.length === n ? n - 1 : best.length;
    while (i > 0 && best[i - 1].score < item.score) {
      if (i < n) best[i] = best[i - 1];
      i--;
    }
    if (i < n) best[i] = item;
  }
  return best;
}

/** Stratified sample of at most `cap` examples per sense, fixed seed; all when `cap` is 0. */
export function sampleIndices(data: WordData, cap: number, seed = 42): number[] {
  if (cap <= 0) return data.examples.map((_, i) => i);
  return shuffledByLabel(data.examples.map((e) => e.sense), seed)
    .flatMap((group) => group.slice(0, cap))
    .sort((a, b) => a - b);
}
