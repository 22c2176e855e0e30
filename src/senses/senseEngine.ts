import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { poolLayers } from '../bert/vectors';
import type { RunPriority } from '../bert/runQueue';
import { sentenceContext, type Context } from '../shared/inventory';
import { silentLogger, type Logger } from '../shared/logger';
import type { ModelDtype } from '../shared/modelLayout';
import { checkEngineOptions } from '../shared/settings';
import { classifyVector } from './classify';
import { Dataset, type Example, type WordData } from './dataset';
import { DatasetInventory } from './datasetInventory';
import { mapInSlices, storedLayers } from './embedding';
import { KnownWords } from './knownWords';
import { ModelLoader } from './modelLoader';
import { OccurrenceClassifier } from './occurrenceClassifier';
import { embedFresh, OccurrenceEmbeddings } from './occurrenceEmbeddings';
import { plotData } from './plot';
import { sampleIndices, type SenseIndex } from './senseIndex';
import { SenseIndexes } from './senseIndexes';
import type {
  Classification,
  EmbedOptions,
  ExampleRef,
  ModelSummary,
  OccurrenceContext,
  PlotData,
  RunOptions,
  SenseEngineOptions,
  TargetMatch,
  TaughtListing,
  TaughtSensesService,
  TeachRequest,
  TeachResult,
} from './types';

export { FIRST_PER_SENSE } from './senseIndexes';

/** Most occurrences `classifyAll` disambiguates in one call. */
const MAX_OCCURRENCES = 5_000;

/**
 * BERT word senses on CoarseWSD-20 with the 1-NN recipe of Loureiro et al. (2021): token vector =
 * mean over the word's pieces of the sum (or mean) of the last k layers; sense vector = mean of its
 * training vectors; prediction = the sense with the highest cosine. The facade the engine worker,
 * the CLI and the benchmarks call: loading (`ModelLoader`), the words and taught senses
 * (`KnownWords`), occurrence embeddings, sense indexes and classification live in their own classes.
 */
export class SenseEngine implements TaughtSensesService {
  readonly maxOccurrences = MAX_OCCURRENCES;
  private readonly logger: Logger;
  /** Undefined when CoarseWSD-20 is turned off (`coarsewsd20: false`). */
  private readonly datasetInventory?: DatasetInventory;
  private readonly known: KnownWords;
  private readonly loader: ModelLoader;
  private readonly embeddings = new OccurrenceEmbeddings();
  private readonly indexes: SenseIndexes;
  private readonly classifier: OccurrenceClassifier;

  constructor(private readonly options: SenseEngineOptions) {
    checkEngineOptions(options, ['logger', 'onNotice']);
    this.logger = options.logger ?? silentLogger;
    const dataset = new Dataset({
      folder: options.datasetFolder || undefined,
      cacheDir: path.join(options.cacheDir, 'datasets', 'coarsewsd20'),
      allowNetwork: options.allowNetwork,
      baseUrl: options.datasetBaseUrl,
      logger: this.logger,
    });
    const sensesChanged = (word: string) => this.options.onNotice?.({ kind: 'senses-changed', word });
    this.loader = new ModelLoader(options, this.logger, dataset.id, sensesChanged);
    if (options.coarsewsd20 !== false) this.datasetInventory = new DatasetInventory(dataset, this.loader.signal);
    this.known = new KnownWords(this.datasetInventory, options.taughtStores ?? [], this.logger);
    this.indexes = new SenseIndexes(this.loader, this.known, this.datasetInventory, this.logger, sensesChanged);
    this.classifier = new OccurrenceClassifier(this.loader, this.known, this.embeddings, this.indexes, this.logger);
  }

  /** The words with senses: CoarseWSD-20's (unless turned off), then the taught words it lacks. */
  get words(): readonly string[] {
    return this.known.words;
  }

  /** Forward passes the loaded model has run (undefined before `load`): tests and benchmarks count them. */
  get forwardPasses(): number | undefined {
    return this.loader.loaded?.encoder.forwardPasses;
  }

  get numLayers(): number | undefined {
    return this.loader.loaded?.encoder.info.numLayers;
  }

  /** Runs started per priority by the loaded model's queue (undefined before `load`): tests and benchmarks read them. */
  get runsStarted(): Readonly<Record<RunPriority, number>> | undefined {
    return this.loader.loaded?.encoder.queue.started;
  }

  /** Occurrences answered from cached embeddings so far (tests and benchmarks read it). */
  get embeddingHits(): number {
    return this.embeddings.hits;
  }

  /** The context window setting (0 = the whole sentence): with the model, part of the key of vectors built elsewhere (WordNet). */
  get contextWindow(): number {
    return this.options.contextWindow;
  }

  get model(): string {
    return this.options.model;
  }

  get dtype(): ModelDtype {
    return this.options.dtype;
  }

  /** What the loaded model's vectors depend on (its files' content and the dtype): part of every cache key. */
  async modelKey(): Promise<string> {
    const { name, fingerprint } = (await this.loader.load({})).encoder.info;
    return `${name}|${fingerprint}`;
  }

  /**
   * Runs a hover's `work` with view and background runs held back until it is answered, so they
   * cannot slip in between its runs (its sentence, then maybe a word's first index).
   */
  async foreground<T>(work: () => Promise<T>): Promise<T> {
    const release = this.loader.loaded?.encoder.queue.hold('hover');
    try {
      return await work();
    } finally {
      release?.();
    }
  }

  /** Every known word occurrence in `text` (no model work). */
  findTargets(text: string): TargetMatch[] {
    return this.known.matcher.findAll(text);
  }

  /** Loads once; a failed load is forgotten so the next call retries. */
  async load(options: Pick<RunOptions, 'signal' | 'onProgress'> = {}): Promise<ModelSummary> {
    const { name, numLayers, hiddenSize, maxLength } = (await this.loader.load(options)).encoder.info;
    return { name, numLayers, hiddenSize, maxLength };
  }

  /** Disambiguates the dataset or taught word at `offset` of `text`; undefined when there is none. */
  async classify(text: string, offset: number, options: RunOptions): Promise<Classification | undefined> {
    await this.known.ready;
    const target = this.known.matcher.findAt(text, offset);
    return target ? this.classifyTarget(text, target, options) : undefined;
  }

  /** Disambiguates a word the caller found in `text` (with an `Inventory` over `words`). */
  async classifyTarget(text: string, target: TargetMatch, options: RunOptions): Promise<Classification | undefined> {
    await this.known.ready;
    if (!(target.start >= 0 && target.start < target.end && target.end <= text.length)) {
      throw new RangeError(`The target span ${target.start}–${target.end} is outside the text (length ${text.length}).`);
    }
    const [result] = await this.classifyTargets(text, [target], options);
    return result;
  }

  /** Every known word of a file's text (the first `limit`) in its sentence; no model work. */
  async findOccurrences(text: string, limit: number): Promise<OccurrenceContext[]> {
    await this.known.ready;
    const targets = this.known.matcher.findAll(text).slice(0, Math.max(0, limit));
    return mapInSlices(targets, (target) => {
      const c = sentenceContext(text, target);
      return { target, context: c.text, contextStart: c.start, contextEnd: c.end };
    });
  }

  /** Disambiguates every dataset word of `text` (batched), up to `maxOccurrences`. */
  async classifyAll(text: string, options: RunOptions): Promise<Classification[]> {
    return (await this.classifyText(text, options)).results;
  }

  /** `classifyAll`, and how many occurrences the text has (more than `maxOccurrences` are cut). */
  async classifyText(text: string, options: RunOptions): Promise<{ results: Classification[]; found: number }> {
    await this.known.ready;
    const targets = this.known.matcher.findAll(text);
    if (targets.length > MAX_OCCURRENCES) {
      // Callers tell their user (maxOccurrences); the log only records it.
      this.logger.info(`Found ${targets.length} occurrences; disambiguating the first ${MAX_OCCURRENCES}.`);
    }
    return { results: await this.classifyTargets(text, targets.slice(0, MAX_OCCURRENCES), options), found: targets.length };
  }

  private async classifyTargets(text: string, targets: readonly TargetMatch[], options: RunOptions): Promise<Classification[]> {
    const contexts = await mapInSlices(targets, (t) => sentenceContext(text, t));
    return (await this.classifier.classify(targets, contexts, options)).flatMap((c) => (c ? [c] : []));
  }

  /**
   * Decides occurrences found and cut before (see `reclassify` in the protocol): from their cached
   * embeddings, against each word's current index.
   */
  async reclassify(occurrences: readonly OccurrenceContext[], options: RunOptions): Promise<(Classification | undefined)[]> {
    await this.known.ready;
    return this.classifier.classify(occurrences.map((o) => o.target), occurrences.map(contextOf), options);
  }

  /**
   * Pooled target vectors of dataset examples (sentence + character span), embedded in
   * length-sorted batches; undefined where the target has no pieces. For benchmarks.
   */
  async embedExamples(examples: readonly Example[], options: EmbedOptions): Promise<(Float32Array | undefined)[]> {
    const { loaded, vector } = await this.loader.prepare(options, false);
    const contexts = examples.map((e) => ({ text: e.sentence, start: e.start, end: e.end }));
    const { numLayers, hiddenSize } = loaded.encoder.info;
    // Not kept with the occurrences: glosses and test sets would push them out.
    const embedded = await embedFresh(loaded, contexts, storedLayers(numLayers, vector.layers), options, 'off');
    return embedded.map((e) => e && poolLayers(e.layers, hiddenSize, vector));
  }

  /**
   * A word's training data with the stored per-layer means of the selected examples (all when
   * `maxExamplesPerSense` is 0), for building indexes over subsets with `buildSenseIndex`. For benchmarks.
   */
  async trainingLayerMeans(
    word: string,
    options: RunOptions,
  ): Promise<{ data: WordData; layerMeans: ReadonlyMap<number, Float32Array>; hidden: number }> {
    const { loaded: { encoder, training }, vector } = await this.loader.prepare(options);
    const data = await this.indexes.datasetWord(word, options);
    const selected = sampleIndices(data, options.maxExamplesPerSense);
    const stored = await training.get(data, selected, storedLayers(encoder.info.numLayers, vector.layers), options);
    return { data, layerMeans: stored.vectors, hidden: encoder.info.hiddenSize };
  }

  /** The word's sense index for these options, building (and caching) training vectors as needed. */
  async senseIndex(word: string, options: RunOptions): Promise<SenseIndex> {
    await this.known.ready;
    this.known.check(word);
    const { vector } = await this.loader.prepare(options);
    return (await this.indexes.staged(word, options, vector)).index;
  }

  // Taught senses (see `TaughtSensesService`).

  teach(request: TeachRequest): Promise<TeachResult> {
    return this.known.teach(request);
  }

  forget(example: ExampleRef): Promise<number> {
    return this.known.forget(example);
  }

  renameSense(request: { readonly word: string; readonly sense: string; readonly label: string; readonly store?: string }): Promise<void> {
    return this.known.renameSense(request);
  }

  deleteSense(request: { readonly word: string; readonly sense: string; readonly store?: string }): Promise<void> {
    return this.known.deleteSense(request);
  }

  taughtSenses(): Promise<TaughtListing> {
    return this.known.taughtSenses();
  }

  reloadTaught(): Promise<TaughtListing> {
    return this.known.reloadTaught();
  }

  async plot(word: string, occurrences: readonly OccurrenceContext[], options: RunOptions): Promise<PlotData> {
    await this.known.ready;
    this.known.check(word);
    const { loaded, vector } = await this.loader.prepare(options);
    const { encoder, probes } = loaded;
    // Occurrences are decided by the index a hover uses now (one answer per occurrence); the points
    // drawn are the capped sample of the examples-per-sense control, however far the index has grown.
    const { index } = await this.indexes.staged(word, options, vector);
    const shown = options.completeIndexInBackground ? (await this.indexes.staged(word, { ...options, completeIndexInBackground: false }, vector)).index : index;
    const { classifier, probe } = await probes.resolve(index, options.classifier);
    const mine = occurrences.filter((o) => o.target.word === word);
    // Occurrences were classified with the settings of their time: re-embed them with the plot's.
    const embedded = await this.embeddings.embed(loaded, mine.map(contextOf), vector.layers, { signal: options.signal, priority: options.priority });
    const plotted = mine.flatMap((o, i) => {
      const e = embedded[i];
      if (!e) return [];
      const v = poolLayers(e.layers, encoder.info.hiddenSize, vector);
      return [{ sentence: o.context, location: o.location, vector: v, decision: classifyVector(index, v, classifier, probe) }];
    });
    return plotData(shown, plotted, vector, options.maxExamplesPerSense, options.projection ?? 'pca', options);
  }

  async clearCache(): Promise<void> {
    // Background builds would write their vectors back into the folders deleted here.
    this.indexes.clear();
    this.embeddings.clear();
    this.loader.loaded?.training.clear();
    this.loader.loaded?.taughtVectors.clear();
    this.loader.loaded?.probes.clear();
    this.datasetInventory?.clear();
    for (const sub of ['models', 'datasets', 'indexes']) {
      await fs.rm(path.join(this.options.cacheDir, sub), { recursive: true, force: true });
    }
    this.logger.info(`Cleared ${this.options.cacheDir}`);
  }

  async dispose(): Promise<void> {
    this.indexes.stop();
    await this.loader.dispose();
  }
}

/** An occurrence's sentence with the target's span in it. */
function contextOf(o: OccurrenceContext): Context {
  return { text: o.context, start: o.contextStart, end: o.contextEnd };
}
