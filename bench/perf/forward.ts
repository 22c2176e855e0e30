/**
 * Raw encoder inputs as the engine builds them: the tapped layers, and a word's training sentences
 * as sorted target inputs in batches of the engine's size.
 */
import type { BertEncoder } from '../../src/bert/bertEncoder';
import type { TargetInput } from '../../src/bert/wordPieces';
import type { WordData } from '../../src/senses';
import type { EngineModules } from './engineModules';

import { batchSizes } from '../../src/senses/embedding';

export { EMBED_BATCH as BATCH } from '../../src/senses/embedding';

/** Sorted inputs cut into the engine's batches (at most 32 inputs and 32 × 128 padded ids each). */
export function engineBatches(sorted: readonly TargetInput[]): (readonly number[])[][] {
  let start = 0;
  return batchSizes(sorted.map((i) => i.ids.length)).map((size) => sorted.slice(start, (start += size)).map((i) => i.ids));
}

/** The last 4 hidden states of a model with `numLayers` layers (0 = embeddings). */
export function lastFourLayers(numLayers: number): number[] {
  return [1, 2, 3, 4].map((i) => numLayers - 4 + i);
}

/** The training sentences' target inputs, shortest first (the engine's order); sentences without pieces left out. */
export function sortedInputs(modules: EngineModules, encoder: BertEncoder, data: WordData): TargetInput[] {
  return data.examples
    .map((ex) => modules.targetInput(encoder.aligner.pieces(ex.sentence), ex, encoder.special, modules.windowOf(encoder)))
    .filter((x): x is TargetInput => x !== undefined)
    .sort((a, b) => a.ids.length - b.ids.length);
}
