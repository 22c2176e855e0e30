/**
 * When a dataset answer is too weak to trust: the one rule of the hover's "Low confidence" line
 * and the `?` of Analyze Selection's annotations. Each threshold is the largest of a grid under
 * which answers on the CoarseWSD-20 test split are wrong at least as often as right
 * (`npm run bench:wsd -- --confidence`; docs/accuracy.md has the numbers and the model).
 */
import type { ClassifierOptions } from './engineProtocol';

/**
 * Per classifier: the probe's winner probability and margin (calibrated probabilities, so both
 * speak), the cosine margin of `centroid`, the vote-share margin of `knn`.
 */
export const LOW_CONFIDENCE = {
  probe: { probability: 0.6, margin: 0.3 },
  centroid: { margin: 0.05 },
  // Vote shares move in steps of 1/k: this flags ties only. With k = 1 nothing is ever flagged.
  knn: { margin: 0.1 },
} as const;

/** What the rule reads of an answer (a `Classification` has it all). */
export interface ScoredAnswer {
  readonly winner: { readonly score: number };
  readonly margin: number;
  /** The classifier that answered. */
  readonly classifier: Pick<ClassifierOptions, 'method'>;
}

/** True when the best sense is weak or hardly ahead of the second: none of the senses may fit. */
export function isLowConfidence(answer: ScoredAnswer): boolean {
  switch (answer.classifier.method) {
    case 'probe':
      return answer.winner.score < LOW_CONFIDENCE.probe.probability || answer.margin < LOW_CONFIDENCE.probe.margin;
    case 'centroid':
      return answer.margin < LOW_CONFIDENCE.centroid.margin;
    case 'knn':
      return answer.margin < LOW_CONFIDENCE.knn.margin;
  }
}
