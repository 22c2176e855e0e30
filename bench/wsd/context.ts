/**
 * What every WSD run shares: the resolved model, data and cache folders, the words, the paper's
 * accuracies, the dataset reader and the logs; and how to make a sense engine for them.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isLocalModel, silentLogger, type Logger } from '../../src/bert';
import { COARSEWSD20_WORDS, Dataset, SenseEngine, type WordData } from '../../src/senses';
import type { CallSettings } from '../../src/shared/engineProtocol';
import { callSettingsOf, type RunSettings } from '../../src/shared/settings';
import { usageError } from '../cli';
import { WSD_COMMAND, wsdSettings, type WsdArgs } from './options';

export interface Context {
  readonly model: string;
  /** The settings of the flags (and `--recipe`), and each call's part of them. */
  readonly settings: RunSettings;
  readonly run: CallSettings;
  readonly allowNetwork: boolean;
  readonly data: string;
  readonly cacheDir: string;
  readonly testCacheKey: string;
  readonly words: readonly string[];
  readonly paper: ReadonlyMap<string, number>;
  readonly dataset: Dataset;
  /** Full train/test splits already read, by `<split>/<word>` (shared by copies of the context). */
  readonly splits: Map<string, Promise<WordData>>;
  readonly logger: Logger;
  readonly log: (message: string) => void;
}

/** The context of the command line's `--model`, `--data`, `--cache`, `--words`, `--quiet` and the settings' flags (`--recipe`, `--dtype`, `--context-window`, …). */
export function createContext(args: WsdArgs): Context {
  if (!args.model || !args.data) usageError(WSD_COMMAND, '--model and --data are required');
  const local = fs.existsSync(args.model) || isLocalModel(args.model);
  const model = local ? path.resolve(args.model) : args.model;
  const data = path.resolve(args.data);
  const cacheDir = path.resolve(args.cache);
  const settings = wsdSettings(args);
  const log = args.quiet ? () => undefined : (m: string) => console.error(m);
  const words = args.words ? args.words.split(',').map((w) => w.trim()) : wordsIn(data, log);
  for (const w of words) if (!(COARSEWSD20_WORDS as readonly string[]).includes(w)) usageError(WSD_COMMAND, `--words: "${w}" is not a CoarseWSD-20 word`);
  const logger: Logger = { ...silentLogger, warn: (m) => console.error(`warn: ${m}`), error: (m) => console.error(`error: ${m instanceof Error ? m.message : m}`) };
  return {
    model,
    settings,
    run: callSettingsOf(settings),
    allowNetwork: !local,
    data,
    cacheDir,
    testCacheKey: testCacheKey(model, settings, data, local),
    words,
    paper: readPaper(data),
    dataset: new Dataset({ folder: data, cacheDir: path.join(cacheDir, 'datasets'), allowNetwork: false, logger }),
    splits: new Map(),
    logger,
    log,
  };
}

/**
 * Without `--words`: the CoarseWSD-20 words `data` has a folder of (all 20 in the real dataset; a
 * subset such as test/fixtures/mini-wsd's bank and bass runs as it is, and says so).
 */
function wordsIn(data: string, log: (message: string) => void): string[] {
  const words = COARSEWSD20_WORDS.filter((w) => fs.existsSync(path.join(data, w, 'classes_map.txt')));
  if (words.length === 0) usageError(WSD_COMMAND, `--data ${data} has no CoarseWSD-20 word folder (bank/classes_map.txt, …)`);
  if (words.length < COARSEWSD20_WORDS.length) log(`--data has ${words.length} of the ${COARSEWSD20_WORDS.length} words: ${words.join(', ')}`);
  return words;
}

/** A sense engine on the context's model (with `settings`, default the context's) that reads its training sets from `datasetFolder`. */
export function newEngine(ctx: Context, datasetFolder: string, cacheDir: string, settings: RunSettings = ctx.settings): SenseEngine {
  const { dtype, contextWindow } = settings;
  return new SenseEngine({ model: ctx.model, dtype, contextWindow, cacheDir, datasetFolder, allowNetwork: ctx.allowNetwork, logger: ctx.logger });
}

/** Test vectors depend on the weights, the data and the window. */
export function testCacheKey(model: string, settings: RunSettings, data: string, local = isLocalModel(model)): string {
  return `${modelKey(model, settings.dtype, local)}\n${data}\nwindow ${settings.contextWindow}`;
}

/** The full train or test split of a word, read once per context. */
export function fullSplit(ctx: Context, word: string, split: 'train' | 'test'): Promise<WordData> {
  const key = `${split}/${word}`;
  let p = ctx.splits.get(key);
  if (!p) ctx.splits.set(key, (p = ctx.dataset.load(word, split)));
  return p;
}

/** The paper's per-word 1-NN accuracies (BERT-base), if the data folder has them. */
function readPaper(data: string): Map<string, number> {
  const file = path.join(data, 'paper-1nn-bert-base-uncased.csv');
  const out = new Map<string, number>();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    const [word, sense, , acc] = line.split(',');
    if (sense === 'ALL') out.set(word, Number(acc));
  }
  return out;
}

/** Identifies the model's weights for the test-vector cache (path + size + mtime of its files). */
function modelKey(model: string, dtype: string, local: boolean): string {
  const parts = [model, dtype];
  if (local) {
    for (const f of ['config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json']) {
      const st = fs.statSync(path.join(model, f), { throwIfNoEntry: false });
      if (st) parts.push(`${f}:${st.size}:${st.mtimeMs}`);
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
