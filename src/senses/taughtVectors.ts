import type { BertEncoder } from '../bert/bertEncoder';
import { targetInput } from '../bert/wordPieces';
import { LruCache } from '../shared/lruCache';
import type { Example } from './dataset';
import { embedSorted } from './embedding';
import type { RunOptions } from './types';

/** Taught examples whose vectors stay in memory (about 12 KB each at bert-base, 4 layers). */
const MAX_VECTORS = 20_000;
/** Stands for "the target has no word pieces": such an example is not run again. */
const NO_PIECES = new Float32Array(0);

/**
 * Per-layer target vectors of small inventories' examples (taught senses), keyed by content:
 * sentence, span and stored layers, for one model and context window (one instance per loaded
 * model). Adding an example to a word embeds that example only; examples asked for while their
 * forward pass runs wait for it instead of running it again.
 */
export class TaughtVectors {
  private readonly done = new LruCache<Float32Array>(MAX_VECTORS);
  private readonly running = new Map<string, Promise<Float32Array>>();

  constructor(
    private readonly encoder: BertEncoder,
    private readonly window: number,
  ) {}

  /** Forgets every vector (clear cache). */
  clear(): void {
    this.done.clear();
  }

  /** The `keep` last layers' means of each example (undefined where its target has no pieces). */
  async get(word: string, examples: readonly Example[], keep: number, options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<(Float32Array | undefined)[]> {
    const keys = examples.map((e) => `${keep}|${e.start}|${e.end}|${e.sentence}`);
    const missing: number[] = [];
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (!seen.has(k) && !this.done.get(k) && !this.running.has(k)) missing.push(i);
      seen.add(k);
    });
    if (missing.length > 0) {
      const inputs = missing.map((i) => targetInput(this.encoder.aligner.pieces(examples[i].sentence), examples[i], this.encoder.special, this.window));
      const total = inputs.filter(Boolean).length;
      options.onProgress?.({ kind: 'index', word, done: 0, total });
      const batch = embedSorted(inputs, (b) => this.encoder.targetLayers(b, keep), {
        signal: options.signal,
        onBatch: (done) => options.onProgress?.({ kind: 'index', word, done, total }),
      });
      missing.forEach((i, j) => {
        const key = keys[i];
        const one = batch.then((vectors) => vectors[j] ?? NO_PIECES);
        this.running.set(key, one);
        one.then(
          (v) => this.done.set(key, v),
          () => undefined,
        ).finally(() => this.running.delete(key));
      });
    }
    const vectors = await Promise.all(keys.map((k) => this.done.get(k) ?? this.running.get(k)!));
    return vectors.map((v) => (v === NO_PIECES ? undefined : v));
  }
}
