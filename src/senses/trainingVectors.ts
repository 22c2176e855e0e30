import type { BertEncoder } from '../bert/bertEncoder';
import type { Logger } from '../shared/logger';
import { targetInput } from '../bert/wordPieces';
import type { WordData } from './dataset';
import { embedSorted, mapInSlices } from './embedding';
import type { RunOptions } from './types';
import { VectorCache, type StoredVectors } from './vectorCache';

/** Words whose per-layer vectors stay in memory (about 14 MB a word with bert-base); the rest are re-read from disk. */
const WORDS_IN_MEMORY = 6;

/**
 * The per-layer target vectors of each word's training sentences for one model and dataset:
 * embedded on demand (only the examples asked for and not yet stored), kept in memory and on disk.
 */
export class TrainingVectors {
  /** Per word, the latest stored set; growing it is chained per word so builds never race. */
  private readonly stored = new Map<string, Promise<StoredVectors | undefined>>();
  /** The set each word's chain is growing right now (vectors are only ever added to it). */
  private readonly current = new Map<string, StoredVectors>();
  private readonly cache: VectorCache;

  constructor(
    private readonly encoder: BertEncoder,
    /** Ids per training context (the engine's context window). */
    private readonly window: number,
    folder: string,
    private readonly logger: Logger,
  ) {
    this.cache = new VectorCache(folder, logger);
  }

  /** Vectors of `keep` last layers that include at least the `selected` examples of the word. */
  get(data: WordData, selected: readonly number[], keep: number, options: Pick<RunOptions, 'signal' | 'onProgress' | 'priority'>): Promise<StoredVectors> {
    const name = cacheName(data, keep, this.window);
    // What is already stored needs no queueing behind a build in progress (e.g. a background one).
    const ready = this.current.get(name);
    if (ready && selected.every((i) => ready.vectors.has(i))) return Promise.resolve(ready);
    const previous = this.stored.get(data.word) ?? Promise.resolve(undefined);
    const next = previous.then((current) => this.grow(data, name, selected, keep, current, options));
    // The next caller starts from the grown set; a failed or cancelled build leaves the previous one.
    this.stored.set(
      data.word,
      next.catch(() => previous),
    );
    return next;
  }

  clear(): void {
    this.stored.clear();
    this.current.clear();
  }

  /** Most recently used last; the oldest word beyond the limit is dropped (its chain too). */
  private remember(name: string, stored: StoredVectors): void {
    this.current.delete(name);
    this.current.set(name, stored);
    while (this.current.size > WORDS_IN_MEMORY) {
      const oldest = this.current.keys().next().value as string;
      this.current.delete(oldest);
      this.stored.delete(oldest.slice(0, oldest.indexOf('.')));
    }
  }

  private async grow(
    data: WordData,
    name: string,
    selected: readonly number[],
    keep: number,
    current: StoredVectors | undefined,
    options: Pick<RunOptions, 'signal' | 'onProgress' | 'priority'>,
  ): Promise<StoredVectors> {
    const { hiddenSize } = this.encoder.info;
    let stored = current && current.layers === keep ? current : this.current.get(name);
    stored ??= (await this.cache.read(name, hiddenSize, keep)) ?? { hidden: hiddenSize, layers: keep, vectors: new Map() };
    this.remember(name, stored);
    const missing = selected.filter((i) => !stored.vectors.has(i));
    if (missing.length === 0) return stored;

    const pause = options.priority === 'background' ? () => this.encoder.queue.unheld('background') : undefined;
    const inputs = await mapInSlices(missing, (i) => {
      const e = data.examples[i];
      return targetInput(this.encoder.aligner.pieces(e.sentence), e, this.encoder.special, this.window);
    }, pause);
    const total = inputs.filter(Boolean).length;
    options.onProgress?.({ kind: 'index', word: data.word, done: 0, total });
    try {
      await embedSorted(inputs, (batch, at) => this.encoder.targetLayers(batch, keep, at), {
        signal: options.signal,
        priority: options.priority,
        onBatch: (done, _, batch, vectors) => {
          batch.forEach((j, b) => stored.vectors.set(missing[j], vectors[b]));
          options.onProgress?.({ kind: 'index', word: data.word, done, total });
        },
      });
    } finally {
      // Even a cancelled build keeps what it computed.
      await this.cache.write(name, stored);
    }
    this.logger.info(`Embedded ${total} training sentences of "${data.word}" (${stored.vectors.size} stored).`);
    return stored;
  }
}

/** One file per word, version of the word's training data, stored layers and context window. */
function cacheName(data: WordData, keep: number, window: number): string {
  return `${data.word}.${data.fingerprint}.last${keep}.w${window}`;
}
