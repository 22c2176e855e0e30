import type { BertEncoder } from '../engine/bertEncoder';
import type { Logger } from '../engine/logger';
import { targetInput } from '../engine/wordPieces';
import type { WordData } from './dataset';
import { embedSorted } from './embedding';
import type { RunOptions } from './types';
import { VectorCache, type StoredVectors } from './vectorCache';

/**
 * The per-layer target vectors of each word's training sentences for one model and dataset:
 * embedded on demand (only the examples asked for and not yet stored), kept in memory and on disk.
 */
export class TrainingVectors {
  /** Per word, the latest stored set; growing it is chained per word so builds never race. */
  private readonly stored = new Map<string, Promise<StoredVectors>>();
  private readonly cache: VectorCache;

  constructor(
    private readonly encoder: BertEncoder,
    folder: string,
    private readonly logger: Logger,
  ) {
    this.cache = new VectorCache(folder, logger);
  }

  /** Vectors of `keep` last layers that include at least the `selected` examples of the word. */
  get(data: WordData, selected: readonly number[], keep: number, options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<StoredVectors> {
    const previous = this.stored.get(data.word);
    const next = (previous ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .then((current) => this.grow(data, selected, keep, current, options));
    // The next caller starts from the grown set; a failed or cancelled build leaves the previous one.
    this.stored.set(
      data.word,
      next.catch(() => previous ?? Promise.reject(new Error('no vectors'))),
    );
    return next;
  }

  clear(): void {
    this.stored.clear();
  }

  private async grow(
    data: WordData,
    selected: readonly number[],
    keep: number,
    current: StoredVectors | undefined,
    options: Pick<RunOptions, 'signal' | 'onProgress'>,
  ): Promise<StoredVectors> {
    const { hiddenSize, maxLength } = this.encoder.info;
    const name = `${data.word}.last${keep}`;
    let stored = current && current.layers === keep ? current : undefined;
    stored ??= (await this.cache.read(name, hiddenSize, keep)) ?? { hidden: hiddenSize, layers: keep, vectors: new Map() };
    const missing = selected.filter((i) => !stored.vectors.has(i));
    if (missing.length === 0) return stored;

    const inputs = missing.map((i) => {
      const e = data.examples[i];
      return targetInput(this.encoder.aligner.pieces(e.sentence), e, this.encoder.special, maxLength);
    });
    const total = inputs.filter(Boolean).length;
    options.onProgress?.({ kind: 'index', word: data.word, done: 0, total });
    try {
      await embedSorted(inputs, (batch) => this.encoder.targetLayers(batch, keep), {
        signal: options.signal,
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
