/**
 * `--confidence`: how often an answer is wrong when the low-confidence rule flags it and when it
 * does not, on the test split, with the index and probe the hover uses first (`--max-examples-per-sense`
 * per sense). One table per classifier's score over a grid of thresholds, then the rule itself
 * (`LOW_CONFIDENCE` in src/shared/confidence.ts). A threshold is worth its flag when the answers
 * under it are wrong at least as often as right.
 */
import type { SenseEngine } from '../../src/senses';
import { senseScores } from '../../src/senses/classify';
import { trainProbe } from '../../src/senses/probe/probe';
import { isLowConfidence, LOW_CONFIDENCE } from '../../src/shared/confidence';
import type { ClassifierOptions } from '../../src/shared/engineProtocol';
import { markdownTable, pct } from '../report';
import { testVectors } from '../testVectors';
import { fullSplit, type Context } from './context';
import type { Report } from './report';

/** One test answer: the winner's score, its margin over the second, and whether it was right. */
interface Answer {
  readonly score: number;
  readonly margin: number;
  readonly correct: boolean;
}

type Method = ClassifierOptions['method'];

const GRIDS: readonly { readonly method: Method; readonly on: 'score' | 'margin'; readonly what: string; readonly thresholds: readonly number[] }[] = [
  { method: 'probe', on: 'score', what: 'probe: winner probability <', thresholds: [0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9] },
  { method: 'probe', on: 'margin', what: 'probe: probability margin <', thresholds: [0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5] },
  { method: 'centroid', on: 'margin', what: 'centroid: cosine margin <', thresholds: [0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1] },
  { method: 'knn', on: 'margin', what: 'knn: vote-share margin <', thresholds: [0.1, 0.3, 0.5, 0.7] },
];

export async function runConfidence(ctx: Context, engine: SenseEngine, report: Report): Promise<void> {
  const vector = ctx.run.vector;
  const k = ctx.settings.knnNeighbours;
  const classifiers: ClassifierOptions[] = [{ method: 'probe' }, { method: 'centroid' }, { method: 'knn', k, weighted: false }];
  const answers = new Map<Method, Answer[]>(classifiers.map((c) => [c.method, []]));
  for (const word of ctx.words) {
    const index = await engine.senseIndex(word, { ...ctx.run, completeIndexInBackground: false });
    const probe = await trainProbe(index);
    const test = await fullSplit(ctx, word, 'test');
    const embedded = await testVectors(engine, ctx.testCacheKey, `${ctx.cacheDir}/bench-test`, word, test.examples, vector);
    embedded.vectors.forEach((v, i) => {
      if (!v) return;
      for (const c of classifiers) {
        const scores = senseScores(index, v, c, undefined, c.method === 'probe' ? probe : undefined);
        const order = scores.map((_, s) => s).sort((a, b) => scores[b] - scores[a]);
        const [best, second] = order;
        const margin = second === undefined ? scores[best] : scores[best] - scores[second];
        answers.get(c.method)!.push({ score: scores[best], margin, correct: index.senses[best] === test.examples[i].sense });
      }
    });
    ctx.log(`[confidence] ${word}: ${embedded.vectors.length} test sentences`);
  }

  const row = (name: string, all: readonly Answer[], flagged: (a: Answer) => boolean) => {
    const on = all.filter(flagged);
    const off = all.filter((a) => !flagged(a));
    const wrong = (list: readonly Answer[]) => (list.length ? list.filter((a) => !a.correct).length / list.length : NaN);
    return [name, pct(on.length / all.length), pct(wrong(on)), pct(wrong(off)), String(on.length)];
  };
  const header = ['flag when', 'flagged %', 'wrong when flagged %', 'wrong when not flagged %', 'flagged answers'];
  const rows = GRIDS.flatMap((g) => g.thresholds.map((t) => row(`${g.what} ${t}`, answers.get(g.method)!, (a) => a[g.on] < t)));
  const rule = classifiers.map((c) =>
    row(`the rule, ${c.method}${c.method === 'knn' ? ` (k = ${k})` : ''}`, answers.get(c.method)!, (a) => isLowConfidence({ winner: { score: a.score }, margin: a.margin, classifier: c })),
  );
  report.markdown.push(
    `### Low confidence on the test split (${answers.get('probe')!.length} answers; last ${vector.layers} ${vector.pooling}, ` +
      `${ctx.settings.maxExamplesPerSense || 'all'} examples per sense)\n\n` +
      `${markdownTable(header, rows)}\n\nThe rule (src/shared/confidence.ts): ${JSON.stringify(LOW_CONFIDENCE)}\n\n${markdownTable(header, rule)}`,
  );
  report.json.confidence = { rule: LOW_CONFIDENCE, rows: [...rows, ...rule] };
}
