/**
 * `--tune`: chooses the classifier (centroid or k-NN, k and weighting) by macro-F1 on a stratified
 * validation split of each word's training set, then evaluates centroid, the best k-NN and the
 * chosen one once on the test set.
 */
import type { VectorOptions } from '../../src/engine/options';
import { poolLayers } from '../../src/engine/vectors';
import { buildSenseIndex, sampleIndices, type ClassifierOptions, type SenseEngine, type SenseIndex } from '../../src/senses';
import { accuracy, macroF1, mean, stratifiedSplit } from '../metrics';
import { markdownTable } from '../report';
import type { Context } from './context';
import { evaluate, type Score } from './evaluate';
import { pct, throughputLine } from './markdown';
import { intList, type WsdArgs } from './options';
import { classifierName, predict } from './predict';
import type { Report } from './report';

const TUNE_CANDIDATES: ClassifierOptions[] = [
  { method: 'centroid' },
  ...[1, 3, 5, 10, 20].flatMap((k) => [false, true].map((weighted) => ({ method: 'knn', k, weighted }) as ClassifierOptions)),
];
const VALIDATION = 0.2;
const SEED = 13;

export async function runTune(ctx: Context, engine: SenseEngine, args: WsdArgs, report: Report): Promise<void> {
  const vector = { layers: intList(args.layers!, 'layers')[0], pooling: args.pooling } as VectorOptions;
  const cap = intList(args['max-per-sense']!, 'max-per-sense')[0];
  // 1. Validation on a stratified 80/20 split of each word's training set (test labels untouched).
  const validation = await validate(ctx, engine, vector, cap);
  const meanF1 = (c: ClassifierOptions) => mean(validation.get(classifierName(c))!.map((s) => s.macroF1));
  const meanAcc = (c: ClassifierOptions) => mean(validation.get(classifierName(c))!.map((s) => s.accuracy));
  // Ties keep the earlier candidate: centroid first, then smaller k, majority before weighted.
  const best = (list: ClassifierOptions[]) => list.reduce((a, b) => (meanF1(b) > meanF1(a) ? b : a));
  const chosen = best(TUNE_CANDIDATES);
  const bestKnn = best(TUNE_CANDIDATES.filter((c) => c.method === 'knn'));
  report.markdown.push(
    `### Validation (stratified ${100 - VALIDATION * 100}/${VALIDATION * 100} split of train, seed ${SEED}; mean over words)\n\n` +
      markdownTable(
        ['classifier', 'val acc', 'val macro-F1'],
        TUNE_CANDIDATES.map((c) => [classifierName(c) + (c === chosen ? ' **(chosen)**' : ''), pct(meanAcc(c)), pct(meanF1(c))]),
      ),
  );

  // 2. One test evaluation of centroid, the best k-NN and the chosen classifier (full train).
  const finalists = [{ method: 'centroid' } as ClassifierOptions, bestKnn, chosen];
  const names = finalists.map(classifierName);
  const unique = finalists.filter((c, i) => names.indexOf(classifierName(c)) === i);
  const run = await evaluate(ctx, engine, engine, vector, cap, unique, 'tune test');
  const cell = (s: Score) => `${pct(s.accuracy)} / ${pct(s.macroF1)}`;
  const rows = run.words.map((w) => [
    w.word,
    String(w.nTest),
    cell(w.scores[names[0]]),
    cell(w.scores[names[1]]),
    cell(w.scores[names[2]]),
    cell(w.mfs),
    pct(w.paperAccuracy),
  ]);
  const s = run.summary;
  rows.push(['**mean**', String(s.nTest), cell(s.scores[names[0]]), cell(s.scores[names[1]]), `**${cell(s.scores[names[2]])}**`, cell(s.mfs), pct(s.paperAccuracy)]);
  report.markdown.push(
    `### Test (acc / macro-F1): centroid vs best k-NN (${names[1]}) vs chosen (${names[2]})\n\n` +
      markdownTable(['word', 'n test', 'centroid', `best k-NN (${names[1]})`, `chosen (${names[2]})`, 'MFS', 'paper acc'], rows) +
      `\n\n${throughputLine(s)}`,
  );
  report.json.tune = {
    validationFraction: VALIDATION,
    seed: SEED,
    validation: Object.fromEntries([...validation].map(([k, v]) => [k, { perWord: v, meanAccuracy: mean(v.map((x) => x.accuracy)), meanMacroF1: mean(v.map((x) => x.macroF1)) }])),
    chosen: names[2],
    bestKnn: names[1],
    test: run,
  };
}

/** Per candidate classifier (by name), its validation scores, one per word. */
async function validate(ctx: Context, engine: SenseEngine, vector: VectorOptions, cap: number): Promise<Map<string, Score[]>> {
  const validation = new Map<string, Score[]>();
  for (const c of TUNE_CANDIDATES) validation.set(classifierName(c), []);
  for (const word of ctx.words) {
    const { data, layerMeans, hidden } = await engine.trainingLayerMeans(word, { vector, maxPerSense: cap });
    const selected = sampleIndices(data, cap).filter((i) => layerMeans.has(i));
    const split = stratifiedSplit(selected.map((i) => data.examples[i].sense), VALIDATION, SEED);
    const fit = split.fit.map((j) => selected[j]);
    const held = split.validation.map((j) => selected[j]);
    const index: SenseIndex = buildSenseIndex(data, fit, layerMeans, hidden, vector);
    const vectors = held.map((i) => poolLayers(layerMeans.get(i)!, hidden, vector));
    const gold = held.map((i) => data.examples[i].sense);
    for (const c of TUNE_CANDIDATES) {
      const predicted = vectors.map((v) => predict(index, v, c));
      validation.get(classifierName(c))!.push({ accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted) });
    }
    ctx.log(`[tune] ${word}: ${fit.length} fit / ${held.length} validation`);
  }
  return validation;
}
