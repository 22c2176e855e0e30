/**
 * The options both command lines share (`cli.ts`, `cliWordNet.ts`): the flags that mirror the
 * extension's settings go through the same `resolveSettings` as the settings do, so defaults and
 * validation have one owner. Where the command line differs from the extension: relative paths
 * are allowed (resolved against the working directory), the model defaults to the bundled test model
 * when it is there, and the network is off unless asked for.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { RunSettings } from './shared/engineProtocol';
import { consoleLogger, silentLogger, type Logger } from './shared/logger';
import { DEFAULT_MODEL, DEFAULTS, expandHome, resolveSettings, type RawSettings } from './shared/settings';
import type { SenseEngineOptions } from './senses/types';

const REPO = path.resolve(__dirname, '..');
const FIXTURE_MODEL = path.join(REPO, 'test', 'fixtures', 'tiny-bert-uncased');
const SHARED_DATA = path.resolve(REPO, '..', 'shared', 'data', 'coarsewsd20');

/** A bad command line: the message and the usage, exit code 1. */
export class UsageError extends Error {}

/** `parseArgs` options of the shared flags (no defaults here: `resolveSettings` owns them). */
export const COMMON_FLAGS = {
  model: { type: 'string' },
  dtype: { type: 'string' },
  data: { type: 'string' },
  layers: { type: 'string' },
  pooling: { type: 'string' },
  classifier: { type: 'string' },
  k: { type: 'string' },
  'max-examples-per-sense': { type: 'string' },
  cache: { type: 'string' },
  'allow-network': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const COMMON_USAGE = `  --model <dir|hub id>        default: test/fixtures/tiny-bert-uncased if present, else ${DEFAULT_MODEL}
  --dtype q8|fp32             default ${DEFAULTS.dtype}
  --data <dir>                CoarseWSD-20 folder; default $COARSEWSD20_DIR, else ../shared/data/coarsewsd20
                              when present, else download each word (needs --allow-network)
  --layers k                  token vector from the last k layers (default ${DEFAULTS.layers}; at most the model's)
  --pooling sum|mean          how those layers are combined (default ${DEFAULTS.pooling})
  --classifier probe|centroid|knn
                              default ${DEFAULTS.classifier}: the word's linear probe (best on validation; trained
                              on first use, then cached); centroid: the paper's 1-NN over sense
                              vectors; knn: vote of the --k nearest training sentences
  --k n                       neighbours for knn (default ${DEFAULTS.knnNeighbours})
  --max-examples-per-sense n  training sentences per sense (default ${DEFAULTS.maxExamplesPerSense}; 0 = all)
  --cache <dir>               downloads and sense indexes (default: bert-word-sense in the OS cache
                              folder: $XDG_CACHE_HOME, ~/.cache, ~/Library/Caches or %LOCALAPPDATA%)
  --allow-network             allow downloading the model and the data (default: off)
  --verbose                   log the engine's progress to stderr (warnings are always shown)`;

/** The flag of each setting. */
const FLAGS: Record<keyof RawSettings, string> = {
  model: 'model',
  dtype: 'dtype',
  datasetFolder: 'data',
  allowNetwork: 'allow-network',
  layers: 'layers',
  pooling: 'pooling',
  classifier: 'classifier',
  knnNeighbours: 'k',
  maxExamplesPerSense: 'max-examples-per-sense',
  completeIndexInBackground: 'complete-index-in-background',
  substitutes: 'substitutes',
};

type CommonValues = { [K in keyof typeof COMMON_FLAGS]?: (typeof COMMON_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

export interface CommonSettings {
  readonly engine: SenseEngineOptions & { readonly dtype: NonNullable<SenseEngineOptions['dtype']> };
  readonly run: Required<Pick<RunSettings, 'vector' | 'classifier' | 'maxExamplesPerSense'>>;
}

/** The engine and run settings of the shared flags; a value that cannot be used is a `UsageError`. */
export function commonSettings(values: CommonValues): CommonSettings {
  const { engine, run, problems } = resolveSettings(
    {
      model: values.model,
      dtype: values.dtype,
      datasetFolder: values.data ?? defaultData(),
      allowNetwork: values['allow-network'] === true,
      layers: values.layers,
      pooling: values.pooling,
      classifier: values.classifier,
      knnNeighbours: values.k,
      maxExamplesPerSense: values['max-examples-per-sense'],
    },
    { relativeTo: process.cwd(), defaultModel: fs.existsSync(path.join(FIXTURE_MODEL, 'config.json')) ? FIXTURE_MODEL : DEFAULT_MODEL },
  );
  if (problems.length > 0) throw new UsageError(problems.map((p) => `--${FLAGS[p.key]} ${p.reason}`).join('\n'));
  return {
    engine: { ...engine, cacheDir: path.resolve(expandHome(values.cache ?? defaultCacheDir())), logger: values.verbose ? consoleLogger : warningsLogger },
    run: { vector: run.vector, classifier: run.classifier, maxExamplesPerSense: run.maxExamplesPerSense },
  };
}

/** Without --verbose, only what the user should act on (e.g. a cache that cannot be written). */
const warningsLogger: Logger = { ...silentLogger, warn: consoleLogger.warn, error: consoleLogger.error };

function defaultData(): string | undefined {
  const env = process.env.COARSEWSD20_DIR;
  if (env) return env;
  return fs.existsSync(SHARED_DATA) ? SHARED_DATA : undefined;
}

function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'bert-word-sense');
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, 'bert-word-sense', 'cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'bert-word-sense');
  return path.join(os.homedir(), '.cache', 'bert-word-sense');
}
