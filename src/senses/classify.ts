import { probeScores, type Probe } from './probe/probe';
import { centroidScores, knnScores, nearestExamples, type SenseIndex } from './senseIndex';
import type { ClassifierOptions, Neighbour, SenseScore } from './types';

export type { ClassifierOptions };

export interface Decision {
  readonly senses: readonly SenseScore[];
  readonly winner: SenseScore;
  readonly margin: number;
  readonly neighbours: readonly Neighbour[];
}

/** Nearest training sentences an answer carries: the hover shows them all. */
const NEIGHBOURS = 2;

/** `probe` is the word's trained probe, needed by the `probe` classifier only. */
export function classifyVector(index: SenseIndex, vector: Float32Array, classifier: ClassifierOptions, probe?: Probe): Decision {
  // One nearest-example search serves both the k-NN vote and the hover's neighbours.
  const nearest = nearestExamples(index, vector, classifier.method === 'knn' ? Math.max(classifier.k, NEIGHBOURS) : NEIGHBOURS);
  const scores = senseScores(index, vector, classifier, nearest, probe);
  const senses = index.senses
    .map((sense, s) => ({
      sense,
      label: index.labels[s],
      score: scores[s],
      examples: index.counts[s],
      source: index.sources[s],
      ...(index.descriptions[s] !== undefined && { description: index.descriptions[s] }),
    }))
    .sort((a, b) => b.score - a.score);
  const neighbours = nearest.slice(0, NEIGHBOURS).map(({ example, score }) => {
    const e = index.examples[example];
    const s = index.senseOf[example];
    return { sentence: e.sentence, targetStart: e.start, targetEnd: e.end, sense: index.senses[s], label: index.labels[s], score, source: index.sources[s] };
  });
  return { senses, winner: senses[0], margin: senses.length > 1 ? senses[0].score - senses[1].score : senses[0].score, neighbours };
}

export function senseScores(
  index: SenseIndex,
  vector: Float32Array,
  classifier: ClassifierOptions,
  nearest?: readonly { example: number; score: number }[],
  probe?: Probe,
): number[] {
  switch (classifier.method) {
    case 'centroid':
      return centroidScores(index, vector);
    case 'knn': {
      const votes = knnScores(index, vector, classifier.k, classifier.weighted, nearest);
      // Ties in votes go to the sense with the closest centroid: add a tie-breaker below one vote's weight.
      const cos = centroidScores(index, vector);
      return votes.map((v, s) => v + cos[s] * 1e-6);
    }
    case 'probe':
      if (!probe) throw new Error(`the probe classifier needs the trained probe of "${index.word}"`);
      return probeScores(probe, vector);
    default: {
      const never: never = classifier;
      throw new Error(`unknown classifier ${JSON.stringify(never)}`);
    }
  }
}
