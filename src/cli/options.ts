/**
 * The options both command lines share (`main.ts`, `wordNet.ts`): one flag per setting, resolved
 * by the same `resolveSettings` as the extension's settings and the benchmarks' flags, so the
 * defaults (package.json's) and the rules have one owner. Only relative paths differ: they are
 * resolved against the working directory.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CallSettings } from '../shared/engineProtocol';
import { consoleLogger, silentLogger, type Logger } from '../shared/logger';
import { callSettingsOf, DEFAULTS, engineSettingsOf, expandHome, RECIPE_NAMES, RECIPES, resolveSettings, type RunSettings, type SettingKey } from '../shared/settings';
import type { SenseEngineOptions } from '../senses/types';

/** A bad command line: the message and the usage, exit code 1. */
export class UsageError extends Error {}

/** The flag of each setting. */
export const SETTING_FLAGS = {
  model: 'model',
  dtype: 'dtype',
  datasetFolder: 'data',
  allowNetwork: 'allow-network',
  contextWindow: 'context-window',
  layers: 'layers',
  pooling: 'pooling',
  classifier: 'classifier',
  knnNeighbours: 'k',
  maxExamplesPerSense: 'max-examples-per-sense',
  completeIndexInBackground: 'complete-index-in-background',
  substitutes: 'substitutes',
} as const satisfies Record<SettingKey, string>;

/** `parseArgs` options of the shared flags (no defaults here: `resolveSettings` owns them). */
export const COMMON_FLAGS = {
  ...(Object.fromEntries(Object.values(SETTING_FLAGS).map((flag) => [flag, { type: 'string' }])) as Record<(typeof SETTING_FLAGS)[SettingKey], { type: 'string' }>),
  recipe: { type: 'string' },
  'show-settings': { type: 'boolean', default: false },
  cache: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The flags of the settings, as `--help` lists them (the defaults are package.json's). */
export const SETTINGS_USAGE = `  --recipe ${RECIPE_NAMES.join('|')}      the settings below the flags: product (default) = the extension's
                              defaults; paper = the paper's 1-NN recipe (context window 0, centroid,
                              all examples, last 4 layers summed, fp32, no substitutes); web = VS Code
                              for the Web's (q8, max-examples-per-sense ${RECIPES.web.maxExamplesPerSense})
  --model <dir|hub id>        default ${DEFAULTS.model}
  --dtype q8|fp32             default ${DEFAULTS.dtype}
  --data <dir>                CoarseWSD-20 folder; default $COARSEWSD20_DIR, else download each word
  --allow-network true|false  allow downloading the model and the data (default ${DEFAULTS.allowNetwork})
  --context-window n          most ids of a context around the word (default ${DEFAULTS.contextWindow}; 0 = the whole sentence)
  --layers k                  token vector from the last k layers (default ${DEFAULTS.layers}; at most the model's)
  --pooling sum|mean          how those layers are combined (default ${DEFAULTS.pooling})
  --classifier probe|centroid|knn
                              default ${DEFAULTS.classifier}: the word's linear probe (best on validation; trained
                              on first use, then cached); centroid: the paper's 1-NN over sense
                              vectors; knn: vote of the --k nearest training sentences
  --k n                       neighbours for knn (default ${DEFAULTS.knnNeighbours})
  --max-examples-per-sense n  training sentences per sense (default ${DEFAULTS.maxExamplesPerSense}; 0 = all)
  --complete-index-in-background true|false
                              build the full index after a capped one (default ${DEFAULTS.completeIndexInBackground})
  --substitutes unmasked|masked|off
                              substitutes BERT would say in the word's place (default ${DEFAULTS.substitutes})`;

export const COMMON_USAGE = `${SETTINGS_USAGE}
  --show-settings             print the resolved settings as JSON and exit
  --cache <dir>               downloads and sense indexes (default: bert-word-sense in the OS cache
                              folder: $XDG_CACHE_HOME, ~/.cache, ~/Library/Caches or %LOCALAPPDATA%)
  --verbose                   log the engine's progress to stderr (warnings are always shown)`;

type CommonValues = { [K in keyof typeof COMMON_FLAGS]?: (typeof COMMON_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/**
 * The settings of the setting flags and `--recipe`; a value that cannot be used is a `UsageError`.
 * Shared with the benchmarks, which have their own flags beside.
 */
export function flagSettings(values: { readonly [flag: string]: unknown }, env: NodeJS.ProcessEnv = process.env): RunSettings {
  const raw = Object.fromEntries(Object.entries(SETTING_FLAGS).map(([key, flag]) => [key, values[flag]]));
  raw.datasetFolder ??= env.COARSEWSD20_DIR;
  const { settings, problems } = resolveSettings(raw, { recipe: values.recipe, relativeTo: process.cwd() });
  const flag = (key: string) => (key in SETTING_FLAGS ? SETTING_FLAGS[key as SettingKey] : key);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `--${flag(p.key)} ${p.reason}`).join('\n'));
  return settings;
}

export interface CommonSettings {
  readonly settings: RunSettings;
  readonly engine: SenseEngineOptions;
  readonly run: CallSettings;
}

/** The engine and run settings of the shared flags; a value that cannot be used is a `UsageError`. */
export function commonSettings(values: CommonValues): CommonSettings {
  const settings = flagSettings(values);
  return {
    settings,
    engine: { ...engineSettingsOf(settings), cacheDir: path.resolve(expandHome(values.cache ?? defaultCacheDir())), logger: values.verbose ? consoleLogger : warningsLogger },
    run: callSettingsOf(settings),
  };
}

/** Without --verbose, only what the user should act on (e.g. a cache that cannot be written). */
const warningsLogger: Logger = { ...silentLogger, warn: consoleLogger.warn, error: consoleLogger.error };

function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'bert-word-sense');
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, 'bert-word-sense', 'cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'bert-word-sense');
  return path.join(os.homedir(), '.cache', 'bert-word-sense');
}
