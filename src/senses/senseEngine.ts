import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BertEncoder, targetMeans } from '../engine/bertEncoder';
import { describeError, EngineError, isCancellation, throwIfAborted } from '../engine/errors';
import { silentLogger, type Logger } from '../engine/logger';
import { LruCache } from '../engine/lruCache';
import { validateVectorOptions, type VectorOptions } from '../engine/options';
import { poolLayers } from '../engine/vectors';
import { targetInput, type TargetInput } from '../engine/wordPieces';
import { classifyVector, DEFAULT_CLASSIFIER } from './classify';
import { COARSEWSD20_WORDS, Dataset, type Example, type WordData } from './dataset';
import { Inventory, sentenceContext, type Context } from './inventory';
import { project2d } from './pca';
import { buildSenseIndex, sampleIndices, type SenseIndex } from './senseIndex';
import type {
  Classification,
  PlotData,
  PlotPoint,
  RunOptions,
  SenseEngineOptions,
  TargetMatch,
  WordSenseService,
} from './types';
import { VectorCache, type StoredVectors } from './vectorCache';

/** Sentences per forward pass (sorted by length): 32 was fastest for bass (3,173 sentences, fixture): 8: 5.1–5.8 s, 16: 4.5–4.9 s, 32: 2.4–2.9 s, 64: 3.0–3.2 s. */
const INDEX_BATCH = 32;
/** At least this many last layers are stored per training sentence, so k = 1…4 never re-runs BERT. */
const STORED_LAYERS = 4;
/** Most occurrences `classifyAll` disambiguates in one call. */
const MAX_OCCURRENCES = 5_000;
const MAX_INDEXES = 64;
/** Single sentences whose hidden states are kept (a few MB each with bert-base at full window). */
const RECENT_SENTENCES = 4;

/**
 * BERT word senses on CoarseWSD-20 with the 1-NN recipe of Loureiro et al. (2021): token vector =
 * mean over the word's pieces of the sum (or mean) of the last k layers; sense vector = mean of its
 * training vectors; prediction = the sense with the highest cosine.
 */
export class SenseEngine implements WordSenseService {
  readonly words: readonly string[] = COARSEWSD20_WORDS;
  private readonly inventory = new Inventory(this.words);
  private readonly dataset: Dataset;
  private readonly logger: Logger;
  private encoderPromise?: Promise<BertEncoder>;
  private encoder?: BertEncoder;
  private readonly trainData = new Map<string, Promise<WordData>>();
  /** Per word: the stored per-layer vectors, grown under a per-word chain so builds never race. */
  private readonly stored = new Map<string, Promise<StoredVectors>>();
  private readonly indexes = new LruCache<SenseIndex>(MAX_INDEXES);
  /** Background completions in progress, and their cancellation on dispose. */
  private readonly completing = new Set<string>();
  private readonly background = new AbortController();
  /** Hidden states of the last few single sentences, so hovers over one sentence share a forward pass. */
  private readonly sentences = new LruCache<Promise<Float32Array[]>>(RECENT_SENTENCES);

  constructor(private readonly options: SenseEngineOptions) {
    this.logger = options.logger ?? silentLogger;
    this.dataset = new Dataset({
      folder: options.datasetDir || undefined,
      cacheDir: path.join(options.cacheDir, 'datasets', 'coarsewsd20'),
      allowNetwork: options.allowNetwork,
      baseUrl: options.datasetBaseUrl,
      logger: this.logger,
    });
  }

  get numLayers(): number | undefined {
    return this.encoder?.info.numLayers;
  }

  get isLoaded(): boolean {
    return this.encoder !== undefined;
  }

  findTarget(text: string, offset: number): TargetMatch | undefined {
    return this.inventory.findAt(text, offset);
  }

  findTargets(text: string): TargetMatch[] {
    return this.inventory.findAll(text);
  }

  /** Loads once; a failed load is forgotten so the next call retries. */
  async load(options: Pick<RunOptions, 'signal' | 'onProgress'> = {}): Promise<void> {
    await this.loadEncoder(options);
  }

  private loadEncoder(options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<BertEncoder> {
    if (!this.encoderPromise) {
      options.onProgress?.({ kind: 'load-model', model: this.options.model });
      const promise = BertEncoder.load({
        model: this.options.model,
        dtype: this.options.dtype ?? 'fp32',
        cacheDir: path.join(this.options.cacheDir, 'models'),
        allowNetwork: this.options.allowNetwork,
        remoteHost: this.options.remoteHost,
        signal: options.signal,
        onDownload: (file, loaded, total) => options.onProgress?.({ kind: 'download', file, loaded, total }),
        logger: this.logger,
      });
      this.encoderPromise = promise;
      promise.then(
        (encoder) => (this.encoder = encoder),
        () => {
          if (this.encoderPromise === promise) this.encoderPromise = undefined;
        },
      );
    }
    return this.encoderPromise;
  }

  async classify(text: string, offset: number, options: RunOptions): Promise<Classification | undefined> {
    const target = this.inventory.findAt(text, offset);
    if (!target) return undefined;
    const [result] = await this.classifyTargets(text, [target], options);
    return result;
  }

  async classifyAll(text: string, options: RunOptions): Promise<Classification[]> {
    const targets = this.inventory.findAll(text);
    if (targets.length > MAX_OCCURRENCES) {
      this.logger.warn(`Found ${targets.length} occurrences; disambiguating the first ${MAX_OCCURRENCES}.`);
    }
    return this.classifyTargets(text, targets.slice(0, MAX_OCCURRENCES), options);
  }

  private async classifyTargets(text: string, targets: readonly TargetMatch[], options: RunOptions): Promise<Classification[]> {
    if (targets.length === 0) return [];
    const encoder = await this.loadEncoder(options);
    const vector = validateVectorOptions(options.vector, encoder.info.numLayers);
    const contexts = targets.map((t) => sentenceContext(text, t));
    const layerMeans = await this.embedContexts(encoder, contexts, vector.layers, options);
    const results: Classification[] = [];
    for (let i = 0; i < targets.length; i++) {
      const means = layerMeans[i];
      if (!means) continue;
      const index = await this.senseIndex(targets[i].word, { ...options, vector });
      const v = poolLayers(means, encoder.info.hiddenSize, vector);
      const classifier = options.classifier ?? DEFAULT_CLASSIFIER;
      const decision = classifyVector(index, v, classifier);
      results.push({
        target: targets[i],
        context: contexts[i].text,
        contextStart: contexts[i].start,
        contextEnd: contexts[i].end,
        ...decision,
        vector: v,
        options: vector,
        classifier,
      });
    }
    return results;
  }

  /** Per-layer target means of document contexts (undefined where the target has no pieces). */
  private async embedContexts(
    encoder: BertEncoder,
    contexts: readonly Context[],
    layers: number,
    options: Pick<RunOptions, 'signal' | 'onProgress'>,
  ): Promise<(Float32Array | undefined)[]> {
    const keep = Math.min(encoder.info.numLayers, Math.max(STORED_LAYERS, layers));
    const inputs = contexts.map((c) => targetInput(encoder.aligner.pieces(c.text), c, encoder.special, encoder.info.maxLength));
    const out: (Float32Array | undefined)[] = new Array(contexts.length);
    const order = inputs.map((_, i) => i).filter((i) => inputs[i]).sort((a, b) => inputs[a]!.ids.length - inputs[b]!.ids.length);
    for (let b = 0; b < order.length; b += INDEX_BATCH) {
      throwIfAborted(options.signal);
      const batch = order.slice(b, b + INDEX_BATCH);
      const vectors = await this.forward(encoder, batch.map((i) => inputs[i]!), keep);
      batch.forEach((i, j) => (out[i] = vectors[j]));
      if (contexts.length > 1) options.onProgress?.({ kind: 'analyze', done: Math.min(b + INDEX_BATCH, order.length), total: order.length });
    }
    return out;
  }

  /**
   * Pooled target vectors of dataset examples (sentence + character span), embedded in
   * length-sorted batches; undefined where the target has no pieces. For benchmarks.
   */
  async embedExamples(examples: readonly Example[], options: RunOptions): Promise<(Float32Array | undefined)[]> {
    const encoder = await this.loadEncoder(options);
    const vector = validateVectorOptions(options.vector, encoder.info.numLayers);
    const contexts = examples.map((e) => ({ text: e.sentence, start: e.start, end: e.end }));
    const means = await this.embedContexts(encoder, contexts, vector.layers, options);
    return means.map((m) => m && poolLayers(m, encoder.info.hiddenSize, vector));
  }

  /**
   * A word's training data with the stored per-layer means of the selected examples (all when
   * `maxPerSense` is 0), for building indexes over subsets with `buildSenseIndex`. For benchmarks.
   */
  async trainingLayerMeans(
    word: string,
    options: RunOptions,
  ): Promise<{ data: WordData; layerMeans: ReadonlyMap<number, Float32Array>; hidden: number }> {
    const encoder = await this.loadEncoder(options);
    const vector = validateVectorOptions(options.vector, encoder.info.numLayers);
    const data = await this.wordData(word, options.signal);
    const selected = sampleIndices(data, options.maxPerSense ?? 0);
    const keep = Math.min(encoder.info.numLayers, Math.max(STORED_LAYERS, vector.layers));
    const stored = await this.trainingVectors(encoder, data, selected, keep, options);
    return { data, layerMeans: stored.vectors, hidden: encoder.info.hiddenSize };
  }

  /**
   * A batch goes straight to the encoder. A single sentence (a hover) shares its forward pass with
   * concurrent and recent requests for the same sentence, whichever word of it they ask about.
   */
  private async forward(encoder: BertEncoder, inputs: readonly TargetInput[], keep: number): Promise<Float32Array[]> {
    if (inputs.length !== 1) return encoder.targetLayers(inputs, keep);
    const [input] = inputs;
    const key = `${keep}|${input.ids.join(',')}`;
    let pending = this.sentences.get(key);
    if (!pending) {
      pending = encoder.lastLayers([input.ids], keep).then(([states]) => states);
      this.sentences.set(key, pending);
      pending.catch(() => this.sentences.delete(key));
    }
    return [targetMeans(await pending, input.targetPositions, encoder.info.hiddenSize)];
  }

  /** The word's sense index for these options, building (and caching) training vectors as needed. */
  async senseIndex(word: string, options: RunOptions): Promise<SenseIndex> {
    const encoder = await this.loadEncoder(options);
    const vector = validateVectorOptions(options.vector, encoder.info.numLayers);
    const cap = options.maxPerSense ?? 0;
    const upgrade = cap > 0 && options.completeInBackground === true;
    const key = (c: number) => `${word}|${vector.layers}|${vector.pooling}|${c}`;
    const cached = (upgrade ? this.indexes.get(key(0)) : undefined) ?? this.indexes.get(key(cap));
    if (cached) return cached;

    const data = await this.wordData(word, options.signal);
    const keep = Math.min(encoder.info.numLayers, Math.max(STORED_LAYERS, vector.layers));
    let selected = sampleIndices(data, cap);
    const stored = await this.trainingVectors(encoder, data, selected, keep, options);
    // A completed background build (maybe from an earlier session) makes the full index free.
    const complete = upgrade && data.examples.every((_, i) => stored.vectors.has(i));
    if (complete) selected = sampleIndices(data, 0);
    const index = buildSenseIndex(data, selected.filter((i) => stored.vectors.has(i)), stored.vectors, encoder.info.hiddenSize, vector);
    this.indexes.set(key(complete ? 0 : cap), index);
    if (upgrade && !complete) this.completeLater(word, vector);
    return index;
  }

  /** Builds the full index of a word after a capped one answered, without progress UI. */
  private completeLater(word: string, vector: VectorOptions): void {
    const key = `${word}|${vector.layers}|${vector.pooling}`;
    if (this.completing.has(key)) return;
    this.completing.add(key);
    this.senseIndex(word, { vector, signal: this.background.signal })
      .then((index) => this.logger.info(`Completed the sense index of "${word}" in the background (${index.examples.length} examples).`))
      .catch((error: unknown) => {
        if (!isCancellation(error)) this.logger.warn(`Background index of "${word}" stopped: ${describeError(error)}`);
      })
      .finally(() => this.completing.delete(key));
  }

  private wordData(word: string, signal?: AbortSignal): Promise<WordData> {
    let pending = this.trainData.get(word);
    if (!pending) {
      pending = this.dataset.load(word, 'train', signal);
      this.trainData.set(word, pending);
      pending.catch(() => this.trainData.delete(word));
    }
    return pending;
  }

  private trainingVectors(
    encoder: BertEncoder,
    data: WordData,
    selected: readonly number[],
    keep: number,
    options: RunOptions,
  ): Promise<StoredVectors> {
    const previous = this.stored.get(data.word);
    const next = (previous ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .then((current) => this.growVectors(encoder, data, selected, keep, current, options));
    // Keep the grown set for the next caller, but a failed or cancelled build leaves the previous one.
    this.stored.set(
      data.word,
      next.catch(() => previous ?? Promise.reject(new Error('no vectors'))),
    );
    return next;
  }

  private async growVectors(
    encoder: BertEncoder,
    data: WordData,
    selected: readonly number[],
    keep: number,
    current: StoredVectors | undefined,
    options: RunOptions,
  ): Promise<StoredVectors> {
    const { hiddenSize } = encoder.info;
    const cache = new VectorCache(this.indexFolder(encoder), this.logger);
    const name = `${data.word}.last${keep}`;
    let stored = current && current.layers === keep ? current : undefined;
    stored ??= (await cache.read(name, hiddenSize, keep)) ?? { hidden: hiddenSize, layers: keep, vectors: new Map() };
    const missing = selected.filter((i) => !stored.vectors.has(i));
    if (missing.length === 0) return stored;

    const inputs = new Map<number, TargetInput>();
    for (const i of missing) {
      const e = data.examples[i];
      const input = targetInput(encoder.aligner.pieces(e.sentence), e, encoder.special, encoder.info.maxLength);
      if (input) inputs.set(i, input);
    }
    // Sorting by length keeps padding, and so wasted work, small.
    const order = [...inputs.keys()].sort((a, b) => inputs.get(a)!.ids.length - inputs.get(b)!.ids.length);
    const report = (done: number) => options.onProgress?.({ kind: 'index', word: data.word, done, total: order.length });
    report(0);
    try {
      for (let b = 0; b < order.length; b += INDEX_BATCH) {
        throwIfAborted(options.signal);
        const batch = order.slice(b, b + INDEX_BATCH);
        const vectors = await encoder.targetLayers(batch.map((i) => inputs.get(i)!), keep);
        batch.forEach((i, j) => stored.vectors.set(i, vectors[j]));
        report(Math.min(b + INDEX_BATCH, order.length));
      }
    } finally {
      // Even a cancelled build keeps what it computed.
      await cache.write(name, stored);
    }
    this.logger.info(`Embedded ${order.length} training sentences of "${data.word}" (${stored.vectors.size} stored).`);
    return stored;
  }

  private indexFolder(encoder: BertEncoder): string {
    const key = createHash('sha256').update(`${encoder.info.name}\n${encoder.info.fingerprint}\n${this.dataset.id}`).digest('hex').slice(0, 16);
    const readable = encoder.info.name.replace(/[^\w.-]+/g, '_').slice(-40);
    return path.join(this.options.cacheDir, 'indexes', `${readable}-${key}`);
  }

  async plot(word: string, occurrences: readonly Classification[], options: RunOptions): Promise<PlotData> {
    if (!this.words.includes(word)) throw new EngineError('dataset-missing', `"${word}" is not a CoarseWSD-20 word.`);
    const encoder = await this.loadEncoder(options);
    const vector = validateVectorOptions(options.vector, encoder.info.numLayers);
    const index = await this.senseIndex(word, { ...options, vector });
    const mine = occurrences.filter((o) => o.target.word === word);
    // Occurrences were classified with the settings of their time: re-embed them with the plot's.
    const contexts = mine.map((o) => ({ text: o.context, start: o.contextStart, end: o.contextEnd }));
    const means = await this.embedContexts(encoder, contexts, vector.layers, { signal: options.signal });
    const docs = mine.flatMap((o, i) => {
      const m = means[i];
      if (!m) return [];
      const v = poolLayers(m, encoder.info.hiddenSize, vector);
      return [{ occurrence: o, vector: v, decision: classifyVector(index, v, options.classifier ?? DEFAULT_CLASSIFIER) }];
    });
    const live = index.centroids.map((_, s) => s).filter((s) => index.counts[s] > 0);
    const projection = project2d(index.vectors, [...live.map((s) => index.centroids[s]), ...docs.map((d) => d.vector)]);

    const points: PlotPoint[] = [];
    index.examples.forEach((e, i) => {
      const s = index.senseOf[i];
      const [x, y] = projection.points[i];
      points.push({ x, y, kind: 'train', sense: index.senses[s], label: index.labels[s], sentence: e.sentence });
    });
    live.forEach((s, j) => {
      const [x, y] = projection.points[index.examples.length + j];
      points.push({ x, y, kind: 'centroid', sense: index.senses[s], label: index.labels[s], sentence: `Sense vector: mean of ${index.counts[s]} training examples` });
    });
    docs.forEach((d, j) => {
      const [x, y] = projection.points[index.examples.length + live.length + j];
      points.push({ x, y, kind: 'document', sense: d.decision.winner.sense, label: d.decision.winner.label, sentence: d.occurrence.context });
    });
    return {
      word,
      senses: index.senses.map((sense, s) => ({ sense, label: index.labels[s] })),
      points,
      explained: projection.explained,
      options: vector,
      maxPerSense: options.maxPerSense ?? 0,
    };
  }

  async clearCache(): Promise<void> {
    this.indexes.clear();
    this.stored.clear();
    this.trainData.clear();
    for (const sub of ['models', 'datasets', 'indexes']) {
      await fs.rm(path.join(this.options.cacheDir, sub), { recursive: true, force: true });
    }
    this.logger.info(`Cleared ${this.options.cacheDir}`);
  }

  async dispose(): Promise<void> {
    this.background.abort();
    const encoder = await this.encoderPromise?.catch(() => undefined);
    this.encoderPromise = undefined;
    this.encoder = undefined;
    await encoder?.dispose();
  }
}

