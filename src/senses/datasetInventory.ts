import { untilAborted } from '../shared/errors';
import { COARSEWSD20_WORDS, senseLabel, type Dataset, type WordData } from './dataset';
import type { SenseInventory } from './senseInventory';
import type { EngineProgress } from './types';

/**
 * CoarseWSD-20 as a sense inventory: each word's training split, loaded (or downloaded) once under
 * the engine's lifetime; a failed load is forgotten so the next call retries.
 */
export class DatasetInventory implements SenseInventory {
  readonly source = 'coarsewsd20';
  readonly words: readonly string[] = COARSEWSD20_WORDS;
  private readonly loads = new Map<string, Promise<WordData>>();

  constructor(
    private readonly dataset: Dataset,
    private readonly lifetime: AbortSignal,
  ) {}

  senses(word: string, options: { readonly signal?: AbortSignal; readonly onProgress?: (p: EngineProgress) => void }): Promise<WordData | undefined> {
    if (!this.words.includes(word)) return Promise.resolve(undefined);
    let pending = this.loads.get(word);
    if (!pending) {
      pending = this.dataset.load(word, 'train', this.lifetime, () => options.onProgress?.({ kind: 'dataset', word })).then((data) => ({
        ...data,
        labels: data.senses.map((s) => senseLabel(word, s)),
        sources: data.senses.map(() => 'coarsewsd20' as const),
      }));
      this.loads.set(word, pending);
      pending.catch(() => this.loads.delete(word));
    }
    return untilAborted(pending, options.signal);
  }

  /** Forgets the loaded words (clear cache). */
  clear(): void {
    this.loads.clear();
  }
}
