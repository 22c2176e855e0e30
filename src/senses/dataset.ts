import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CacheWriter, resolveUnder } from '../bert/cacheFiles';
import { EngineError, throwIfAborted } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { senseText } from '../shared/senseLabels';
import type { SenseSource } from './types';

export { COARSEWSD20_WORDS } from '../shared/words';

/** Raw files of the dataset's public repository (CC BY-NC 4.0). */
const DEFAULT_DATASET_URL = 'https://raw.githubusercontent.com/danlou/bert-disambiguation/master/data/CoarseWSD-20/';

export type Split = 'train' | 'test';

/** A sentence of the dataset with its target word's character span and sense. */
export interface Example {
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
  readonly sense: string;
}

export interface WordData {
  readonly word: string;
  /** Changes when the files change: cached vectors are keyed by it. */
  readonly fingerprint: string;
  /** Sense ids in class-number order, e.g. `bank_bank`, `bank_bank_(geography)`. */
  readonly senses: readonly string[];
  readonly examples: readonly Example[];
  /** Per sense (same order as `senses`): label, source and description, when the inventory gives them. */
  readonly labels?: readonly string[];
  readonly sources?: readonly SenseSource[];
  readonly descriptions?: readonly (string | undefined)[];
}

const FILES = (split: Split) => ['classes_map.txt', `${split}.data.txt`, `${split}.gold.txt`] as const;

/**
 * Readable label of a sense id: our own text for the CoarseWSD-20 senses (`bank_bank` → `bank (financial
 * institution)`), else derived from the id (`x_x_(y)` → `x (y)`).
 */
export function senseLabel(word: string, sense: string): string {
  const known = senseText(sense);
  if (known) return known.label;
  const name = sense.startsWith(`${word}_`) ? sense.slice(word.length + 1) : sense;
  return name.replace(/_/g, ' ');
}

/** The three files of one split of a word, as text. */
export interface WordFiles {
  readonly classesMap: string;
  readonly data: string;
  readonly gold: string;
}

/**
 * Parses one split of a word and checks all of it (nothing half-valid gets cached): the class map
 * is a JSON object of class numbers to distinct sense ids, every data line is `<token index>\t<sentence>`
 * with the index inside the sentence, and every gold line is a class of the map, one per data line.
 * Errors name the file (`where` + file name: the word's folder or URL) and the line.
 */
export function parseWordFiles(word: string, split: Split, files: WordFiles, where = `${word}/`): WordData {
  const [mapFile, dataFile, goldFile] = FILES(split).map((f) => `${where}${f}`);
  const fail = (message: string, cause?: unknown) => new EngineError('dataset-missing', `CoarseWSD-20 data of "${word}": ${message}`, { cause });

  const classes = parseClassesMap(word, files.classesMap, mapFile, fail);
  const dataLines = lines(files.data);
  const goldLines = lines(files.gold);
  if (dataLines.length === 0) throw fail(`${dataFile} has no sentences.`);
  if (dataLines.length !== goldLines.length) {
    throw fail(`${dataFile} has ${dataLines.length} sentences but ${goldFile} has ${goldLines.length} labels: the files must match line by line.`);
  }
  const examples = dataLines.map((line, i) => {
    const m = /^(\d+)\t(.*\S.*)$/.exec(line);
    if (!m) throw fail(`${dataFile} line ${i + 1} is not "<token index><tab><sentence>".`);
    const sentence = m[2];
    const span = tokenSpan(sentence, Number(m[1]));
    if (!span) {
      const tokens = sentence.trim().split(/\s+/).length;
      throw fail(`${dataFile} line ${i + 1}: token index ${m[1]} is outside its sentence (${tokens} tokens, counted from 0).`);
    }
    const label = goldLines[i].trim();
    const sense = classes.get(label);
    if (sense === undefined) {
      throw fail(`${goldFile} line ${i + 1}: ${JSON.stringify(label)} is not a class of ${mapFile} (${[...classes.keys()].join(', ')}).`);
    }
    return { sentence, start: span.start, end: span.end, sense };
  });
  const senses = [...classes.keys()].sort((a, b) => Number(a) - Number(b)).map((k) => classes.get(k)!);
  const fingerprint = createHash('sha256')
    .update(files.classesMap)
    .update('\0')
    .update(files.data)
    .update('\0')
    .update(files.gold)
    .digest('hex')
    .slice(0, 12);
  return { word, fingerprint, senses, examples };
}

/**
 * Class number → sense id, in a Map: keys come from the file (`__proto__` must stay data). Sense
 * ids are CoarseWSD-20's `<word>_<sense>`, which also keeps names like `constructor` out.
 */
function parseClassesMap(word: string, text: string, file: string, fail: (message: string, cause?: unknown) => Error): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw fail(`${file} is not valid JSON (${(cause as Error).message}).`, cause);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw fail(`${file} must be a JSON object of class numbers to sense ids, like {"0": "bank_bank", "1": "bank_bank_(geography)"}.`);
  }
  const classes = new Map<string, string>();
  const seen = new Set<string>();
  for (const [key, sense] of Object.entries(json)) {
    if (!/^(0|[1-9]\d*)$/.test(key)) throw fail(`${file}: class ${JSON.stringify(key)} is not a class number (0, 1, 2…).`);
    if (typeof sense !== 'string' || !sense.startsWith(`${word}_`) || !/^\S+$/.test(sense.slice(word.length + 1))) {
      throw fail(`${file}: class ${key} must name a sense id "${word}_<sense>" without spaces, not ${JSON.stringify(sense)}.`);
    }
    if (seen.has(sense)) throw fail(`${file}: sense ${JSON.stringify(sense)} is listed twice.`);
    seen.add(sense);
    classes.set(key, sense);
  }
  if (classes.size === 0) throw fail(`${file} lists no senses.`);
  return classes;
}

/** The lines of a file; trailing empty lines are dropped, others are kept so line numbers match. */
function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  while (all.length > 0 && all[all.length - 1].trim() === '') all.pop();
  return all;
}

/** Character span of the `position`-th whitespace token. */
function tokenSpan(sentence: string, position: number): { start: number; end: number } | undefined {
  if (!Number.isSafeInteger(position)) return undefined;
  const re = /\S+/g;
  for (let i = 0, m = re.exec(sentence); m; i++, m = re.exec(sentence)) {
    if (i === position) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

export interface DatasetOptions {
  /** Local folder with one sub-folder per word. */
  readonly folder?: string;
  /** Cache folder for downloaded words (used when `folder` is absent). */
  readonly cacheDir: string;
  readonly allowNetwork: boolean;
  readonly baseUrl?: string;
  readonly logger: Logger;
}

/** Word names that are safe as a folder and a URL segment (the engine asks only for inventory words). */
const WORD_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * CoarseWSD-20 from a local folder, or downloaded word by word into a cache on first use (the data
 * is CC BY-NC 4.0, so it is never shipped with the extension).
 */
export class Dataset {
  private readonly writer: CacheWriter;

  constructor(private readonly options: DatasetOptions) {
    this.writer = new CacheWriter(options.logger, 'dataset cache');
  }

  /** Where the data comes from, for cache keys. */
  get id(): string {
    return this.options.folder ? `folder:${path.resolve(this.options.folder)}` : `download:${this.baseUrl}`;
  }

  private get baseUrl(): string {
    return this.options.baseUrl ?? DEFAULT_DATASET_URL;
  }

  /** `onDownload` is called once before the first file of the word is fetched. */
  async load(word: string, split: Split, signal?: AbortSignal, onDownload?: () => void): Promise<WordData> {
    if (!WORD_NAME.test(word)) {
      throw new EngineError('dataset-missing', `${JSON.stringify(word)} is not a word of the dataset (lower-case letters, digits, "_" and "-").`);
    }
    if (!this.options.folder) return this.downloaded(word, split, signal, onDownload);
    const folder = resolveUnder(this.options.folder, word);
    const texts = await Promise.all(
      FILES(split).map((f) =>
        fs.readFile(path.join(folder, f), 'utf8').catch((cause: unknown) => {
          throw new EngineError(
            'dataset-missing',
            `The CoarseWSD-20 folder ${this.options.folder} has no ${word}/${f}. Point "datasetFolder" at the dataset's root folder (one sub-folder per word), or clear it to download the data.`,
            { cause },
          );
        }),
      ),
    );
    return parseWordFiles(word, split, { classesMap: texts[0], data: texts[1], gold: texts[2] }, `${folder}${path.sep}`);
  }

  /**
   * The word's files from the download cache, fetching the missing ones. Nothing is written before
   * all three files pass `parseWordFiles`, and a failed write only warns: the data is in memory.
   */
  private async downloaded(word: string, split: Split, signal?: AbortSignal, onDownload?: () => void): Promise<WordData> {
    const folder = resolveUnder(this.options.cacheDir, word);
    const files = FILES(split);
    const cached = await Promise.all(files.map((f) => fs.readFile(path.join(folder, f), 'utf8').catch(() => undefined)));
    if (cached.includes(undefined)) {
      if (!this.options.allowNetwork) {
        throw new EngineError(
          'offline',
          `The CoarseWSD-20 data for "${word}" is not cached and network access is off. Allow network access or set a local dataset folder.`,
        );
      }
      onDownload?.();
    }
    const texts: string[] = [];
    for (const [i, file] of files.entries()) texts.push(cached[i] ?? (await this.fetchText(new URL(`${word}/${file}`, this.baseUrl), signal)));
    let data: WordData;
    try {
      data = parseWordFiles(word, split, { classesMap: texts[0], data: texts[1], gold: texts[2] }, new URL(`${word}/`, this.baseUrl).toString());
    } catch (error) {
      // Cached files that fail the checks (damaged on disk) would fail every time: fetch them again next time.
      await Promise.all(files.map((f, i) => cached[i] !== undefined && fs.rm(path.join(folder, f), { force: true }).catch(() => undefined)));
      throw error;
    }
    for (const [i, file] of files.entries()) if (cached[i] === undefined) await this.writer.write(path.join(folder, file), texts[i]);
    return data;
  }

  private async fetchText(url: URL, signal: AbortSignal | undefined): Promise<string> {
    throwIfAborted(signal);
    this.options.logger.info(`Downloading ${url}`);
    try {
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return await response.text();
    } catch (cause) {
      if (signal?.aborted) throw new EngineError('cancelled', 'Download cancelled.', { cause });
      throw new EngineError('download-failed', `Download of ${url} failed: ${(cause as Error).message}`, { cause });
    }
  }
}
