import type { TokenPrediction } from '../bert/bertEncoder';
import { targetInput } from '../bert/wordPieces';
import type { Context } from '../shared/inventory';
import { LruCache } from '../shared/lruCache';
import { embedSorted, mapInSlices, storedLayers } from './embedding';
import type { Loaded } from './modelLoader';
import { SUBSTITUTE_CANDIDATES } from './substitutes';
import type { RunOptions, SubstituteMode } from './types';

/** A context's per-layer target means, and the MLM head's tokens there when substitutes were asked for. */
export interface Embedded {
  readonly layers: Float32Array;
  readonly tokens?: readonly TokenPrediction[];
}

type EmbedRun = Pick<RunOptions, 'signal' | 'onProgress' | 'priority'>;

/**
 * Embedded occurrences kept, so a repeat hover, the annotation of the same occurrence and its plot
 * marker reuse one forward pass (12 KB each at bert-base: 24 MB).
 */
const MAX_EMBEDDED = 2_000;

/**
 * Embeds occurrences in their contexts and keeps the latest `MAX_EMBEDDED`: an answer is computed
 * again from them against the word's current index.
 */
export class OccurrenceEmbeddings {
  private readonly embedded = new LruCache<Embedded>(MAX_EMBEDDED);
  /** Occurrences answered from memory so far (tests and benchmarks read it). */
  hits = 0;

  /**
   * Per-layer target means of document contexts (undefined where the target has no pieces), with the
   * MLM head's candidate tokens at each target when `substitutes` is not `off`: unmasked from the same
   * forward pass, masked from a second one (progress then counts both passes).
   */
  async embed(loaded: Loaded, contexts: readonly Context[], layers: number, options: EmbedRun, substitutes: SubstituteMode = 'off'): Promise<(Embedded | undefined)[]> {
    const keep = storedLayers(loaded.encoder.info.numLayers, layers);
    const key = (c: Context, mode: SubstituteMode) => `${keep}|${loaded.window}|${mode}|${c.start}|${c.end}|${c.text}`;
    // Without substitutes, an embedding made with unmasked ones serves too (same forward pass).
    const out = contexts.map((c): Embedded | undefined => {
      const own = this.embedded.get(key(c, substitutes));
      if (own || substitutes !== 'off') return own;
      const unmasked = this.embedded.get(key(c, 'unmasked'));
      return unmasked && { layers: unmasked.layers };
    });
    const missing = out.flatMap((e, i) => (e ? [] : [i]));
    this.hits += contexts.length - missing.length;
    if (missing.length === 0) return out;
    const fresh = await embedFresh(loaded, missing.map((i) => contexts[i]), keep, options, substitutes);
    missing.forEach((i, j) => {
      out[i] = fresh[j];
      if (fresh[j]) this.embedded.set(key(contexts[i], substitutes), fresh[j]);
    });
    return out;
  }

  clear(): void {
    this.embedded.clear();
  }
}

/** Embeds `contexts` (their `keep` last layers) without looking in or filling any cache. */
export async function embedFresh(loaded: Loaded, contexts: readonly Context[], keep: number, options: EmbedRun, substitutes: SubstituteMode): Promise<(Embedded | undefined)[]> {
  const { encoder, window } = loaded;
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
