import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { EngineError, throwIfAborted } from '../engine/errors';
import type { Logger } from '../engine/logger';
import { senseText } from './senseLabels';

export { COARSEWSD20_WORDS } from './words';

/** Raw files of the dataset's public repository (CC BY-NC 4.0). */
export const DEFAULT_DATASET_URL = 'https://raw.githubusercontent.com/danlou/bert-disambiguation/master/data/CoarseWSD-20/';

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
}

const FILES = (split: Split) => ['classes_map.txt', `${split}.data.txt`, `${split}.gold.txt`];

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

/** Parses one split of a word from the dataset's three files. */
export function parseWordFiles(word: string, classesMap: string, data: string, gold: string): WordData {
  let map: Record<string, string>;
  try {
    map = JSON.parse(classesMap) as Record<string, string>;
  } catch (cause) {
    throw new EngineError('dataset-missing', `classes_map.txt of "${word}" is not valid JSON.`, { cause });
  }
  const senses = Object.keys(map)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => map[k]);
  const dataLines = lines(data);
  const goldLines = lines(gold);
  if (dataLines.length !== goldLines.length) {
    throw new EngineError('dataset-missing', `"${word}": ${dataLines.length} sentences but ${goldLines.length} gold labels.`);
  }
  const examples = dataLines.map((line, i) => {
    const tab = line.indexOf('\t');
    const position = Number(line.slice(0, tab));
    const sentence = line.slice(tab + 1);
    const span = tokenSpan(sentence, position);
    const sense = map[goldLines[i].trim()];
    if (tab < 0 || !span || sense === undefined) {
      throw new EngineError('dataset-missing', `"${word}": line ${i + 1} of the data or gold file is malformed.`);
    }
    return { sentence, start: span.start, end: span.end, sense };
  });
  const fingerprint = createHash('sha256').update(classesMap).update('\0').update(data).update('\0').update(gold).digest('hex').slice(0, 12);
  return { word, fingerprint, senses, examples };
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.length > 0);
}

/** Character span of the `position`-th whitespace token. */
function tokenSpan(sentence: string, position: number): { start: number; end: number } | undefined {
  if (!Number.isInteger(position) || position < 0) return undefined;
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

/**
 * CoarseWSD-20 from a local folder, or downloaded word by word into a cache on first use (the data
 * is CC BY-NC 4.0, so it is never shipped with the extension).
 */
export class Dataset {
  constructor(private readonly options: DatasetOptions) {}

  /** Where the data comes from, for cache keys. */
  get id(): string {
    return this.options.folder ? `folder:${path.resolve(this.options.folder)}` : `download:${this.baseUrl}`;
  }

  private get baseUrl(): string {
    return this.options.baseUrl ?? DEFAULT_DATASET_URL;
  }

  /** `onDownload` is called once before the first file of the word is fetched. */
  async load(word: string, split: Split, signal?: AbortSignal, onDownload?: () => void): Promise<WordData> {
    const folder = this.options.folder
      ? path.join(this.options.folder, word)
      : await this.downloaded(word, split, signal, onDownload);
    const texts = await Promise.all(
      FILES(split).map((f) =>
        fs.readFile(path.join(folder, f), 'utf8').catch((cause: unknown) => {
          throw new EngineError(
            'dataset-missing',
            `The CoarseWSD-20 folder ${this.options.folder ?? folder} has no ${word}/${f}. Point "datasetFolder" at the dataset's root folder (one sub-folder per word), or clear it to download the data.`,
            { cause },
          );
        }),
      ),
    );
    return parseWordFiles(word, texts[0], texts[1], texts[2]);
  }

  /** Cache folder of the word, downloading missing files first. */
  private async downloaded(word: string, split: Split, signal?: AbortSignal, onDownload?: () => void): Promise<string> {
    const folder = path.join(this.options.cacheDir, word);
    for (const file of FILES(split)) {
      const target = path.join(folder, file);
      if (await fs.access(target).then(() => true, () => false)) continue;
      if (!this.options.allowNetwork) {
        throw new EngineError(
          'offline',
          `The CoarseWSD-20 data for "${word}" is not cached and network access is off. Allow network access or set a local dataset folder.`,
        );
      }
      throwIfAborted(signal);
      onDownload?.();
      onDownload = undefined;
      const url = new URL(`${word}/${file}`, this.baseUrl).toString();
      this.options.logger.info(`Downloading ${url}`);
      let text: string;
      try {
        const response = await fetch(url, { signal });
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw new EngineError('cancelled', 'Download cancelled.', { cause });
        throw new EngineError('download-failed', `Download of ${url} failed: ${(cause as Error).message}`, { cause });
      }
      await fs.mkdir(folder, { recursive: true });
      const partial = `${target}.${process.pid}.partial`;
      await fs.writeFile(partial, text);
      await fs.rename(partial, target);
    }
    return folder;
  }
}
