/**
 * A typed, read-only snapshot of the `bertWordSense.*` settings, and what each change needs. The
 * engine's settings are validated by `src/shared/settings.ts` (shared with the CLI); the rest are
 * the editor's own. Pure: `vscode` is only a type here, so the parsing is testable in Node.
 */
import type { WorkspaceConfiguration } from 'vscode';
import type { CallSettings, EngineSettings, WordNetHovers } from '../shared/engineProtocol';
import { callSettingsOf, engineSettingsOf, resolveSettings, SECTION, SETTING_KEYS, type Recipe, type RunSettings } from '../shared/settings';

export { SECTION };

export interface Config {
  /** Every setting the engine runs with, validated (`model` is a hub id or an absolute folder). */
  readonly settings: RunSettings;
  /** What the engine is created with. */
  readonly engine: ReturnType<typeof engineSettingsOf>;
  /** What hovers, analyses and plots run with. */
  readonly run: CallSettings;
  /** Language ids that get hovers everywhere in the document. */
  readonly languages: readonly string[];
  /** Other languages get hovers inside comments and strings. */
  readonly codeComments: boolean;
  /** Words of prose outside the dataset get WordNet senses on hover. */
  readonly wordnet: boolean;
  /** Which of those words: the ones with a sense to choose, or every word WordNet has. */
  readonly wordnetHovers: WordNetHovers;
  /** Analyze Selection also marks WordNet words (with ≥ 2 senses and a confident margin). */
  readonly wordnetInAnalysis: boolean;
  /** Most files Analyze Workspace reads. */
  readonly workspaceMaxFiles: number;
  /** Settings that could not be used, one readable sentence each (shown with "Open Settings"). */
  readonly problems: readonly ConfigProblem[];
}

export interface ConfigProblem {
  /** Full setting id, e.g. `bertWordSense.model`. */
  readonly setting: string;
  readonly message: string;
}

/** Settings whose change needs a new engine (the model, data and contexts it was built with). */
const ENGINE_KEYS = ['model', 'dtype', 'datasetFolder', 'allowNetwork', 'contextWindow'] as const;
/** Settings whose change only needs hovers, decorations and plots to be computed again. */
const RENDER_KEYS = ['layers', 'pooling', 'classifier', 'knnNeighbours', 'maxExamplesPerSense', 'completeIndexInBackground', 'substitutes', 'languages', 'codeComments', 'wordnet', 'wordnetHovers', 'wordnetInAnalysis', 'workspaceMaxFiles'] as const;

const DEFAULT_LANGUAGES: readonly string[] = ['plaintext', 'markdown', 'latex', 'restructuredtext'];

/**
 * The settings under `recipe`'s defaults (`web` in a browser's host: src/shared/settings.ts RECIPES).
 * Only values the user set are handed on: `get` would fill in package.json's defaults, under which
 * a recipe's could never apply.
 */
export function readConfig(settings: Pick<WorkspaceConfiguration, 'get' | 'inspect'>, recipe: Recipe = 'product'): Config {
  const raw = Object.fromEntries(SETTING_KEYS.map((key) => [key, userValue(settings, key)]));
  const { settings: resolved, problems } = resolveSettings(raw, { recipe });
  return {
    settings: resolved,
    engine: engineSettingsOf(resolved),
    run: callSettingsOf(resolved),
    languages: stringArray(settings.get<unknown>('languages')) ?? DEFAULT_LANGUAGES,
    codeComments: settings.get<boolean>('codeComments', false) === true,
    wordnet: settings.get<boolean>('wordnet', true) !== false,
    wordnetHovers: settings.get<unknown>('wordnetHovers') === 'all' ? 'all' : 'ambiguous',
    wordnetInAnalysis: settings.get<boolean>('wordnetInAnalysis', false) === true,
    workspaceMaxFiles: positiveInteger(settings.get<unknown>('workspaceMaxFiles'), 1_000),
    problems: problems.map((p) => ({ setting: `${SECTION}.${p.key}`, message: `The ${p.key} setting ${p.reason}; ${p.instead} is used instead.` })),
  };
}

/**
 * `get`'s value when the user set one at any level, else undefined. `get` keeps VS Code's rules of
 * which level wins and which scopes a setting may come from.
 */
function userValue(settings: Pick<WorkspaceConfiguration, 'get' | 'inspect'>, key: string): unknown {
  const i = settings.inspect(key);
  const levels = i && [i.globalValue, i.workspaceValue, i.workspaceFolderValue, i.globalLanguageValue, i.workspaceLanguageValue, i.workspaceFolderLanguageValue];
  return levels?.some((value) => value !== undefined) ? settings.get(key) : undefined;
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The engine's settings with where its files go. */
export function engineSettings(config: Config, cacheDir: string, wordNetDir: string, taughtStores: readonly string[]): EngineSettings {
  return { ...config.engine, cacheDir, wordNetDir, taughtStores };
}

/** What a configuration change means for the running extension. */
export interface ConfigChange {
  /** The engine must be disposed and created again. */
  readonly engine: boolean;
  /** The changed keys, for the log. */
  readonly keys: readonly string[];
}

export function classifyChange(affects: (setting: string) => boolean): ConfigChange {
  const engineKeys = ENGINE_KEYS.filter((k) => affects(`${SECTION}.${k}`));
  const renderKeys = RENDER_KEYS.filter((k) => affects(`${SECTION}.${k}`));
  return {
    engine: engineKeys.length > 0,
    keys: [...engineKeys, ...renderKeys],
  };
}

/** A short key for caches: results depend on these settings. */
export function renderKey(config: Config): string {
  const { engine, run } = config;
  return `${engine.model}|${engine.dtype}|${engine.contextWindow}|${run.vector.layers}|${run.vector.pooling}|${JSON.stringify(run.classifier)}|${run.maxExamplesPerSense}|${run.substitutes}`;
}
