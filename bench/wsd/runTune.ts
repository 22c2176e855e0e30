/**
 * `--tune`: chooses the classifier (centroid, k-NN with its k and weighting, or the linear probe)
 * by macro-F1 on a stratified validation split of each word's training set, then evaluates
 * centroid, the best k-NN and the probe once on the test set. The probe chooses its own L2 and
 * class weighting inside the 80 % it is given (a nested split), so validation never sees them.
 */
import type { VectorOptions } from '../../src/shared/engineProtocol';
import { poolLayers } from '../../src/bert/vectors';
import { buildSenseIndex, sampleIndices, type ClassifierOptions, type SenseEngine, type SenseIndex } from '../../src/senses';
import { trainProbe } from '../../src/senses/probe/probe';
import { accuracy, macroF1, mean, stratifiedSplit } from '../metrics';
import { markdownTable } from '../report';
import type { Context } from './context';
import { evaluate, type Score } from './evaluate';
import { pct, throughputLine } from './markdown';
import { classifierName, predict } from './predict';
import type { Report } from './report';

const TUNE_CANDIDATES: ClassifierOptions[] = [
  { method: 'centroid' },
  ...[1, 3, 5, 10, 20].flatMap((k) => [false, true].map((weighted) => ({ method: 'knn', k, weighted }) as ClassifierOptions)),
  { method: 'probe' },
];
const VALIDATION = 0.2;
const SEED = 13;

export async function runTune(ctx: Context, engine: SenseEngine, report: Report): Promise<void> {
  const vector = ctx.run.vector;
  const cap = ctx.settings.maxExamplesPerSense;
  // 1. Validation on a stratified 80/20 split of each word's training set (test labels untouched).
  const validation = await validate(ctx, engine, vector, cap);
  const meanF1 = (c: ClassifierOptions) => mean(validation.get(classifierName(c))!.map((s) => s.macroF1));
  const meanAcc = (c: ClassifierOptions) => mean(validation.get(classifierName(c))!.map((s) => s.accuracy));
  // Ties keep the earlier candidate: centroid first, then smaller k, majority before weighted, probe last.
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

  // 2. One test evaluation of centroid, the best k-NN and the probe (full train); the chosen one is among them.
  const finalists: ClassifierOptions[] = [{ method: 'centroid' }, bestKnn, { method: 'probe' }];
  const names = finalists.map(classifierName);
  const run = await evaluate(ctx, engine, engine, vector, cap, finalists, 'tune test');
  const cell = (s: Score) => `${pct(s.accuracy)} / ${pct(s.macroF1)}`;
  const rows = run.words.map((w) => [w.word, String(w.nTest), ...names.map((n) => cell(w.scores[n])), cell(w.mfs), pct(w.paperAccuracy)]);
  const s = run.summary;
  const mark = (n: string, text: string) => (n === classifierName(chosen) ? `**${text}**` : text);
  rows.push(['**mean**', String(s.nTest), ...names.map((n) => mark(n, cell(s.scores[n]))), cell(s.mfs), pct(s.paperAccuracy)]);
  const probeSeconds = run.words.map((w) => w.probeSeconds ?? 0);
  report.markdown.push(
    `### Test (acc / macro-F1), chosen on validation: ${classifierName(chosen)}\n\n` +
      markdownTable(['word', 'n test', ...names.map((n) => mark(n, n === 'centroid' ? 'centroid' : n === 'probe' ? 'probe' : `best k-NN (${n})`)), 'MFS', 'paper acc'], rows) +
      `\n\n${throughputLine(s)} Probe training (settings chosen on a split of train, then refitted): ` +
      `${probeSeconds.reduce((a, b) => a + b, 0).toFixed(1)} s for ${probeSeconds.length} words, at most ${Math.max(...probeSeconds).toFixed(1)} s (${run.words[probeSeconds.indexOf(Math.max(...probeSeconds))]?.word}).`,
  );
  report.json.tune = {
    validationFraction: VALIDATION,
    seed: SEED,
    validation: Object.fromEntries([...validation].map(([k, v]) => [k, { perWord: v, meanAccuracy: mean(v.map((x) => x.accuracy)), meanMacroF1: mean(v.map((x) => x.macroF1)) }])),
    chosen: classifierName(chosen),
    bestKnn: names[1],
    test: run,
  };
}

/** Per candidate classifier (by name), its validation scores, one per word. */
async function validate(ctx: Context, engine: SenseEngine, vector: VectorOptions, cap: number): Promise<Map<string, Score[]>> {
  const validation = new Map<string, Score[]>();
  for (const c of TUNE_CANDIDATES) validation.set(classifierName(c), []);
  for (const word of ctx.words) {
    const { data, layerMeans, hidden } = await engine.trainingLayerMeans(word, { ...ctx.run, vector, maxExamplesPerSense: cap });
    const selected = sampleIndices(data, cap).filter((i) => layerMeans.has(i));
    const split = stratifiedSplit(selected.map((i) => data.examples[i].sense), VALIDATION, SEED);
    const fit = split.fit.map((j) => selected[j]);
    const held = split.validation.map((j) => selected[j]);
    const index: SenseIndex = buildSenseIndex(data, fit, layerMeans, hidden, vector);
    const vectors = held.map((i) => poolLayers(layerMeans.get(i)!, hidden, vector));
    const gold = held.map((i) => data.examples[i].sense);
    const probe = await trainProbe(index);
    for (const c of TUNE_CANDIDATES) {
      const predicted = vectors.map((v) => predict(index, v, c, probe));
      validation.get(classifierName(c))!.push({ accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted) });
    }
    ctx.log(`[tune] ${word}: ${fit.length} fit / ${held.length} validation`);
  }
  return validation;
}
