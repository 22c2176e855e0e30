import { createHash } from 'node:crypto';
import type { BertEncoder } from '../bert/bertEncoder';
import { targetInput } from '../bert/wordPieces';
import type { Logger } from '../shared/logger';
import { LruCache } from '../shared/lruCache';
import type { Example } from './dataset';
import { embedSorted } from './embedding';
import type { RunOptions } from './types';
import { VectorCache } from './vectorCache';

/** Taught examples whose vectors stay in memory (about 12 KB each at bert-base, 4 layers); the rest are re-read from disk. */
const MAX_VECTORS = 2_000;
/** Stands for "the target has no word pieces": such an example is not run again. */
const NO_PIECES = new Float32Array(0);

/**
 * Per-layer target vectors of small inventories' examples (taught senses), keyed by content:
 * sentence, span, stored layers and context window, for one model (one instance per loaded model,
 * its folder inside the model's index folder). In memory and on disk, one small file per example
 * (the vector cache's format, with its checks), so a new session does not embed them again.
 * Adding an example to a word embeds that example only; examples asked for while their forward
 * pass runs wait for it instead of running it again.
 */
export class TaughtVectors {
  private readonly done = new LruCache<Float32Array>(MAX_VECTORS);
  private readonly running = new Map<string, Promise<Float32Array>>();
  private readonly files: VectorCache;

  constructor(
    private readonly encoder: BertEncoder,
    private readonly window: number,
    folder: string,
    logger: Logger,
  ) {
    this.files = new VectorCache(folder, logger);
  }

  /** Forgets every vector held in memory (clear cache, which deletes the folder). */
  clear(): void {
    this.done.clear();
  }

  /** The `keep` last layers' means of each example (undefined where its target has no pieces). */
  async get(word: string, examples: readonly Example[], keep: number, options: Pick<RunOptions, 'signal' | 'onProgress' | 'priority'>): Promise<(Float32Array | undefined)[]> {
    const keys = examples.map((e) => createHash('sha256').update(`${keep}\n${this.window}\n${e.start}\n${e.end}\n${e.sentence}`).digest('hex').slice(0, 32));
    const found = new Map<string, Float32Array | Promise<Float32Array>>();
    for (const k of keys) {
      const known = this.done.get(k) ?? this.running.get(k);
      if (known) found.set(k, known);
    }
    const absent = [...new Set(keys.filter((k) => !found.has(k)))];
    const { hiddenSize } = this.encoder.info;
    const stored = await Promise.all(absent.map((k) => this.files.read(k, hiddenSize, keep)));
    absent.forEach((k, i) => {
      const v = stored[i]?.vectors.get(0);
      if (v) found.set(k, v);
      if (v) this.done.set(k, v);
    });
    const missing = absent.filter((k) => !found.has(k)).map((k) => keys.indexOf(k));
    if (missing.length > 0) {
      const inputs = missing.map((i) => targetInput(this.encoder.aligner.pieces(examples[i].sentence), examples[i], this.encoder.special, this.window));
      const total = inputs.filter(Boolean).length;
      options.onProgress?.({ kind: 'index', word, done: 0, total });
      const batch = embedSorted(inputs, (b, at) => this.encoder.targetLayers(b, keep, at), {
        signal: options.signal,
        priority: options.priority,
        onBatch: (done) => options.onProgress?.({ kind: 'index', word, done, total }),
      });
      missing.forEach((i, j) => {
        const key = keys[i];
        const one = batch.then(async (vectors) => {
          const v = vectors[j];
          // An example without pieces is cheap to find again (tokenizing only): not written.
          if (v) await this.files.write(key, { hidden: hiddenSize, layers: keep, vectors: new Map([[0, v]]) });
          return v ?? NO_PIECES;
        });
        found.set(key, one);
        this.running.set(key, one);
        one.then(
          (v) => this.done.set(key, v),
          () => undefined,
        ).finally(() => this.running.delete(key));
      });
    }
    const vectors = await Promise.all(keys.map((k) => found.get(k)!));
    return vectors.map((v) => (v === NO_PIECES ? undefined : v));
  }
}
