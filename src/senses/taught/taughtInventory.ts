/**
 * The taught senses of all stores as one sense inventory (stores in order: the workspace file, then
 * the user's), with the edits the host's commands make. A word or sense found in several stores is
 * merged: its examples are all kept, the first store's label and description win.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { EngineError } from '../../shared/errors';
import { Inventory } from '../../shared/inventory';
import type { WordData } from '../dataset';
import type { SenseInventory } from '../senseInventory';
import type { ExampleRef, TaughtListing, TaughtSense, TaughtWord, TeachRequest, TeachResult } from '../types';
import { spansWord } from './parseStore';
import { MAX_SENSES, MAX_WORDS, senseIdFor, senseIdProblem, wordProblem } from './rules';
import { addExample, deleteSense, forgetExample, renameSense } from './storeEdits';
import { TaughtStore } from './taughtStore';

export class TaughtInventory implements SenseInventory {
  readonly source = 'taught';
  private readonly stores: readonly TaughtStore[];
  private merged = new Map<string, TaughtWord>();
  private data = new Map<string, WordData>();

  constructor(files: readonly string[]) {
    this.stores = [...new Set(files.map((f) => path.resolve(f)))].map((f) => new TaughtStore(f));
  }

  get words(): readonly string[] {
    return [...this.merged.keys()];
  }

  async senses(word: string): Promise<WordData | undefined> {
    return this.wordData(word);
  }

  /** The word's taught senses that have examples, as the index reads them; undefined when none. */
  wordData(word: string): WordData | undefined {
    let data = this.data.get(word);
    if (data) return data;
    const senses = this.merged.get(word)?.senses.filter((s) => s.examples.length > 0);
    if (!senses?.length) return undefined;
    const examples = senses.flatMap((s) => s.examples.map((e) => ({ sentence: e.sentence, start: e.start, end: e.end, sense: s.id })));
    const content = JSON.stringify([senses.map((s) => [s.id, s.label, s.description]), examples]);
    data = {
      word,
      fingerprint: createHash('sha256').update(content).digest('hex').slice(0, 12),
      senses: senses.map((s) => s.id),
      examples,
      labels: senses.map((s) => s.label),
      sources: senses.map(() => 'taught' as const),
      descriptions: senses.map((s) => s.description),
    };
    this.data.set(word, data);
    return data;
  }

  /** Re-reads every store; true when any changed. */
  async reload(): Promise<boolean> {
    const changed = (await Promise.all(this.stores.map((s) => s.reload()))).some(Boolean);
    if (changed) this.remerge();
    return changed;
  }

  listing(): TaughtListing {
    return {
      words: [...this.merged.values()],
      stores: this.stores.map((s) => ({ file: s.file, exists: s.snapshot.exists, problems: s.snapshot.problems, ...(s.snapshot.broken && { broken: s.snapshot.broken }) })),
    };
  }

  /** `request.word` must already be the lemma (the engine resolves forms). */
  async teach(request: TeachRequest & { readonly word: string }): Promise<TeachResult> {
    const { word } = request;
    check(wordProblem(word));
    if (request.sense !== undefined) check(senseIdProblem(request.sense));
    const { sentence, start, end } = request;
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start < end && end <= sentence.length)) {
      throw new EngineError('taught-senses', `The target span ${start}–${end} is not inside the sentence (${sentence.length} characters).`);
    }
    if (!spansWord(new Inventory([word]), sentence, start, end)) {
      throw new EngineError('taught-senses', `The target span ${start}–${end} is ${JSON.stringify(sentence.slice(start, end))}, not "${word}" or a form of it.`);
    }
    if (request.sense === undefined && !request.label?.trim()) throw new EngineError('taught-senses', 'Give the new sense a label (or the id of an existing sense).');
    const known = this.merged.get(word)?.senses ?? [];
    const existing = request.sense === undefined ? undefined : known.find((s) => s.id === request.sense);
    const id = request.sense ?? senseIdFor(request.label ?? '', new Set(known.map((s) => s.id)));
    const store = this.store(request.store);
    const inStore = store.snapshot.words.find((w) => w.word === word);
    if (!inStore && store.snapshot.words.length >= MAX_WORDS) {
      throw new EngineError('taught-senses', `${store.file} already has ${MAX_WORDS} taught words, the most one file may hold: forget some before teaching "${word}".`);
    }
    if (inStore && !inStore.senses.some((s) => s.id === id) && inStore.senses.length >= MAX_SENSES) {
      throw new EngineError('taught-senses', `"${word}" already has ${MAX_SENSES} senses in ${store.file}, the most a word may have: delete one before adding "${id}".`);
    }
    const label = request.label ?? existing?.label;
    const description = request.description ?? existing?.description;
    const example = { sentence, start, end, ...(request.source && { source: request.source }) };
    const result = await store.edit((text) => {
      const r = addExample(text, word, id, example, { label, description });
      return { text: r.text, result: r };
    });
    this.remerge();
    return { word, sense: id, created: result.created && !existing, added: result.added };
  }

  /** Removes the example from its store (every store that has it when none is named); the count removed. */
  async forget(ref: ExampleRef): Promise<number> {
    let removed = 0;
    for (const store of this.targets(ref.store)) {
      removed += await store.edit((text) => {
        const r = forgetExample(text, ref.word, ref.sense, ref);
        return { text: r.text, result: r.removed };
      });
    }
    this.remerge();
    if (removed === 0) throw new EngineError('taught-senses', `No taught example of "${ref.word}" / "${ref.sense}" has that sentence and span (it may have been removed already).`);
    return removed;
  }

  async renameSense(ref: { readonly word: string; readonly sense: string; readonly label: string; readonly store?: string }): Promise<void> {
    if (!ref.label.trim()) throw new EngineError('taught-senses', 'A sense label cannot be empty.');
    await this.eachStore(ref, (text) => renameSense(text, ref.word, ref.sense, ref.label));
  }

  async deleteSense(ref: { readonly word: string; readonly sense: string; readonly store?: string }): Promise<void> {
    await this.eachStore(ref, (text) => deleteSense(text, ref.word, ref.sense));
  }

  private async eachStore(
    ref: { readonly word: string; readonly sense: string; readonly store?: string },
    change: (text: string) => { text: string; found: boolean },
  ): Promise<void> {
    let found = false;
    for (const store of this.targets(ref.store)) {
      found = (await store.edit((text) => {
        const r = change(text);
        return { text: r.text, result: r.found };
      })) || found;
    }
    this.remerge();
    if (!found) throw new EngineError('taught-senses', `"${ref.word}" has no taught sense "${ref.sense}".`);
  }

  private store(file: string | undefined): TaughtStore {
    if (this.stores.length === 0) throw new EngineError('taught-senses', 'No taught-senses file is configured.');
    if (file === undefined) return this.stores[0];
    const store = this.stores.find((s) => s.file === path.resolve(file));
    if (!store) throw new EngineError('taught-senses', `${file} is not one of the taught-senses files (${this.stores.map((s) => s.file).join(', ')}).`);
    return store;
  }

  /** The named store, or every store read from an existing file (an edit must not create a `.vscode` folder to find nothing). */
  private targets(file: string | undefined): readonly TaughtStore[] {
    return file === undefined ? this.stores.filter((s) => s.snapshot.exists) : [this.store(file)];
  }

  private remerge(): void {
    const merged = new Map<string, Map<string, TaughtSense>>();
    for (const store of this.stores) {
      for (const w of store.snapshot.words) {
        const senses = merged.get(w.word) ?? new Map<string, TaughtSense>();
        for (const s of w.senses) {
          const have = senses.get(s.id);
          if (!have) senses.set(s.id, s);
          else {
            const seen = new Set(have.examples.map(key));
            senses.set(s.id, { ...have, examples: [...have.examples, ...s.examples.filter((e) => !seen.has(key(e)))] });
          }
        }
        merged.set(w.word, senses);
      }
    }
    this.merged = new Map([...merged].filter(([, s]) => s.size > 0).map(([word, s]) => [word, { word, senses: [...s.values()] }]));
    this.data = new Map();
  }
}

function key(e: { sentence: string; start: number; end: number }): string {
  return `${e.start}:${e.end}:${e.sentence}`;
}

function check(problem: string | undefined): void {
  if (problem) throw new EngineError('taught-senses', problem);
}
