/**
 * Evaluation of one configuration (vector, cap, classifiers): per word, build the sense index,
 * classify the test set and score it against the gold senses and the MFS baseline; then the
 * summary over the words.
 */
import * as path from 'node:path';
import type { VectorOptions } from '../../src/shared/engineProtocol';
import { classifyVector, type ClassifierOptions, type SenseEngine } from '../../src/senses';
import { trainProbe } from '../../src/senses/probe/probe';
import { accuracy, macroF1, mean, mfsBaseline } from '../metrics';
import { pct } from '../report';
import { testVectors } from '../testVectors';
import { fullSplit, type Context } from './context';
import { classifierName, predict } from './predict';

export interface Score {
  readonly accuracy: number;
  readonly macroF1: number;
}

export interface WordRun {
  readonly word: string;
  readonly nTrain: number;
  readonly nTest: number;
  /** Test sentences whose target had no word pieces (counted as wrong). */
  readonly unembedded: number;
  readonly scores: Record<string, Score>;
  readonly mfs: Score & { readonly sense: string | undefined };
  readonly paperAccuracy: number | undefined;
  readonly indexSeconds: number;
  /** Training sentences run through BERT for this index (0: all came from the vector cache). */
  readonly embeddedTrain: number;
  readonly testEmbedSeconds: number;
  readonly testEmbedCached: boolean;
  readonly classifySeconds: number;
  /** Time to train the word's probe (choice of settings included), when a probe was evaluated. */
  readonly probeSeconds?: number;
}

export interface Summary {
  readonly scores: Record<string, Score>;
  readonly mfs: Score;
  readonly paperAccuracy: number;
  readonly nTest: number;
  readonly nTrain: number;
  readonly indexSeconds: number;
  readonly embeddedTrain: number;
  readonly testEmbedSeconds: number;
  readonly testEmbedded: number;
  readonly classifySeconds: number;
}

export interface Evaluation {
  readonly words: WordRun[];
  readonly summary: Summary;
}

/**
 * Every word of `ctx` with the index of `indexEngine` (its training data, capped at `cap` per
 * sense) and the test vectors of `testEngine`, one score per classifier; logs one line per word
 * with the first classifier's scores.
 */
export async function evaluate(
  ctx: Context,
  indexEngine: SenseEngine,
  testEngine: SenseEngine,
  vector: VectorOptions,
  cap: number,
  classifiers: readonly ClassifierOptions[],
  label: string,
): Promise<Evaluation> {
  const words: WordRun[] = [];
  for (const word of ctx.words) {
    const run = await evaluateWord(ctx, indexEngine, testEngine, word, vector, cap, classifiers);
    const main = run.scores[classifierName(classifiers[0])];
    ctx.log(
      `[${label}] ${word}: acc ${pct(main.accuracy)} F1 ${pct(main.macroF1)} (MFS F1 ${pct(run.mfs.macroF1)}), index ${run.indexSeconds.toFixed(1)} s` +
        `${run.embeddedTrain ? ` (${run.embeddedTrain} embedded)` : ' (cached vectors)'}, test ${run.testEmbedCached ? 'cached' : `${run.testEmbedSeconds.toFixed(1)} s`}`,
    );
    words.push(run);
  }
  return { words, summary: summarize(words) };
}

async function evaluateWord(
  ctx: Context,
  indexEngine: SenseEngine,
  testEngine: SenseEngine,
  word: string,
  vector: VectorOptions,
  cap: number,
  classifiers: readonly ClassifierOptions[],
): Promise<WordRun> {
  let embeddedTrain = 0;
  const t0 = performance.now();
  // The index of `cap` itself, not a first stage answering while it completes in the background.
  const index = await indexEngine.senseIndex(word, {
    ...ctx.run,
    completeIndexInBackground: false,
    vector,
    maxExamplesPerSense: cap,
    onProgress: (p) => {
      if (p.kind === 'index') embeddedTrain = Math.max(embeddedTrain, p.total);
    },
  });
  const indexSeconds = (performance.now() - t0) / 1000;

  const test = await fullSplit(ctx, word, 'test');
  const train = await fullSplit(ctx, word, 'train');
  const embedded = await testVectors(testEngine, ctx.testCacheKey, path.join(ctx.cacheDir, 'bench-test'), word, test.examples, vector);
  const gold = test.examples.map((e) => e.sense);
  const t2 = performance.now();
  const probe = classifiers.some((c) => c.method === 'probe') ? await trainProbe(index) : undefined;
  const probeSeconds = probe && (performance.now() - t2) / 1000;
  const t1 = performance.now();
  const scores: Record<string, Score> = {};
  for (const classifier of classifiers) {
    const predicted = embedded.vectors.map((v) => (v ? predict(index, v, classifier, probe) : ''));
    // Self-check of the shortcut against the engine's own decision on a few sentences.
    embedded.vectors.slice(0, 10).forEach((v, i) => {
      if (v && classifyVector(index, v, classifier, probe).winner.sense !== predicted[i]) throw new Error(`predict() disagrees with classifyVector on ${word} #${i}`);
    });
    scores[classifierName(classifier)] = { accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted) };
  }
  const classifySeconds = (performance.now() - t1) / 1000;
  const mfs = mfsBaseline(
    train.examples.map((e) => e.sense),
    gold,
    train.senses,
  );
  return {
    word,
    nTrain: index.examples.length,
    nTest: gold.length,
    unembedded: embedded.vectors.filter((v) => !v).length,
    scores,
    mfs,
    paperAccuracy: ctx.paper.get(word),
    indexSeconds,
    embeddedTrain,
    testEmbedSeconds: embedded.seconds,
    testEmbedCached: embedded.cached,
    classifySeconds,
    probeSeconds,
  };
}

function summarize(words: readonly WordRun[]): Summary {
  const names = Object.keys(words[0]?.scores ?? {});
  const scores: Record<string, Score> = {};
  for (const n of names) {
    scores[n] = { accuracy: mean(words.map((w) => w.scores[n].accuracy)), macroF1: mean(words.map((w) => w.scores[n].macroF1)) };
  }
  const sum = (f: (w: WordRun) => number) => words.reduce((a, w) => a + f(w), 0);
  const paper = words.map((w) => w.paperAccuracy).filter((x): x is number => x !== undefined);
  return {
    scores,
    mfs: { accuracy: mean(words.map((w) => w.mfs.accuracy)), macroF1: mean(words.map((w) => w.mfs.macroF1)) },
    paperAccuracy: mean(paper),
    nTest: sum((w) => w.nTest),
    nTrain: sum((w) => w.nTrain),
    indexSeconds: sum((w) => w.indexSeconds),
    embeddedTrain: sum((w) => w.embeddedTrain),
    testEmbedSeconds: sum((w) => w.testEmbedSeconds),
    testEmbedded: sum((w) => (w.testEmbedCached ? 0 : w.nTest)),
    classifySeconds: sum((w) => w.classifySeconds),
  };
}
