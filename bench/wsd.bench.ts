/**
 * CoarseWSD-20 benchmark of the sense engine (Loureiro et al. 2021, 1-NN recipe), against the
 * most-frequent-sense baseline and the paper's BERT-base accuracies.
 *
 *   npm run bench:wsd -- --model <dir|hub id> --data <CoarseWSD-20 dir> [--layers k] [--pooling sum|mean]
 *     [--shots 1,3,10,30] [--nshot <dir>] [--max-per-sense n] [--caps 10,30,100,300,0]
 *     [--classifier centroid|knn --k n --weighted] [--tune] [--compare-vectors <file>]
 *     [--out <dir>] [--words bank,bass] [--cache <dir>] [--fresh-cache] [--dtype fp32|q8]
 *
 * `--layers` and `--pooling` also take comma lists (one table per combination). The data is
 * CC BY-NC 4.0 and is only read from `--data`; nothing of it is written into the repository
 * (results hold metrics only).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isLocalModel, silentLogger, type Logger } from '../src/engine';
import type { VectorOptions } from '../src/engine/options';
import { poolLayers } from '../src/engine/vectors';
import {
  buildSenseIndex,
  classifyVector,
  COARSEWSD20_WORDS,
  Dataset,
  sampleIndices,
  SenseEngine,
  type ClassifierOptions,
  type SenseIndex,
  type WordData,
} from '../src/senses';
import { senseScores } from '../src/senses/classify';
import { accuracy, macroF1, mean, mfsBaseline, std, stratifiedSplit } from './metrics';
import { testVectors } from './testVectors';

// ---------------------------------------------------------------------------------------------
// Options

interface Context {
  readonly model: string;
  readonly dtype: 'fp32' | 'q8';
  readonly allowNetwork: boolean;
  readonly data: string;
  readonly cacheDir: string;
  readonly testCacheKey: string;
  readonly words: readonly string[];
  readonly paper: ReadonlyMap<string, number>;
  readonly dataset: Dataset;
  readonly logger: Logger;
  readonly log: (message: string) => void;
}

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    layers: { type: 'string', default: '4' },
    pooling: { type: 'string', default: 'sum' },
    shots: { type: 'string' },
    nshot: { type: 'string' },
    'max-per-sense': { type: 'string', default: '0' },
    caps: { type: 'string' },
    classifier: { type: 'string', default: 'centroid' },
    k: { type: 'string', default: '5' },
    weighted: { type: 'boolean', default: false },
    tune: { type: 'boolean', default: false },
    'compare-vectors': { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
    words: { type: 'string' },
    cache: { type: 'string', default: '.bench-cache' },
    'fresh-cache': { type: 'boolean', default: false },
    dtype: { type: 'string', default: 'fp32' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

const USAGE = `usage: npm run bench:wsd -- --model <dir|hub id> --data <CoarseWSD-20 dir> [options]
  --layers k[,k…] --pooling sum|mean[,…]   token vector: last k layers, summed or averaged (default 4, sum)
  --classifier centroid|knn --k n --weighted   centroid = the paper's 1-NN over sense vectors
  --max-per-sense n | --caps 10,30,100,300,0   training examples per sense (0 = all); --caps sweeps
  --shots 1,3,10,30 [--nshot <dir>]          n-shot training sets (default <data>/../coarsewsd20-nshot)
  --tune                                     choose classifier and k on a validation split of train
  --compare-vectors <file>                   cosine of our sense vectors to released ones
  --words bank,bass  --out <dir>  --cache <dir>  --fresh-cache  --dtype fp32|q8  --quiet`;

function intList(text: string, name: string): number[] {
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--${name} takes non-negative integers (got "${text}")`);
  return list;
}

function classifierName(c: ClassifierOptions): string {
  return c.method === 'centroid' ? 'centroid' : `knn k=${c.k}${c.weighted ? ' weighted' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Evaluation of one configuration over the words

interface Score {
  readonly accuracy: number;
  readonly macroF1: number;
}

interface WordRun {
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
}

interface Summary {
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

const trainCache = new Map<string, Promise<WordData>>();
const testCache = new Map<string, Promise<WordData>>();
function fullSplit(ctx: Context, word: string, split: 'train' | 'test'): Promise<WordData> {
  const cache = split === 'train' ? trainCache : testCache;
  let p = cache.get(word);
  if (!p) cache.set(word, (p = ctx.dataset.load(word, split)));
  return p;
}

/**
 * `classifyVector(index, v, c).winner.sense` without its two nearest-neighbour look-ups (a full
 * sort of the index per call, which dominated the benchmark's time): the same scores, and the
 * same winner, since a stable descending sort puts the first best-scoring sense first.
 */
function predict(index: SenseIndex, vector: Float32Array, classifier: ClassifierOptions): string {
  const scores = senseScores(index, vector, classifier);
  let best = 0;
  for (let s = 1; s < scores.length; s++) if (scores[s] > scores[best]) best = s;
  return index.senses[best];
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
  const index = await indexEngine.senseIndex(word, {
    vector,
    maxPerSense: cap,
    onProgress: (p) => {
      if (p.kind === 'index') embeddedTrain = Math.max(embeddedTrain, p.total);
    },
  });
  const indexSeconds = (performance.now() - t0) / 1000;

  const test = await fullSplit(ctx, word, 'test');
  const train = await fullSplit(ctx, word, 'train');
  const embedded = await testVectors(testEngine, ctx.testCacheKey, path.join(ctx.cacheDir, 'bench-test'), word, test.examples, vector);
  const gold = test.examples.map((e) => e.sense);
  const t1 = performance.now();
  const scores: Record<string, Score> = {};
  for (const classifier of classifiers) {
    const predicted = embedded.vectors.map((v) => (v ? predict(index, v, classifier) : ''));
    // Self-check of the shortcut against the engine's own decision on a few sentences.
    embedded.vectors.slice(0, 10).forEach((v, i) => {
      if (v && classifyVector(index, v, classifier).winner.sense !== predicted[i]) throw new Error(`predict() disagrees with classifyVector on ${word} #${i}`);
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
  };
}

async function evaluate(
  ctx: Context,
  indexEngine: SenseEngine,
  testEngine: SenseEngine,
  vector: VectorOptions,
  cap: number,
  classifiers: readonly ClassifierOptions[],
  label: string,
): Promise<{ words: WordRun[]; summary: Summary }> {
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

// ---------------------------------------------------------------------------------------------
// Markdown

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : (100 * x).toFixed(1));
const rate = (n: number, s: number) => (n > 0 && s > 0 ? (n / s).toFixed(0) : '–');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function throughputLine(s: Summary): string {
  const index = s.embeddedTrain > 0
    ? `index build: ${s.embeddedTrain} training sentences embedded in ${s.indexSeconds.toFixed(1)} s (${rate(s.embeddedTrain, s.indexSeconds)} sentences/s)`
    : `index build: ${s.nTrain} training vectors read from the cache in ${s.indexSeconds.toFixed(1)} s`;
  const test = s.testEmbedded > 0
    ? `test: ${s.testEmbedded} sentences embedded in ${s.testEmbedSeconds.toFixed(1)} s + classified in ${s.classifySeconds.toFixed(1)} s (${rate(s.testEmbedded, s.testEmbedSeconds + s.classifySeconds)} sentences/s)`
    : `test: ${s.nTest} sentence vectors from the cache, classified in ${s.classifySeconds.toFixed(1)} s (${rate(s.nTest, s.classifySeconds)} sentences/s)`;
  return `${index}; ${test}.`;
}

function wordTable(run: { words: WordRun[]; summary: Summary }, classifier: string): string {
  const rows = run.words.map((w) => [
    w.word,
    String(w.nTest),
    pct(w.scores[classifier].accuracy),
    pct(w.scores[classifier].macroF1),
    pct(w.mfs.accuracy),
    pct(w.mfs.macroF1),
    pct(w.paperAccuracy),
  ]);
  const s = run.summary;
  rows.push(['**mean**', String(s.nTest), `**${pct(s.scores[classifier].accuracy)}**`, `**${pct(s.scores[classifier].macroF1)}**`, pct(s.mfs.accuracy), pct(s.mfs.macroF1), pct(s.paperAccuracy)]);
  return table(['word', 'n test', 'acc', 'macro-F1', 'MFS acc', 'MFS F1', 'paper acc (BERT-base)'], rows);
}

// ---------------------------------------------------------------------------------------------
// Modes

interface Report {
  readonly title: string;
  readonly markdown: string[];
  readonly json: Record<string, unknown>;
}

async function runTables(ctx: Context, engine: SenseEngine, report: Report): Promise<void> {
  const layers = intList(args.layers!, 'layers');
  const poolings = args.pooling!.split(',').map((p) => p.trim());
  const cap = intList(args['max-per-sense']!, 'max-per-sense')[0];
  const classifier: ClassifierOptions =
    args.classifier === 'knn' ? { method: 'knn', k: intList(args.k!, 'k')[0], weighted: args.weighted! } : { method: 'centroid' };
  if (args.classifier !== 'knn' && args.classifier !== 'centroid') throw new Error('--classifier is centroid or knn');
  const name = classifierName(classifier);
  const summaryRows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const pooling of poolings) {
    for (const k of layers) {
      const vector = { layers: k, pooling } as VectorOptions;
      const label = `last ${k} ${pooling}, ${name}${cap ? `, ≤${cap}/sense` : ''}`;
      const run = await evaluate(ctx, engine, engine, vector, cap, [classifier], label);
      report.markdown.push(`### ${label}\n\n${wordTable(run, name)}\n\n${throughputLine(run.summary)}`);
      const s = run.summary;
      summaryRows.push([label, pct(s.scores[name].accuracy), pct(s.scores[name].macroF1), pct(s.mfs.accuracy), pct(s.mfs.macroF1), pct(s.paperAccuracy)]);
      runs[label] = run;
    }
  }
  if (summaryRows.length > 1) {
    report.markdown.push(`### Summary (macro average over words)\n\n${table(['configuration', 'acc', 'macro-F1', 'MFS acc', 'MFS F1', 'paper acc'], summaryRows)}`);
  }
  report.json.runs = runs;
}

async function runCaps(ctx: Context, engine: SenseEngine, caps: readonly number[], report: Report): Promise<void> {
  const vector = { layers: intList(args.layers!, 'layers')[0], pooling: args.pooling } as VectorOptions;
  const rows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const cap of caps) {
    // With --fresh-cache every cap embeds its training sentences anew, so its build time is real.
    const fresh = args['fresh-cache'] ? await fsp.mkdtemp(path.join(os.tmpdir(), 'wsd-bench-')) : undefined;
    const indexEngine = fresh ? newEngine(ctx, ctx.data, fresh) : engine;
    try {
      const run = await evaluate(ctx, indexEngine, engine, vector, cap, [{ method: 'centroid' }], `cap ${cap || 'all'}`);
      const s = run.summary;
      rows.push([
        cap === 0 ? 'all' : String(cap),
        String(s.nTrain),
        pct(s.scores.centroid.accuracy),
        pct(s.scores.centroid.macroF1),
        pct(s.mfs.macroF1),
        s.indexSeconds.toFixed(1),
        s.embeddedTrain > 0 ? rate(s.embeddedTrain, s.indexSeconds) : 'cached',
      ]);
      runs[String(cap)] = run;
    } finally {
      if (fresh) {
        await indexEngine.dispose();
        await fsp.rm(fresh, { recursive: true, force: true });
      }
    }
  }
  report.markdown.push(
    `### Examples-per-sense curve (last ${vector.layers} ${vector.pooling}, centroid)\n\n` +
      table(['max per sense', 'train sentences', 'acc', 'macro-F1', 'MFS F1', 'index build s', 'sentences/s'], rows),
  );
  report.json.caps = runs;
}

async function runShots(ctx: Context, engine: SenseEngine, shots: readonly number[], report: Report): Promise<void> {
  const vector = { layers: intList(args.layers!, 'layers')[0], pooling: args.pooling } as VectorOptions;
  const nshot = path.resolve(args.nshot ?? path.join(ctx.data, '..', 'coarsewsd20-nshot'));
  const rows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const n of shots) {
    const perSet: Summary[] = [];
    // Words with too few training sentences for a sense have no `word_n` folder (e.g. no 30-shot set
    // for deck): they are left out of that row, which says over how many words it averages.
    const words = ctx.words.filter((w) => [1, 2, 3].every((set) => fs.existsSync(path.join(nshot, `set${set}`, `${w}_${n}`))));
    const missing = ctx.words.filter((w) => !words.includes(w));
    if (missing.length > 0) ctx.log(`[${n}-shot] no n-shot set for ${missing.join(', ')}: left out`);
    const shotCtx: Context = { ...ctx, words };
    for (const set of [1, 2, 3]) {
      // The engine reads one sub-folder per word: a folder of symlinks word → setK/word_n.
      const links = path.join(ctx.cacheDir, 'nshot-links', `set${set}-${n}`);
      await fsp.mkdir(links, { recursive: true });
      for (const word of words) {
        const target = path.join(nshot, `set${set}`, `${word}_${n}`);
        if (!fs.existsSync(target)) throw new Error(`missing n-shot folder ${target}`);
        const link = path.join(links, word);
        if (!fs.existsSync(link)) await fsp.symlink(target, link, 'dir');
      }
      const setEngine = newEngine(ctx, links, ctx.cacheDir);
      try {
        const run = await evaluate(shotCtx, setEngine, engine, vector, 0, [{ method: 'centroid' }], `${n}-shot set${set}`);
        perSet.push(run.summary);
        runs[`${n}-shot set${set}`] = { ...run, words: run.words, missing };
      } finally {
        await setEngine.dispose();
      }
    }
    const f1 = perSet.map((s) => s.scores.centroid.macroF1);
    const acc = perSet.map((s) => s.scores.centroid.accuracy);
    rows.push([
      String(n),
      `${words.length}${missing.length ? ` (no ${missing.join(', ')})` : ''}`,
      ...perSet.map((s) => `${pct(s.scores.centroid.accuracy)} / ${pct(s.scores.centroid.macroF1)}`),
      `${pct(mean(acc))} ± ${pct(std(acc))}`,
      `${pct(mean(f1))} ± ${pct(std(f1))}`,
      `${pct(perSet[0].mfs.accuracy)} / ${pct(perSet[0].mfs.macroF1)}`,
    ]);
  }
  report.markdown.push(
    `### n-shot (last ${vector.layers} ${vector.pooling}, centroid; acc / macro-F1 per set, mean over the row's words; ± = sample std over the 3 sets)\n\n` +
      table(['shots', 'words', 'set1 acc / F1', 'set2 acc / F1', 'set3 acc / F1', 'acc mean ± std', 'macro-F1 mean ± std', 'MFS acc / F1 (full train)'], rows),
  );
  report.json.shots = runs;
}

const TUNE_CANDIDATES: ClassifierOptions[] = [
  { method: 'centroid' },
  ...[1, 3, 5, 10, 20].flatMap((k) => [false, true].map((weighted) => ({ method: 'knn', k, weighted }) as ClassifierOptions)),
];

async function runTune(ctx: Context, engine: SenseEngine, report: Report): Promise<void> {
  const vector = { layers: intList(args.layers!, 'layers')[0], pooling: args.pooling } as VectorOptions;
  const cap = intList(args['max-per-sense']!, 'max-per-sense')[0];
  const VALIDATION = 0.2;
  const SEED = 13;
  // 1. Validation on a stratified 80/20 split of each word's training set (test labels untouched).
  const validation = new Map<string, Score[]>(); // classifier → per-word scores
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
  const meanF1 = (c: ClassifierOptions) => mean(validation.get(classifierName(c))!.map((s) => s.macroF1));
  const meanAcc = (c: ClassifierOptions) => mean(validation.get(classifierName(c))!.map((s) => s.accuracy));
  // Ties keep the earlier candidate: centroid first, then smaller k, majority before weighted.
  const best = (list: ClassifierOptions[]) => list.reduce((a, b) => (meanF1(b) > meanF1(a) ? b : a));
  const chosen = best(TUNE_CANDIDATES);
  const bestKnn = best(TUNE_CANDIDATES.filter((c) => c.method === 'knn'));
  report.markdown.push(
    `### Validation (stratified ${100 - VALIDATION * 100}/${VALIDATION * 100} split of train, seed ${SEED}; mean over words)\n\n` +
      table(
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
      table(['word', 'n test', 'centroid', `best k-NN (${names[1]})`, `chosen (${names[2]})`, 'MFS', 'paper acc'], rows) +
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

async function runCompare(ctx: Context, engine: SenseEngine, file: string, report: Report): Promise<void> {
  const released = new Map<string, Float32Array>();
  for (const line of (await fsp.readFile(file, 'utf8')).split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2) continue;
    released.set(parts[0], Float32Array.from(parts.slice(1), Number));
  }
  const releasedDims = new Set([...released.values()].map((v) => v.length));
  const vector: VectorOptions = { layers: 4, pooling: 'sum' };
  const rows: string[][] = [];
  const cosines: number[] = [];
  for (const word of ctx.words) {
    const index = await engine.senseIndex(word, { vector, maxPerSense: 0 });
    const hidden = index.centroids[0]?.length ?? 0;
    if (!releasedDims.has(hidden) || releasedDims.size !== 1) {
      const message =
        `Cannot compare sense vectors: the released vectors in ${file} are ${[...releasedDims].join('/')}-dimensional but ` +
        `${ctx.model} has hidden size ${hidden}. Cosines between different embedding spaces are undefined; comparison skipped ` +
        `(use bert-base-uncased, hidden size 768, to compare).`;
      console.error(message);
      report.markdown.push(`### Sense vectors vs released vectors\n\n${message}`);
      report.json.compare = { skipped: true, reason: message, releasedDims: [...releasedDims], hidden };
      return;
    }
    index.senses.forEach((sense, s) => {
      const theirs = released.get(sense);
      if (!theirs || index.counts[s] === 0) {
        rows.push([sense, String(index.counts[s]), 'missing']);
        return;
      }
      const c = cosineOf(index.centroids[s], theirs);
      cosines.push(c);
      rows.push([sense, String(index.counts[s]), c.toFixed(4)]);
    });
  }
  rows.push(['**mean**', '', `**${mean(cosines).toFixed(4)}**`]);
  report.markdown.push(`### Our centroids (last 4 sum, all training examples) vs released sense vectors: cosine\n\n${table(['sense', 'train n', 'cosine'], rows)}`);
  report.json.compare = { skipped: false, meanCosine: mean(cosines), rows };
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : d / Math.sqrt(na * nb);
}

// ---------------------------------------------------------------------------------------------
// Setup

function newEngine(ctx: Context, datasetDir: string, cacheDir: string): SenseEngine {
  return new SenseEngine({ model: ctx.model, dtype: ctx.dtype, cacheDir, datasetDir, allowNetwork: ctx.allowNetwork, logger: ctx.logger });
}

function readPaper(data: string): Map<string, number> {
  const file = path.join(data, 'paper-1nn-bert-base-uncased.csv');
  const out = new Map<string, number>();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    const [word, sense, , acc] = line.split(',');
    if (sense === 'ALL') out.set(word, Number(acc));
  }
  return out;
}

/** Identifies the model's weights for the test-vector cache (path + size + mtime of its files). */
function modelKey(model: string, dtype: string, local: boolean): string {
  const parts = [model, dtype];
  if (local) {
    for (const f of ['config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json']) {
      const st = fs.statSync(path.join(model, f), { throwIfNoEntry: false });
      if (st) parts.push(`${f}:${st.size}:${st.mtimeMs}`);
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

async function main(): Promise<void> {
  const started = performance.now();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.model || !args.data) throw new Error(USAGE);
  const local = fs.existsSync(args.model) || isLocalModel(args.model);
  const model = local ? path.resolve(args.model) : args.model;
  const data = path.resolve(args.data);
  const cacheDir = path.resolve(args.cache!);
  const dtype = args.dtype === 'q8' ? 'q8' : 'fp32';
  const words = args.words ? args.words.split(',').map((w) => w.trim()) : [...COARSEWSD20_WORDS];
  for (const w of words) if (!(COARSEWSD20_WORDS as readonly string[]).includes(w)) throw new Error(`"${w}" is not a CoarseWSD-20 word`);
  const log = args.quiet ? () => undefined : (m: string) => console.error(m);
  const logger: Logger = { ...silentLogger, warn: (m) => console.error(`warn: ${m}`), error: (m) => console.error(`error: ${m instanceof Error ? m.message : m}`) };
  const ctx: Context = {
    model,
    dtype,
    allowNetwork: !local,
    data,
    cacheDir,
    testCacheKey: `${modelKey(model, dtype, local)}\n${data}`,
    words,
    paper: readPaper(data),
    dataset: new Dataset({ folder: data, cacheDir: path.join(cacheDir, 'datasets'), allowNetwork: false, logger }),
    logger,
    log,
  };

  let mode = 'table';
  if (args['compare-vectors']) mode = 'compare';
  else if (args.tune) mode = 'tune';
  else if (args.shots) mode = 'shots';
  else if (args.caps) mode = 'caps';
  const report: Report = { title: `CoarseWSD-20, ${path.basename(model)} (${mode})`, markdown: [], json: {} };

  // With --fresh-cache the main engine's training vectors go to a temporary folder (real build times).
  const freshMain = args['fresh-cache'] && mode !== 'caps' ? await fsp.mkdtemp(path.join(os.tmpdir(), 'wsd-bench-')) : undefined;
  const engine = newEngine(ctx, data, freshMain ?? cacheDir);
  try {
    const t = performance.now();
    await engine.load();
    log(`Loaded ${model} (${engine.numLayers} layers) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    switch (mode) {
      case 'compare':
        await runCompare(ctx, engine, path.resolve(args['compare-vectors']!), report);
        break;
      case 'tune':
        await runTune(ctx, engine, report);
        break;
      case 'shots':
        await runShots(ctx, engine, intList(args.shots!, 'shots'), report);
        break;
      case 'caps':
        await runCaps(ctx, engine, intList(args.caps!, 'caps'), report);
        break;
      default:
        await runTables(ctx, engine, report);
    }
  } finally {
    await engine.dispose();
    if (freshMain) await fsp.rm(freshMain, { recursive: true, force: true });
  }

  const seconds = (performance.now() - started) / 1000;
  const command = `npm run bench:wsd -- ${process.argv.slice(2).join(' ')}`;
  const markdown =
    `## ${report.title}\n\n` +
    `\`${command}\` — wall time ${seconds.toFixed(1)} s. Macro-F1: mean per-sense F1 over the senses present in the gold or the predicted labels (scikit-learn macro); ` +
    `MFS: the most frequent sense of the word's full training split, predicted for every test sentence; "mean" rows are unweighted means over the words (like the paper's table).\n\n` +
    `${report.markdown.join('\n\n')}\n`;
  console.log(markdown);
  const out = path.resolve(args.out!);
  await fsp.mkdir(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.join(out, `wsd-${mode}-${stamp}`);
  await fsp.writeFile(`${base}.md`, markdown);
  await fsp.writeFile(
    `${base}.json`,
    JSON.stringify({ command, model, data, words, seconds, mode, layers: args.layers, pooling: args.pooling, ...report.json }, null, 2),
  );
  console.error(`Wrote ${base}.md and ${base}.json`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
