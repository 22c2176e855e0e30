import { describeError, EngineError } from '../shared/errors';
import { Inventory } from '../shared/inventory';
import type { Logger } from '../shared/logger';
import type { WordData } from './dataset';
import type { DatasetInventory } from './datasetInventory';
import { TaughtInventory } from './taught/taughtInventory';
import type { ExampleRef, TaughtListing, TaughtSensesService, TeachRequest, TeachResult } from './types';

/**
 * The words with senses (CoarseWSD-20's unless turned off, then the taught words it lacks) and
 * their matcher, with the taught senses behind `TaughtSensesService`: every edit refreshes the list.
 */
export class KnownWords implements TaughtSensesService {
  private known: { words: readonly string[]; matcher: Inventory };
  private readonly taught: TaughtInventory;
  /** The first read of the taught-senses files: classification waits for it. */
  readonly ready: Promise<unknown>;

  constructor(
    /** Undefined when CoarseWSD-20 is turned off (`coarsewsd20: false`). */
    private readonly dataset: DatasetInventory | undefined,
    taughtStores: readonly string[],
    logger: Logger,
  ) {
    this.taught = new TaughtInventory(taughtStores);
    this.known = this.list();
    // Reading never throws (an unreadable file becomes a listed problem); a bug must not block classification.
    this.ready = this.reloadTaught().catch((error: unknown) => logger.warn(`Could not read the taught senses: ${describeError(error)}`));
  }

  get words(): readonly string[] {
    return this.known.words;
  }

  get matcher(): Inventory {
    return this.known.matcher;
  }

  /** Whether CoarseWSD-20 (turned on) has the word. */
  inDataset(word: string): boolean {
    return this.dataset?.words.includes(word) === true;
  }

  /** The word's taught senses, if any. */
  taughtData(word: string): WordData | undefined {
    return this.taught.wordData(word);
  }

  private list(): { words: readonly string[]; matcher: Inventory } {
    const words = [...new Set([...(this.dataset?.words ?? []), ...this.taught.words])];
    return { words, matcher: new Inventory(words) };
  }

  /** Word names become file paths and URLs: only known words pass the engine's boundary. */
  check(word: string): void {
    if (!this.words.includes(word)) {
      const taught = this.taught.words.length > 0 ? ' or a taught word' : '';
      throw new EngineError('dataset-missing', `${JSON.stringify(word)} is not a CoarseWSD-20 word${taught} (${this.words.join(', ')}).`);
    }
  }

  async teach(request: TeachRequest): Promise<TeachResult> {
    await this.ready;
    return this.afterEdit(this.taught.teach({ ...request, word: this.lemmaOf(request.word) }));
  }

  async forget(example: ExampleRef): Promise<number> {
    await this.ready;
    return this.afterEdit(this.taught.forget(example));
  }

  async renameSense(request: { readonly word: string; readonly sense: string; readonly label: string; readonly store?: string }): Promise<void> {
    await this.ready;
    return this.afterEdit(this.taught.renameSense(request));
  }

  async deleteSense(request: { readonly word: string; readonly sense: string; readonly store?: string }): Promise<void> {
    await this.ready;
    return this.afterEdit(this.taught.deleteSense(request));
  }

  async taughtSenses(): Promise<TaughtListing> {
    await this.ready;
    return this.taught.listing();
  }

  async reloadTaught(): Promise<TaughtListing> {
    if (await this.taught.reload()) this.known = this.list();
    return this.taught.listing();
  }

  /** An edit's result once the word list follows it (a failed edit may still have re-read the file). */
  private async afterEdit<T>(edit: Promise<T>): Promise<T> {
    try {
      return await edit;
    } finally {
      this.known = this.list();
    }
  }

  /**
   * The word a surface form is taught under: a known word's form gives the known word (`Kernels`
   * → `kernel` once *kernel* is taught, `Banks'` → `bank`); otherwise the form itself in lower case
   * without a possessive ending.
   */
  private lemmaOf(surface: string): string {
    const text = surface.trim();
    const match = this.known.matcher.findAll(text).find((m) => m.start === 0 && m.surface.length === text.length);
    return match?.word ?? text.replace(/['’]s?$/u, '').toLowerCase();
  }
}
