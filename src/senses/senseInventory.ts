/**
 * The seam between the engine and where senses come from. An inventory answers, for a word, its
 * senses (id, label, optional description, source) and their examples (sentence + target span), as
 * a `WordData`. CoarseWSD-20 (`datasetInventory.ts`) and the taught senses (`taught/taughtInventory.ts`)
 * are two; sense indexes, classifiers, nearest examples and the plot work on their merge the same
 * whatever the inventory.
 */
import { createHash } from 'node:crypto';
import { senseLabel, type WordData } from './dataset';
import type { EngineProgress, SenseSource } from './types';

export interface SenseInventory {
  readonly source: SenseSource;
  /** The words it has senses for. */
  readonly words: readonly string[];
  /** The word's senses and examples; undefined when it has none. */
  senses(word: string, options: { readonly signal?: AbortSignal; readonly onProgress?: (p: EngineProgress) => void }): Promise<WordData | undefined>;
}

/**
 * One word's senses from two inventories: `first`'s senses and examples, then `second`'s (their
 * example indices start at `first.examples.length`). A sense id of `second` that `first` already has
 * becomes `<source>:<id>`, so both senses count.
 */
export function mergeWordData(first: WordData, second: WordData): WordData {
  const taken = new Set(first.senses);
  const rename = new Map(second.senses.map((s, i) => [s, taken.has(s) ? `${second.sources?.[i] ?? 'other'}:${s}` : s]));
  const fill = <T>(data: WordData, values: readonly T[] | undefined, fallback: (s: string, i: number) => T) => data.senses.map((s, i) => values?.[i] ?? fallback(s, i));
  return {
    word: first.word,
    fingerprint: createHash('sha256').update(`${first.fingerprint}\n${second.fingerprint}`).digest('hex').slice(0, 12),
    senses: [...first.senses, ...second.senses.map((s) => rename.get(s)!)],
    examples: [...first.examples, ...second.examples.map((e) => ({ ...e, sense: rename.get(e.sense)! }))],
    labels: [...fill(first, first.labels, (s) => senseLabel(first.word, s)), ...fill(second, second.labels, (s) => senseLabel(second.word, s))],
    sources: [...fill<SenseSource>(first, first.sources, () => 'coarsewsd20'), ...fill<SenseSource>(second, second.sources, () => 'taught')],
    descriptions: [...fill(first, first.descriptions, () => undefined), ...fill(second, second.descriptions, () => undefined)],
  };
}
