/**
 * The words that have senses, on the VS Code side: CoarseWSD-20's, and those people taught (as the
 * engine last listed them). Finding them needs no model, so hovers over other words, the plot
 * command and the document's occurrences never wait for the engine. One instance for the
 * extension: every place that finds target words asks it.
 */
import { Inventory } from '../shared/inventory';
import type { TargetMatch } from '../shared/engineProtocol';
import { COARSEWSD20_WORDS } from '../shared/words';

class WordInventory {
  private current = new Inventory(COARSEWSD20_WORDS);

  get words(): readonly string[] {
    return this.current.words;
  }

  findAll(text: string, from?: number, to?: number): TargetMatch[] {
    return this.current.findAll(text, from, to);
  }

  findAt(text: string, offset: number): TargetMatch | undefined {
    return this.current.findAt(text, offset);
  }

  /** The engine's words changed (a sense was taught, forgotten, or the files were edited). */
  update(words: readonly string[]): void {
    const next = [...new Set([...COARSEWSD20_WORDS, ...words])].sort();
    if (next.join() !== [...this.current.words].sort().join()) this.current = new Inventory(next);
  }
}

export const inventory = new WordInventory();
