import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as fs from 'node:fs/promises';
import type { Logger } from '../../shared/logger';
import { LruCache } from '../../shared/lruCache';
import type { Example } from '../dataset';
import type { EmbedOptions } from '../types';
import type { LemmaSenses } from './candidates';
import { exampleContexts, glossContext } from './contexts';
import type { WordNetDatabase } from './database';
import type { SynsetVectors } from './rank';
import { readSenseVectors, writeSenseVectors } from './vectorFile';

/** What turns (sentence, target span) into a pooled token vector: `SenseEngine.embedExamples`. */
export interface Embedder {
  embedExamples(examples: readonly Example[], options: EmbedOptions): Promise<(Float32Array | undefined)[]>;
  /** Ids per context it gives BERT (`SenseEngineOptions.contextWindow`): vectors depend on it. */
  readonly contextWindow: number;
  /** The model it embeds with, by the content of its files and the dtype (loads it first): vectors depend on it. */
  modelKey(): Promise<string>;
}

/** WordNet's folder under the engine's cache root. */
const CACHE_FOLDER = 'wordnet';

/** Deletes every WordNet vector file under the engine's cache root (clear cache). */
export async function clearWordNetCache(cacheDir: string): Promise<void> {
  await fs.rm(path.join(cacheDir, CACHE_FOLDER), { recursive: true, force: true });
}

/** Changes whenever the contexts built in `contexts.ts` change, so older caches are not reused. */
const CONTEXTS_VERSION = 1;
/** Lemmas whose sense vectors stay in memory (a few hundred kB each with bert-base). */
const LEMMAS_IN_MEMORY = 64;

/**
 * Sense vectors of a lemma's synsets (gloss and example contexts), built on first use and kept in
 * memory and on disk: one file per lemma and part of speech, in a folder per model, vector options,
 * context window and WordNet (by its content, so a moved install folder keeps its vectors).
 */
export class WordNetSenseVectors {
  private readonly memory = new LruCache<Promise<Map<number, SynsetVectors>>>(LEMMAS_IN_MEMORY);
  /** Identifies the embedder's model weights. */
  constructor(
    private readonly embedder: Embedder,
    /** The engine's cache root; files go to `<cacheDir>/wordnet/<key>/`. */
    private readonly cacheDir: string,
    /** The WordNet the lemmas come from (its `identity` is part of the key). */
    private readonly wordNet: WordNetDatabase,
    private readonly logger: Logger,
  ) {
  }

  async folder(options: Pick<EmbedOptions, 'vector'>): Promise<string> {
    const { layers, pooling } = options.vector;
    const key = [await this.embedder.modelKey(), layers, pooling, `window ${this.embedder.contextWindow}`, await this.wordNet.identity(), CONTEXTS_VERSION].join('\n');
    return path.join(this.cacheDir, CACHE_FOLDER, createHash('sha256').update(key).digest('hex').slice(0, 16));
  }

  /** Vectors by synset offset; shared by concurrent callers, forgotten when the build fails. */
  async get(senses: LemmaSenses, options: EmbedOptions): Promise<Map<number, SynsetVectors>> {
    const file = path.join(await this.folder(options), `${encodeURIComponent(senses.lemma)}.${senses.pos}.bwnv`);
    let pending = this.memory.get(file);
    if (!pending) {
      pending = this.load(file, senses, options);
      this.memory.set(file, pending);
      pending.catch(() => this.memory.delete(file));
    }
    return pending;
  }

  clear(): void {
    this.memory.clear();
  }

  private async load(file: string, senses: LemmaSenses, options: EmbedOptions): Promise<Map<number, SynsetVectors>> {
    const cached = await readSenseVectors(file);
    if (cached && senses.candidates.every((c) => cached.has(c.synset.offset))) return cached;
    const perSynset = senses.candidates.map((c) => [glossContext(c), ...exampleContexts(c, senses.pos)]);
    const vectors = await this.embedder.embedExamples(perSynset.flat(), options);
    const out = new Map<number, SynsetVectors>();
    let at = 0;
    senses.candidates.forEach((c, i) => {
      const [gloss, ...examples] = vectors.slice(at, (at += perSynset[i].length));
      out.set(c.synset.offset, { gloss, examples: examples.filter((v): v is Float32Array => v !== undefined) });
    });
    const hidden = vectors.find((v) => v)?.length;
    if (hidden && !(await writeSenseVectors(file, hidden, out))) this.logger.warn(`Could not write the WordNet sense vectors ${file}.`);
    return out;
  }
}
