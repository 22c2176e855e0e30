/**
 * Choosing the WordNet recipe on validation sentences: the weights of examples vs gloss and of
 * the frequency prior (grid search on accuracy), then the margin under which a winner is flagged
 * uncertain (the threshold that best separates wrong from right winners: Youden's J).
 */
import { rankScores, type WordNetRecipe } from '../../src/senses/wordnet';

/** One sentence: cosines to each candidate's example centroid (undefined: none) and gloss vector, and the gold candidate. */
export interface Scored {
  readonly exampleCos: readonly (number | undefined)[];
  readonly glossCos: readonly (number | undefined)[];
  readonly tagCounts: readonly number[];
  readonly gold: number;
}

export const EXAMPLE_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];
export const PRIOR_WEIGHTS = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2];

export function similarities(s: Scored, exampleWeight: number): number[] {
  return s.glossCos.map((g, i) => {
    const e = s.exampleCos[i];
    if (e === undefined) return g ?? 0;
    if (g === undefined) return e;
    return exampleWeight * e + (1 - exampleWeight) * g;
  });
}

/** Winner and margin of each sentence under a recipe. */
export function decide(sentences: readonly Scored[], recipe: WordNetRecipe): { winner: number; margin: number; uncertain: boolean }[] {
  return sentences.map((s) => {
    const r = rankScores(similarities(s, recipe.exampleWeight), s.tagCounts, recipe);
    return { winner: r.order[0], margin: r.margin, uncertain: r.uncertain };
  });
}

/** Mean over groups (words) of the accuracy in each group. */
export function meanAccuracy(groups: readonly (readonly Scored[])[], recipe: WordNetRecipe): number {
  const accs = groups.filter((g) => g.length > 0).map((g) => decide(g, recipe).filter((d, i) => d.winner === g[i].gold).length / g.length);
  return accs.reduce((a, b) => a + b, 0) / accs.length;
}

/** The best weights on validation (ties: the first in grid order, i.e. the simplest). */
export function chooseWeights(groups: readonly (readonly Scored[])[]): { exampleWeight: number; priorWeight: number; accuracy: number } {
  let best = { exampleWeight: 0, priorWeight: 0, accuracy: -1 };
  for (const exampleWeight of EXAMPLE_WEIGHTS) {
    for (const priorWeight of PRIOR_WEIGHTS) {
      const accuracy = meanAccuracy(groups, { exampleWeight, priorWeight, uncertainMargin: 0 });
      if (accuracy > best.accuracy + 1e-12) best = { exampleWeight, priorWeight, accuracy };
    }
  }
  return best;
}

/**
 * The margin threshold maximizing TPR − FPR, where a positive is a wrong winner flagged uncertain
 * (margin < threshold) and a false positive a right winner flagged. 0 (flag nothing) when all are
 * right or all wrong.
 */
export function chooseMargin(margins: readonly number[], correct: readonly boolean[]): number {
  const wrong = correct.filter((c) => !c).length;
  const right = correct.length - wrong;
  if (wrong === 0 || right === 0) return 0;
  let best = { j: 0, threshold: 0 };
  for (const t of [...new Set(margins)].sort((a, b) => a - b)) {
    // Flag margins strictly below the next candidate: threshold t flags every margin < t.
    const flaggedWrong = margins.filter((m, i) => m < t && !correct[i]).length;
    const flaggedRight = margins.filter((m, i) => m < t && correct[i]).length;
    const j = flaggedWrong / wrong - flaggedRight / right;
    if (j > best.j) best = { j, threshold: t };
  }
  return best.threshold;
}
