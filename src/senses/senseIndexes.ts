import { describeError, EngineError, isCancellation } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { LruCache } from '../shared/lruCache';
import type { CallSettings, VectorOptions } from '../shared/engineProtocol';
import type { WordData } from './dataset';
import type { DatasetInventory } from './datasetInventory';
import { storedLayers } from './embedding';
import type { KnownWords } from './knownWords';
import type { ModelLoader } from './modelLoader';
import { buildSenseIndex, sampleIndices, type SenseIndex } from './senseIndex';
import { mergeWordData } from './senseInventory';
import type { IndexStage, RunOptions } from './types';

/**
 * Examples per sense of a progressive index's first stage: 24 sentences for a 4-sense word. With
 * q8 at bert-base on 2 cores a new word's first hover then takes 0.6–1.2 s while other words
 * complete in the background (`npm run bench:perf -- --scenario reading`, docs/performance.md).
 */
export const FIRST_PER_SENSE = 6;
/** Sense indexes kept in memory (each holds its training vectors twice: raw and unit length). */
const MAX_INDEXES = 16;

/** A larger index of a word to build in the background. */
interface Completion {
  readonly key: string;
  readonly word: string;
  readonly run: CallSettings;
  /** Examples per sense (0 = all). */
  readonly cap: number;
  readonly order: number;
  /** The word's last stage: its completion is done after it. */
  readonly last: boolean;
}

/** Each word's sense indexes, in the stages a progressive index goes through. */
export class SenseIndexes {
  private readonly indexes = new LruCache<SenseIndex>(MAX_INDEXES);
  /** Words (with vector options) whose completion is queued or running, and their cancellation (dispose, clear cache). */
  private readonly completing = new Set<string>();
  private background = new AbortController();
  /** Stages waiting to be built (see `drain`); `requests` orders them by when their word was hovered. */
  private pending: Completion[] = [];
  private requests = 0;
  private draining = false;

  constructor(
    private readonly loader: ModelLoader,
    private readonly words: KnownWords,
    /** Undefined when CoarseWSD-20 is turned off. */
    private readonly dataset: DatasetInventory | undefined,
    private readonly logger: Logger,
    /** Told when a background stage replaced a word's index (its answers may change). */
    private readonly onSensesChanged: (word: string) => void,
  ) {}

  /**
   * The best index built so far for these options. With a cap and `completeIndexInBackground`, the
   * index is progressive: a word with nothing embedded yet gets a first index of `FIRST_PER_SENSE`
   * examples per sense (one batch: about a second at bert-base, where a capped one took 10–40 s),
   * then the capped and the full index are built in the background and replace it. Taught senses
   * join every stage whole (they are few), their vectors cached by content: teaching one example
   * embeds that example only.
   */
  async staged(word: string, options: RunOptions, vector: VectorOptions): Promise<{ index: SenseIndex; stage: IndexStage }> {
    await this.words.ready;
    const loaded = await this.loader.load(options);
    const { encoder, training } = loaded;
    const keep = storedLayers(encoder.info.numLayers, vector.layers);
    const taught = this.words.taughtData(word);
    const tag = taught ? `|taught ${taught.fingerprint}` : '';
    const fromDataset = this.words.inDataset(word);
    const cap = fromDataset ? options.maxExamplesPerSense : 0;
    const upgrade = cap > 0 && options.completeIndexInBackground;
    const key = (c: number) => `${word}|${vector.layers}|${vector.pooling}|${c}${tag}`;
    const first = Math.min(FIRST_PER_SENSE, cap);
    const stages: [number, IndexStage][] = upgrade ? [[0, 'full'], [cap, 'capped'], [first, 'first']] : [[cap, cap === 0 ? 'full' : 'capped']];
    for (const [c, stage] of stages) {
      const cached = this.indexes.get(key(c));
      if (cached) return { index: cached, stage };
    }

    const taughtMeans = taught ? await loaded.taughtVectors.get(word, taught.examples, keep, options) : [];
    if (!fromDataset) {
      // The engine checked the word, so it is taught (the dataset is off or lacks it).
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
      ? withTaught(data, selected, stored.vectors, taught, taughtMeans, encoder.info.hiddenSize, vector)
      : buildSenseIndex(data, selected, stored.vectors, encoder.info.hiddenSize, vector);
    this.indexes.set(key(c), index);
    if (upgrade && stage !== 'full') this.completeLater(word, { ...options, vector }, stage === 'first' ? [cap, 0] : [0]);
    return { index, stage };
  }

  /** A CoarseWSD-20 word's training data, loaded (or downloaded) once under the engine's lifetime. */
  async datasetWord(word: string, options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<WordData> {
    const data = await this.dataset?.senses(word, options);
    if (!data) throw new EngineError('dataset-missing', `${JSON.stringify(word)} is not a CoarseWSD-20 word${this.dataset ? '' : ' (CoarseWSD-20 is turned off)'}.`);
    return data;
  }

  /** Queues the word's larger indexes (`caps`, in order) after a smaller one answered, without progress UI. */
  private completeLater(word: string, run: CallSettings, caps: readonly number[]): void {
    const key = `${word}|${run.vector.layers}|${run.vector.pooling}`;
    if (this.completing.has(key)) return;
    this.completing.add(key);
    caps.forEach((cap, i) => this.pending.push({ key, word, run, cap, order: ++this.requests, last: i === caps.length - 1 }));
    void this.drain();
  }

  /**
   * Builds the queued stages one at a time: every capped index before any full one, the most
   * recently hovered word first. A reader's latest word gets its near-final answer soonest, and
   * only one word's training sentences are tokenized at a time (the engine thread's CPU is the
   * hover's too).
   */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        this.pending.sort((a, b) => Number(a.cap === 0) - Number(b.cap === 0) || b.order - a.order);
        const job = this.pending.shift()!;
        const { vector, classifier, substitutes } = job.run;
        const options = { vector, classifier, maxExamplesPerSense: job.cap, completeIndexInBackground: false, substitutes, signal: this.background.signal, priority: 'background' as const };
        try {
          await this.staged(job.word, options, vector);
          this.onSensesChanged(job.word);
          if (job.last) {
            this.completing.delete(job.key);
            this.logger.info(`Completed the sense index of "${job.word}" in the background.`);
          }
        } catch (error) {
          if (!isCancellation(error)) this.logger.warn(`Background index of "${job.word}" stopped: ${describeError(error)}`);
          this.pending = this.pending.filter((j) => j.key !== job.key);
          this.completing.delete(job.key);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Stops background builds (they would write vectors back into folders being deleted). */
  stop(): void {
    this.background.abort();
    this.background = new AbortController();
    this.pending = [];
    this.completing.clear();
  }

  /** Stops background builds and forgets every index (clear cache). */
  clear(): void {
    this.stop();
    this.indexes.clear();
  }
}

/** The index of a dataset word with its taught senses after the dataset's (see `mergeWordData`). */
function withTaught(
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
