import { throwIfAborted } from '../shared/errors';
import type { RunAt } from '../bert/bertEncoder';
import type { RunPriority } from '../bert/runQueue';
import type { TargetInput } from '../bert/wordPieces';

/** Most sentences of one forward pass (length-sorted; `batchSizes` also caps the padded ids). */
export const EMBED_BATCH = 32;
/**
 * Sentences per forward pass of a hover's work (its sentence, a word's first index): one. At
 * bert-base on 2 cores, onnxruntime embeds one sentence at a time faster than in a padded batch
 * (the first index of *mole*, 30 sentences: 0.9–1.0 s one by one, 1.3 s in one batch, q8; see
 * docs/performance.md).
 */
const HOVER_BATCH = 1;
/**
 * Sentences per forward pass of work a hover may wait behind (views, background completion): the
 * hover's run starts after at most one such batch.
 */
export const SMALL_BATCH = 4;

/** Sentences tokenized between two yields to the event loop (about 20 ms of work). */
const TOKENIZE_SLICE = 100;

/**
 * Maps `items` in slices, yielding to the event loop in between, so while thousands of sentences
 * are tokenized the engine worker still hears a cancel or answers a hover; `pause` (background
 * work) waits between slices until no hover holds the CPU.
 */
export async function mapInSlices<T, R>(items: readonly T[], map: (item: T) => R, pause?: () => Promise<void>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += TOKENIZE_SLICE) {
    if (i > 0) await (pause?.() ?? new Promise((resolve) => setImmediate(resolve)));
    for (const item of items.slice(i, i + TOKENIZE_SLICE)) out.push(map(item));
  }
  return out;
}

/** At least this many last layers are kept per sentence, so k = 1…4 never re-runs BERT. */
const STORED_LAYERS = 4;

export function storedLayers(numLayers: number, layers: number): number {
  return Math.min(numLayers, Math.max(STORED_LAYERS, layers));
}

/**
 * Most ids in one padded batch: 32 sentences of up to 128 ids, fewer when longer. Every row is
 * padded to the longest, so one 500-id sentence among 31 short ones made a batch 7× the work of its
 * real tokens (at bert-base, 55 s instead of seconds for the first 32 sentences of *seal*).
 */
const BATCH_IDS = EMBED_BATCH * 128;
const SMALL_BATCH_IDS = SMALL_BATCH * 128;

/**
 * Runs `forward` over the inputs in batches sorted by length (less padding, less wasted work) and
 * returns its results in input order; undefined inputs stay undefined. A hover's batch holds
 * `HOVER_BATCH` inputs, other work's `SMALL_BATCH`. Checks
 * `signal` between batches, hands `forward` the run's priority and signal, and reports each
 * finished batch.
 */
export async function embedSorted<R = Float32Array>(
  inputs: readonly (TargetInput | undefined)[],
  forward: (batch: readonly TargetInput[], at: RunAt) => Promise<R[]>,
  options: {
    readonly signal?: AbortSignal;
    /** Default `hover`. */
    readonly priority?: RunPriority;
    readonly onBatch?: (done: number, total: number, batch: readonly number[], vectors: readonly R[]) => void;
  },
): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = new Array(inputs.length);
  const order = inputs.flatMap((input, i) => (input ? [i] : [])).sort((a, b) => inputs[a]!.ids.length - inputs[b]!.ids.length);
  const priority = options.priority ?? 'hover';
  const [most, ids] = priority === 'hover' ? [HOVER_BATCH, BATCH_IDS] : [SMALL_BATCH, SMALL_BATCH_IDS];
  let done = 0;
  for (const size of batchSizes(order.map((i) => inputs[i]!.ids.length), most, ids)) {
    throwIfAborted(options.signal);
    const batch = order.slice(done, done + size);
    const vectors = await forward(batch.map((i) => inputs[i]!), { priority, signal: options.signal });
    batch.forEach((i, j) => (out[i] = vectors[j]));
    done += size;
    options.onBatch?.(done, order.length, batch, vectors);
  }
  return out;
}

/** Sizes of consecutive batches over `lengths` sorted ascending, within `most` inputs and `maxIds` padded ids. */
export function batchSizes(lengths: readonly number[], most = EMBED_BATCH, maxIds = BATCH_IDS): number[] {
  const sizes: number[] = [];
  for (let start = 0; start < lengths.length; ) {
    // Ascending: the last input taken is the longest, so it sets the padded width.
    let end = start + 1;
    while (end < lengths.length && end - start < most && (end - start + 1) * lengths[end] <= maxIds) end++;
    sizes.push(end - start);
    start = end;
  }
  return sizes;
}
