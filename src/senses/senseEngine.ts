import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BertEncoder, type TokenPrediction } from '../bert/bertEncoder';
import { resolveUnder } from '../bert/cacheFiles';
import { describeError, EngineError, isCancellation, untilAborted } from '../shared/errors';
import { silentLogger, type Logger } from '../shared/logger';
import { LruCache } from '../shared/lruCache';
import type { CallSettings, VectorOptions } from '../shared/engineProtocol';
import type { RunPriority } from '../bert/runQueue';
import { checkCallSettings, checkEngineOptions, checkVector } from '../shared/settings';
import { poolLayers } from '../bert/vectors';
import { targetInput } from '../bert/wordPieces';
import { classifyVector } from './classify';
import { Dataset, type Example, type WordData } from './dataset';
import { DatasetInventory } from './datasetInventory';
import { embedSorted, mapInSlices, storedLayers } from './embedding';
import { Inventory, sentenceContext, type Context } from '../shared/inventory';
import { plotData } from './plot';
import { mergeWordData } from './senseInventory';
import { TaughtInventory } from './taught/taughtInventory';
import { TaughtVectors } from './taughtVectors';
import { Probes } from './probe/probes';
import { buildSenseIndex, sampleIndices, type SenseIndex } from './senseIndex';
import { SUBSTITUTE_CANDIDATES, substitutesFor } from './substitutes';
import { TrainingVectors } from './trainingVectors';
import type {
  Classification,
  EmbedOptions,
  EngineProgress,
  ExampleRef,
  IndexStage,
  ModelSummary,
  OccurrenceContext,
  PlotData,
  RunOptions,
  SenseEngineOptions,
  SubstituteMode,
  TargetMatch,
  TaughtListing,
  TaughtSensesService,
  TeachRequest,
  TeachResult,
} from './types';

/** A context's per-layer target means, and the MLM head's tokens there when substitutes were asked for. */
interface Embedded {
  readonly layers: Float32Array;
  readonly tokens?: readonly TokenPrediction[];
}

/** The loaded model with the training vectors that belong to it. */
interface Loaded {
  readonly encoder: BertEncoder;
  readonly training: TrainingVectors;
  readonly taughtVectors: TaughtVectors;
  readonly probes: Probes;
}

/** What a call's options may carry beside its settings. */
const CALLER_KEYS = ['signal', 'onProgress', 'priority'];

/** Most occurrences `classifyAll` disambiguates in one call. */
const MAX_OCCURRENCES = 5_000;
/**
 * Examples per sense of a progressive index's first stage: 24 sentences for a 4-sense word, which
 * keeps its first hover within 2 s with q8 at bert-base on 2 cores (8 took 2.1 s; README).
 */
export const FIRST_PER_SENSE = 6;
/** Sense indexes kept in memory (each holds its training vectors twice: raw and unit length). */
const MAX_INDEXES = 16;
/**
 * Embedded occurrences kept, so a repeat hover, the annotation of the same occurrence and its plot
 * marker reuse one forward pass (12 KB each at bert-base: 24 MB).
 */
const MAX_EMBEDDED = 2_000;

/**
 * BERT word senses on CoarseWSD-20 with the 1-NN recipe of Loureiro et al. (2021): token vector =
 * mean over the word's pieces of the sum (or mean) of the last k layers; sense vector = mean of its
 * training vectors; prediction = the sense with the highest cosine.
 */
export class SenseEngine implements TaughtSensesService {
  readonly maxOccurrences = MAX_OCCURRENCES;
  /** Words with senses (CoarseWSD-20 unless turned off, then taught ones) and their matcher. */
  private known: { words: readonly string[]; matcher: Inventory };
  private readonly dataset: Dataset;
  /** Undefined when CoarseWSD-20 is turned off (`coarsewsd20: false`). */
  private readonly datasetInventory?: DatasetInventory;
  private readonly taught: TaughtInventory;
  /** The first read of the taught-senses files: classification waits for it. */
  private readonly taughtRead: Promise<unknown>;
  private readonly logger: Logger;
  private loading?: Promise<Loaded>;
  private loaded?: Loaded;
  private readonly loadListeners = new Set<(progress: EngineProgress) => void>();
  /** Aborted by `dispose`: shared loads and downloads run under it, not under one caller's signal. */
  private readonly lifetime = new AbortController();
  private readonly indexes = new LruCache<SenseIndex>(MAX_INDEXES);
  /** Occurrences embedded (see `embedContexts`): an answer is computed again from them against the word's current index. */
  private readonly embedded = new LruCache<Embedded>(MAX_EMBEDDED);
  /** Background completions in progress, and their cancellation (dispose, clear cache). */
  private readonly completing = new Set<string>();
  private background = new AbortController();
  /** Layer settings already reported as deeper than the model. */
  private readonly clampNoticed = new Set<number>();
  /** Occurrences answered from `embedded` so far (tests and benchmarks read it). */
  embeddingHits = 0;
  /** Words whose hovers the log already said were answered from a cached embedding. */
  private readonly saidFromMemory = new Set<string>();
  /** Whether the log already says this model cannot give substitutes (said once, not per hover). */
  private saidNoSubstitutes = false;

  constructor(private readonly options: SenseEngineOptions) {
    checkEngineOptions(options, ['logger', 'onNotice']);
    this.logger = options.logger ?? silentLogger;
    this.dataset = new Dataset({
      folder: options.datasetDir || undefined,
      cacheDir: path.join(options.cacheDir, 'datasets', 'coarsewsd20'),
      allowNetwork: options.allowNetwork,
      baseUrl: options.datasetBaseUrl,
      logger: this.logger,
    });
    if (options.coarsewsd20 !== false) this.datasetInventory = new DatasetInventory(this.dataset, this.lifetime.signal);
    this.taught = new TaughtInventory(options.taughtStores ?? []);
    this.known = this.knownWords();
    // Reading never throws (an unreadable file becomes a listed problem); a bug must not block classification.
    this.taughtRead = this.reloadTaught().catch((error: unknown) => this.logger.warn(`Could not read the taught senses: ${describeError(error)}`));
  }

  /** The words with senses: CoarseWSD-20's (unless turned off), then the taught words it lacks. */
  get words(): readonly string[] {
    return this.known.words;
  }

  private knownWords(): { words: readonly string[]; matcher: Inventory } {
    const words = [...new Set([...(this.datasetInventory?.words ?? []), ...this.taught.words])];
    return { words, matcher: new Inventory(words) };
  }

  /** Forward passes the loaded model has run (undefined before `load`): tests and benchmarks count them. */
  get forwardPasses(): number | undefined {
    return this.loaded?.encoder.forwardPasses;
  }

  get numLayers(): number | undefined {
    return this.loaded?.encoder.info.numLayers;
  }

  /** Runs started per priority by the loaded model's queue (undefined before `load`): tests and benchmarks read them. */
  get runsStarted(): Readonly<Record<RunPriority, number>> | undefined {
    return this.loaded?.encoder.queue.started;
  }

  /**
   * Runs a hover's `work` with view and background runs held back until it is answered, so they
   * cannot slip in between its runs (its sentence, then maybe a word's first index).
   */
  async foreground<T>(work: () => Promise<T>): Promise<T> {
    const release = this.loaded?.encoder.queue.hold('hover');
    try {
      return await work();
    } finally {
      release?.();
    }
  }

  /** Every inventory word occurrence in `text` (no model work). */
  findTargets(text: string): TargetMatch[] {
    return this.known.matcher.findAll(text);
  }

  /** Loads once; a failed load is forgotten so the next call retries. */
  async load(options: Pick<RunOptions, 'signal' | 'onProgress'> = {}): Promise<ModelSummary> {
    const { name, numLayers, hiddenSize, maxLength } = (await this.loadModel(options)).encoder.info;
    return { name, numLayers, hiddenSize, maxLength };
  }

  /**
   * The model and the vector options it can serve: the engine's boundary, where a call's settings
   * are checked (all of them, or the vector alone for embedding calls) and the layer setting meets
   * the model's depth. More layers than the model has are used as its depth, and `onNotice` hears
   * of it once per setting.
   */
  private async prepare(options: RunOptions | EmbedOptions, complete = true): Promise<{ loaded: Loaded; vector: VectorOptions }> {
    if (complete) checkCallSettings(options as RunOptions, CALLER_KEYS);
    else checkVector(options.vector);
    const loaded = await this.loadModel(options);
    const depth = loaded.encoder.info.numLayers;
    const requested = options.vector.layers;
    if (requested > depth && !this.clampNoticed.has(requested)) {
      this.clampNoticed.add(requested);
      this.logger.warn(`The model ${this.options.model} has only ${depth} layers: layers ${requested} is used as ${depth}.`);
      this.options.onNotice?.({ kind: 'layers-clamped', model: this.options.model, requested, depth });
    }
    return { loaded, vector: { layers: Math.min(requested, depth), pooling: options.vector.pooling } };
  }

  /**
   * The model load is shared: it runs under the engine's lifetime, every waiting caller gets its
   * progress, and a caller's signal only ends that caller's wait.
   */
  private loadModel(options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<Loaded> {
    if (this.lifetime.signal.aborted) return Promise.reject(new EngineError('cancelled', 'The engine was disposed.'));
    if (this.loaded) return Promise.resolve(this.loaded);
    const listener = options.onProgress;
    if (listener) this.loadListeners.add(listener);
    if (!this.loading) {
      const emit = (p: EngineProgress) => this.loadListeners.forEach((l) => l(p));
      emit({ kind: 'load-model', model: this.options.model });
      const promise = BertEncoder.load({
        model: this.options.model,
        dtype: this.options.dtype ?? 'fp32',
        cacheDir: path.join(this.options.cacheDir, 'models'),
        allowNetwork: this.options.allowNetwork,
        remoteHost: this.options.remoteHost,
        signal: this.lifetime.signal,
        onDownload: (file, loaded, total) => emit({ kind: 'download', file, loaded, total }),
        logger: this.logger,
      }).then((encoder) => {
        const folder = this.indexFolder(encoder);
        const window = this.window(encoder);
        if (this.contextWindow > window) this.logger.warn(`The model ${this.options.model} takes at most ${window} ids: contextWindow ${this.contextWindow} is used as ${window}.`);
        return {
          encoder,
          training: new TrainingVectors(encoder, window, folder, this.logger),
          taughtVectors: new TaughtVectors(encoder, window, path.join(folder, 'taught'), this.logger),
          probes: new Probes(path.join(folder, 'probes'), this.logger, (word) => this.sensesChanged(word)),
        };
      });
      this.loading = promise;
      promise.then(
        (loaded) => (this.loaded = loaded),
        () => {
          if (this.loading === promise) this.loading = undefined;
        },
      );
      promise.catch(() => undefined).finally(() => this.loadListeners.clear());
    }
    const wait = untilAborted(this.loading, options.signal);
    if (listener) wait.catch(() => undefined).finally(() => this.loadListeners.delete(listener));
    return wait;
  }

  /** The context window setting (0 = the whole sentence): part of the key of vectors built elsewhere (WordNet). */
  get contextWindow(): number {
    return this.options.contextWindow;
  }

  /** Ids per context: the setting within the model's positions (said once, at load). */
  private window(encoder: BertEncoder): number {
    const wanted = this.contextWindow;
    return wanted > 0 ? Math.min(wanted, encoder.info.maxLength) : encoder.info.maxLength;
  }

  /** Vectors depend on the model's weights and the dataset: one folder per pair. */
  private indexFolder(encoder: BertEncoder): string {
    const { name, fingerprint } = encoder.info;
    const key = createHash('sha256').update(`${name}\n${fingerprint}\n${this.dataset.id}`).digest('hex').slice(0, 16);
    return resolveUnder(this.options.cacheDir, 'indexes', `${name.replace(/[^\w.-]+/g, '_').slice(-40)}-${key}`);
  }

  /** Disambiguates the dataset or taught word at `offset` of `text`; undefined when there is none. */
  async classify(text: string, offset: number, options: RunOptions): Promise<Classification | undefined> {
    await this.taughtRead;
    const target = this.known.matcher.findAt(text, offset);
    return target ? this.classifyTarget(text, target, options) : undefined;
  }

  /** Disambiguates a word the caller found in `text` (with an `Inventory` over `words`). */
  async classifyTarget(text: string, target: TargetMatch, options: RunOptions): Promise<Classification | undefined> {
    await this.taughtRead;
    if (!(target.start >= 0 && target.start < target.end && target.end <= text.length)) {
      throw new RangeError(`The target span ${target.start}–${target.end} is outside the text (length ${text.length}).`);
    }
    const [result] = await this.classifyTargets(text, [target], options);
    return result;
  }

  /**
   * Every dataset word of a file's text (the first `limit`) in its sentence, with the line and
   * character where it starts; no model work. `location.uri` is left for the caller to fill in.
   */
  async findOccurrences(text: string, limit: number): Promise<OccurrenceContext[]> {
    await this.taughtRead;
    const targets = this.known.matcher.findAll(text).slice(0, Math.max(0, limit));
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    let line = 0;
    return mapInSlices(targets, (target) => {
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= target.start) line++;
      const c = sentenceContext(text, target);
      return { target, context: c.text, contextStart: c.start, contextEnd: c.end, location: { uri: '', line, character: target.start - lineStarts[line] } };
    });
  }

  /** Disambiguates every dataset word of `text` (batched), up to `maxOccurrences`. */
  async classifyAll(text: string, options: RunOptions): Promise<Classification[]> {
    return (await this.classifyText(text, options)).results;
  }

  /** `classifyAll`, and how many occurrences the text has (more than `maxOccurrences` are cut). */
  async classifyText(text: string, options: RunOptions): Promise<{ results: Classification[]; found: number }> {
    await this.taughtRead;
    const targets = this.known.matcher.findAll(text);
    if (targets.length > MAX_OCCURRENCES) {
      // Callers tell their user (maxOccurrences); the log only records it.
      this.logger.info(`Found ${targets.length} occurrences; disambiguating the first ${MAX_OCCURRENCES}.`);
    }
    return { results: await this.classifyTargets(text, targets.slice(0, MAX_OCCURRENCES), options), found: targets.length };
  }

  private async classifyTargets(text: string, targets: readonly TargetMatch[], options: RunOptions): Promise<Classification[]> {
    const contexts = await mapInSlices(targets, (t) => sentenceContext(text, t));
    return (await this.classifyContexts(targets, contexts, options)).flatMap((c) => (c ? [c] : []));
  }

  /**
   * Decides occurrences found and cut before (see `reclassify` in the protocol): from their cached
   * embeddings, against each word's current index.
   */
  async reclassify(occurrences: readonly OccurrenceContext[], options: RunOptions): Promise<(Classification | undefined)[]> {
    await this.taughtRead;
    const contexts = occurrences.map((o) => ({ text: o.context, start: o.contextStart, end: o.contextEnd }));
    return this.classifyContexts(occurrences.map((o) => o.target), contexts, options);
  }

  /** One decision per target in its context (undefined where the target has no pieces). */
  private async classifyContexts(targets: readonly TargetMatch[], contexts: readonly Context[], options: RunOptions): Promise<(Classification | undefined)[]> {
    if (targets.length === 0) return [];
    for (const target of targets) this.checkWord(target.word);
    const { loaded: { encoder, probes }, vector } = await this.prepare(options);
    const substitutes = this.usableSubstitutes(encoder, options.substitutes);
    const hits = this.embeddingHits;
    const embedded = await this.embedContexts(encoder, contexts, vector.layers, options, substitutes);
    const word = targets[0].word;
    if ((options.priority ?? 'hover') === 'hover' && this.embeddingHits - hits === targets.length && !this.saidFromMemory.has(word)) {
      // Once per word: the log shows that repeat hovers cost no forward pass, without a line per hover.
      this.saidFromMemory.add(word);
      this.logger.info(`Answered a hover over "${word}" from its cached embedding (no forward pass); later ones are not logged.`);
    }
    const results: (Classification | undefined)[] = [];
    for (let i = 0; i < targets.length; i++) {
      const e = embedded[i];
      if (!e) {
        results.push(undefined);
        continue;
      }
      const { index, stage } = await this.stagedIndex(targets[i].word, options, vector);
      const v = poolLayers(e.layers, encoder.info.hiddenSize, vector);
      const requested = options.classifier;
      const { classifier, probe } = await probes.resolve(index, requested, options.awaitProbe);
      const decision = classifyVector(index, v, classifier, probe);
      results.push({
        target: targets[i],
        context: contexts[i].text,
        contextStart: contexts[i].start,
        contextEnd: contexts[i].end,
        ...decision,
        vector: v,
        options: vector,
        classifier,
        ...(classifier !== requested && { requested }),
        indexStage: stage,
        ...(e.tokens && { substitutes: substitutesFor(targets[i].word, e.tokens) }),
      });
    }
    return results;
  }

  /** The mode, or `off` (said once in the log) when the model cannot give substitutes. */
  private usableSubstitutes(encoder: BertEncoder, mode: SubstituteMode): SubstituteMode {
    if (mode === 'off') return mode;
    const missing = !encoder.hasHead ? 'no masked-language-model head (no `logits` output)' : mode === 'masked' && encoder.special.mask === undefined ? 'no [MASK] token' : undefined;
    if (!missing) return mode;
    if (!this.saidNoSubstitutes) this.logger.warn(`${encoder.info.name} has ${missing}: hovers list no substitutes.`);
    this.saidNoSubstitutes = true;
    return 'off';
  }

  /**
   * Per-layer target means of document contexts (undefined where the target has no pieces), with the
   * MLM head's candidate tokens at each target when `substitutes` is not `off`: unmasked from the same
   * forward pass, masked from a second one (progress then counts both passes).
   */
  private async embedContexts(
    encoder: BertEncoder,
    contexts: readonly Context[],
    layers: number,
    options: Pick<RunOptions, 'signal' | 'onProgress' | 'priority'>,
    substitutes: SubstituteMode = 'off',
  ): Promise<(Embedded | undefined)[]> {
    const keep = storedLayers(encoder.info.numLayers, layers);
    const window = this.window(encoder);
    const key = (c: Context, mode: SubstituteMode) => `${keep}|${window}|${mode}|${c.start}|${c.end}|${c.text}`;
    // Without substitutes, an embedding made with unmasked ones serves too (same forward pass).
    const out = contexts.map((c): Embedded | undefined => {
      const own = this.embedded.get(key(c, substitutes));
      if (own || substitutes !== 'off') return own;
      const unmasked = this.embedded.get(key(c, 'unmasked'));
      return unmasked && { layers: unmasked.layers };
    });
    const missing = out.flatMap((e, i) => (e ? [] : [i]));
    this.embeddingHits += contexts.length - missing.length;
    if (missing.length === 0) return out;
    const fresh = await this.embedFresh(encoder, missing.map((i) => contexts[i]), keep, window, options, substitutes);
    missing.forEach((i, j) => {
      out[i] = fresh[j];
      if (fresh[j]) this.embedded.set(key(contexts[i], substitutes), fresh[j]);
    });
    return out;
  }

  private async embedFresh(
    encoder: BertEncoder,
    contexts: readonly Context[],
    keep: number,
    window: number,
    options: Pick<RunOptions, 'signal' | 'onProgress' | 'priority'>,
    substitutes: SubstituteMode,
  ): Promise<(Embedded | undefined)[]> {
    const inputs = await mapInSlices(contexts, (c) => targetInput(encoder.aligner.pieces(c.text), c, encoder.special, window));
    const passes = substitutes === 'masked' ? 2 : 1;
    const progress = (pass: number) => ({
      signal: options.signal,
      priority: options.priority,
      onBatch: (done: number, total: number) => {
        if (contexts.length > 1) options.onProgress?.({ kind: 'analyze', done: pass * total + done, total: passes * total });
      },
    });
    if (substitutes === 'unmasked') return embedSorted(inputs, (batch, at) => encoder.targetLayersAndTokens(batch, keep, SUBSTITUTE_CANDIDATES, at), progress(0));
    const means = await embedSorted(inputs, (batch, at) => encoder.targetLayers(batch, keep, at), progress(0));
    if (substitutes === 'off') return means.map((layers) => layers && { layers });
    const masked = await embedSorted(inputs, (batch, at) => encoder.maskedTokens(batch, SUBSTITUTE_CANDIDATES, at), progress(1));
    return means.map((layers, i) => layers && { layers, tokens: masked[i] });
  }

  /**
   * Pooled target vectors of dataset examples (sentence + character span), embedded in
   * length-sorted batches; undefined where the target has no pieces. For benchmarks.
   */
  async embedExamples(examples: readonly Example[], options: EmbedOptions): Promise<(Float32Array | undefined)[]> {
    const { loaded: { encoder }, vector } = await this.prepare(options, false);
    const contexts = examples.map((e) => ({ text: e.sentence, start: e.start, end: e.end }));
    // Not kept with the occurrences: glosses and test sets would push them out.
    const keep = storedLayers(encoder.info.numLayers, vector.layers);
    const embedded = await this.embedFresh(encoder, contexts, keep, this.window(encoder), options, 'off');
    return embedded.map((e) => e && poolLayers(e.layers, encoder.info.hiddenSize, vector));
  }

  /**
   * A word's training data with the stored per-layer means of the selected examples (all when
   * `maxExamplesPerSense` is 0), for building indexes over subsets with `buildSenseIndex`. For benchmarks.
   */
  async trainingLayerMeans(
    word: string,
    options: RunOptions,
  ): Promise<{ data: WordData; layerMeans: ReadonlyMap<number, Float32Array>; hidden: number }> {
    const { loaded: { encoder, training }, vector } = await this.prepare(options);
    const data = await this.datasetWord(word, options);
    const selected = sampleIndices(data, options.maxExamplesPerSense);
    const stored = await training.get(data, selected, storedLayers(encoder.info.numLayers, vector.layers), options);
    return { data, layerMeans: stored.vectors, hidden: encoder.info.hiddenSize };
  }

  /** The word's sense index for these options, building (and caching) training vectors as needed. */
  async senseIndex(word: string, options: RunOptions): Promise<SenseIndex> {
    await this.taughtRead;
    this.checkWord(word);
    const { vector } = await this.prepare(options);
    return (await this.stagedIndex(word, options, vector)).index;
  }

  /**
   * With a cap and `completeInBackground`, the index is progressive: the best one built so far
   * answers at once. A word with nothing embedded yet gets a first index of `FIRST_PER_SENSE`
   * examples per sense (one batch: about a second at bert-base, where a capped one took 10–40 s),
   * then the capped and the full index are built in the background and replace it. Taught senses
   * join every stage whole (they are few), their vectors cached by content: teaching one example
   * embeds that example only.
   */
  private async stagedIndex(word: string, options: RunOptions, vector: VectorOptions): Promise<{ index: SenseIndex; stage: IndexStage }> {
    await this.taughtRead;
    const loaded = await this.loadModel(options);
    const { encoder, training } = loaded;
    const keep = storedLayers(encoder.info.numLayers, vector.layers);
    const taught = this.taught.wordData(word);
    const tag = taught ? `|taught ${taught.fingerprint}` : '';
    const fromDataset = this.datasetInventory?.words.includes(word) === true;
    const cap = fromDataset ? options.maxExamplesPerSense : 0;
    const upgrade = cap > 0 && options.completeInBackground;
    const key = (c: number) => `${word}|${vector.layers}|${vector.pooling}|${c}${tag}`;
    const first = Math.min(FIRST_PER_SENSE, cap);
    const stages: [number, IndexStage][] = upgrade ? [[0, 'full'], [cap, 'capped'], [first, 'first']] : [[cap, cap === 0 ? 'full' : 'capped']];
    for (const [c, stage] of stages) {
      const cached = this.indexes.get(key(c));
      if (cached) return { index: cached, stage };
    }

    const taughtMeans = taught ? await loaded.taughtVectors.get(word, taught.examples, keep, options) : [];
    if (!fromDataset) {
      // checkWord passed, so the word is taught (the dataset is off or lacks it).
      const selected = taughtMeans.flatMap((m, i) => (m ? [i] : []));
      const means = new Map(selected.map((i) => [i, taughtMeans[i]!]));
      const index = buildSenseIndex(taught!, selected, means, encoder.info.hiddenSize, vector);
      this.indexes.set(key(0), index);
      return { index, stage: 'full' };
    }
    const data = await this.datasetWord(word, options);
    const stored = await training.get(data, sampleIndices(data, upgrade ? first : cap), keep, options);
    // What is stored (maybe by an earlier session's background build) decides how far along the word is.
    // (The last stage is what was just embedded: examples whose target has no pieces are never stored.)
    const [c, stage] = stages.find(([c]) => sampleIndices(data, c).every((i) => stored.vectors.has(i))) ?? stages.at(-1)!;
    const selected = sampleIndices(data, c).filter((i) => stored.vectors.has(i));
    const index = taught
      ? this.withTaught(data, selected, stored.vectors, taught, taughtMeans, encoder.info.hiddenSize, vector)
      : buildSenseIndex(data, selected, stored.vectors, encoder.info.hiddenSize, vector);
    this.indexes.set(key(c), index);
    if (upgrade && stage !== 'full') this.completeLater(word, { ...options, vector }, stage === 'first' ? [cap, 0] : [0]);
    return { index, stage };
  }

  /** The index of a dataset word with its taught senses after the dataset's (see `mergeWordData`). */
  private withTaught(
    data: WordData,
    selected: readonly number[],
    layerMeans: ReadonlyMap<number, Float32Array>,
    taught: WordData,
    taughtMeans: readonly (Float32Array | undefined)[],
    hidden: number,
    vector: VectorOptions,
  ): SenseIndex {
    const offset = data.examples.length;
    const means = new Map(layerMeans);
    const extra = taughtMeans.flatMap((m, i) => (m ? [offset + i] : []));
    for (const i of extra) means.set(i, taughtMeans[i - offset]!);
    return buildSenseIndex(mergeWordData(data, taught), [...selected, ...extra], means, hidden, vector);
  }

  /** Builds the word's larger indexes (`caps`, in order) after a smaller one answered, without progress UI. */
  private completeLater(word: string, run: CallSettings, caps: readonly number[]): void {
    const { vector, classifier, substitutes } = run;
    const key = `${word}|${vector.layers}|${vector.pooling}`;
    if (this.completing.has(key)) return;
    this.completing.add(key);
    const build = async () => {
      for (const maxExamplesPerSense of caps) {
        await this.senseIndex(word, { vector, classifier, maxExamplesPerSense, completeInBackground: false, substitutes, signal: this.background.signal, priority: 'background' });
        this.sensesChanged(word);
      }
    };
    build()
      .then(() => this.logger.info(`Completed the sense index of "${word}" in the background.`))
      .catch((error: unknown) => {
        if (!isCancellation(error)) this.logger.warn(`Background index of "${word}" stopped: ${describeError(error)}`);
      })
      .finally(() => this.completing.delete(key));
  }

  /** Answers of `word` may differ now: occurrences are decided again from their cached embeddings. */
  private sensesChanged(word: string): void {
    this.options.onNotice?.({ kind: 'senses-changed', word });
  }

  /** Word names become file paths and URLs: only inventory words pass the engine's boundary. */
  private checkWord(word: string): void {
    if (!this.words.includes(word)) {
      const taught = this.taught.words.length > 0 ? ' or a taught word' : '';
      throw new EngineError('dataset-missing', `${JSON.stringify(word)} is not a CoarseWSD-20 word${taught} (${this.words.join(', ')}).`);
    }
  }

  /** A CoarseWSD-20 word's training data, loaded (or downloaded) once under the engine's lifetime. */
  private async datasetWord(word: string, options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<WordData> {
    const data = await this.datasetInventory?.senses(word, options);
    if (!data) throw new EngineError('dataset-missing', `${JSON.stringify(word)} is not a CoarseWSD-20 word${this.datasetInventory ? '' : ' (CoarseWSD-20 is turned off)'}.`);
    return data;
  }

  // Taught senses (see `TaughtSensesService`).

  async teach(request: TeachRequest): Promise<TeachResult> {
    await this.taughtRead;
    return this.afterTaughtEdit(this.taught.teach({ ...request, word: this.lemmaOf(request.word) }));
  }

  async forget(example: ExampleRef): Promise<number> {
    await this.taughtRead;
    return this.afterTaughtEdit(this.taught.forget(example));
  }

  async renameSense(request: { readonly word: string; readonly sense: string; readonly label: string; readonly store?: string }): Promise<void> {
    await this.taughtRead;
    return this.afterTaughtEdit(this.taught.renameSense(request));
  }

  async deleteSense(request: { readonly word: string; readonly sense: string; readonly store?: string }): Promise<void> {
    await this.taughtRead;
    return this.afterTaughtEdit(this.taught.deleteSense(request));
  }

  async taughtSenses(): Promise<TaughtListing> {
    await this.taughtRead;
    return this.taught.listing();
  }

  async reloadTaught(): Promise<TaughtListing> {
    if (await this.taught.reload()) this.known = this.knownWords();
    return this.taught.listing();
  }

  /** An edit's result once the word list follows it (a failed edit may still have re-read the file). */
  private async afterTaughtEdit<T>(edit: Promise<T>): Promise<T> {
    try {
      return await edit;
    } finally {
      this.known = this.knownWords();
    }
  }

  /**
   * The word a surface form is taught under: a known word's form gives the known word (`Kernels`
   * → `kernel` once *kernel* is taught, `Banks'` → `bank`); otherwise the form itself in lower case
   * without a possessive ending.
   */
  private lemmaOf(surface: string): string {
    const text = surface.trim();
    const match = this.known.matcher.findAll(text).find((m) => m.start === 0 && m.surface.length === text.length);
    return match?.word ?? text.replace(/['’]s?$/u, '').toLowerCase();
  }

  async plot(word: string, occurrences: readonly OccurrenceContext[], options: RunOptions): Promise<PlotData> {
    await this.taughtRead;
    this.checkWord(word);
    const { loaded: { encoder, probes }, vector } = await this.prepare(options);
    const { index } = await this.stagedIndex(word, options, vector);
    const { classifier, probe } = await probes.resolve(index, options.classifier);
    const mine = occurrences.filter((o) => o.target.word === word);
    // Occurrences were classified with the settings of their time: re-embed them with the plot's.
    const contexts = mine.map((o) => ({ text: o.context, start: o.contextStart, end: o.contextEnd }));
    const embedded = await this.embedContexts(encoder, contexts, vector.layers, { signal: options.signal, priority: options.priority });
    const plotted = mine.flatMap((o, i) => {
      const e = embedded[i];
      if (!e) return [];
      const v = poolLayers(e.layers, encoder.info.hiddenSize, vector);
      return [{ sentence: o.context, location: o.location, vector: v, decision: classifyVector(index, v, classifier, probe) }];
    });
    return plotData(index, plotted, vector, options.maxExamplesPerSense, options.projection ?? 'pca', options);
  }

  async clearCache(): Promise<void> {
    // Background builds would write their vectors back into the folders deleted here.
    this.background.abort();
    this.background = new AbortController();
    this.indexes.clear();
    this.embedded.clear();
    this.loaded?.training.clear();
    this.loaded?.taughtVectors.clear();
    this.loaded?.probes.clear();
    this.datasetInventory?.clear();
    for (const sub of ['models', 'datasets', 'indexes', 'wordnet']) {
      await fs.rm(path.join(this.options.cacheDir, sub), { recursive: true, force: true });
    }
    this.logger.info(`Cleared ${this.options.cacheDir}`);
  }

  async dispose(): Promise<void> {
    this.lifetime.abort();
    this.background.abort();
    this.loaded?.probes.clear();
    const loaded = await this.loading?.catch(() => undefined);
    this.loading = undefined;
    this.loaded = undefined;
    await loaded?.encoder.dispose();
  }
}

