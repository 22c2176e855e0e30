/**
 * A typed, read-only snapshot of the `bertWordSense.*` settings, and what each change needs.
 * Pure: `vscode` is only a type here, so the parsing is testable in Node.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkspaceConfiguration } from 'vscode';
import { isHubId } from '../shared/modelLayout';
import type { VectorOptions } from '../bert/options';
import type { ClassifierOptions } from '../senses/types';
import type { SenseEngineOptions } from '../senses/types';

export const SECTION = 'bertWordSense';

export interface Config {
  /** Hub id (`owner/name`) or an absolute local folder (with `~` expanded). */
  readonly model: string;
  readonly dtype: 'fp32' | 'q8';
  /** Absolute local CoarseWSD-20 folder, or undefined to download per word. */
  readonly datasetFolder: string | undefined;
  readonly allowNetwork: boolean;
  readonly vector: VectorOptions;
  readonly classifier: ClassifierOptions;
  /** 0 = all training examples. */
  readonly maxExamplesPerSense: number;
  /** Build the full index in the background after a capped one answered. */
  readonly completeIndexInBackground: boolean;
  /** Language ids that get hovers everywhere in the document. */
  readonly languages: readonly string[];
  /** Other languages get hovers inside comments and strings. */
  readonly codeComments: boolean;
  /** Words of prose outside the dataset get WordNet senses on hover. */
  readonly wordnet: boolean;
  /** Analyze Selection also marks WordNet words (with ≥ 2 senses and a confident margin). */
  readonly wordnetInAnalysis: boolean;
  /** Settings that could not be used, one readable sentence each (shown with "Open Settings"). */
  readonly problems: readonly ConfigProblem[];
}

export interface ConfigProblem {
  /** Full setting id, e.g. `bertWordSense.model`. */
  readonly setting: string;
  readonly message: string;
}

/** Settings whose change needs a new engine (the model and data it was built with). */
const ENGINE_KEYS = ['model', 'dtype', 'datasetFolder', 'allowNetwork'] as const;
/** Settings whose change only needs hovers, decorations and plots to be computed again. */
const RENDER_KEYS = ['layers', 'pooling', 'classifier', 'knnNeighbours', 'maxExamplesPerSense', 'completeIndexInBackground', 'languages', 'codeComments', 'wordnet', 'wordnetInAnalysis'] as const;

export const DEFAULT_MODEL = 'Xenova/bert-base-uncased';
const DEFAULT_LANGUAGES: readonly string[] = ['plaintext', 'markdown', 'latex', 'restructuredtext'];

export function readConfig(settings: Pick<WorkspaceConfiguration, 'get'>): Config {
  const problems: ConfigProblem[] = [];
  const model = resolveModel(settings.get<string>('model', DEFAULT_MODEL), problems);
  const datasetFolder = resolveFolder(settings.get<string>('datasetFolder', ''), 'datasetFolder', problems);
  const layers = Math.trunc(settings.get<number>('layers', 4));
  const pooling = settings.get<string>('pooling', 'sum') === 'mean' ? 'mean' : 'sum';
  return {
    model,
    dtype: settings.get<string>('dtype', 'q8') === 'fp32' ? 'fp32' : 'q8',
    datasetFolder,
    allowNetwork: settings.get<boolean>('allowNetwork', true) !== false,
    vector: { layers: layers >= 1 ? layers : 4, pooling },
    classifier: readClassifier(settings),
    maxExamplesPerSense: Math.max(0, Math.trunc(settings.get<number>('maxExamplesPerSense', 100)) || 0),
    completeIndexInBackground: settings.get<boolean>('completeIndexInBackground', true) !== false,
    languages: stringArray(settings.get<unknown>('languages')) ?? DEFAULT_LANGUAGES,
    codeComments: settings.get<boolean>('codeComments', false) === true,
    wordnet: settings.get<boolean>('wordnet', true) !== false,
    wordnetInAnalysis: settings.get<boolean>('wordnetInAnalysis', false) === true,
    problems,
  };
}

function readClassifier(settings: Pick<WorkspaceConfiguration, 'get'>): ClassifierOptions {
  const method = settings.get<string>('classifier', 'probe');
  if (method === 'centroid') return { method: 'centroid' };
  if (method !== 'knn') return { method: 'probe' };
  const k = Math.trunc(settings.get<number>('knnNeighbours', 1));
  return { method: 'knn', k: k >= 1 ? k : 1, weighted: false };
}

/**
 * `~` is expanded and an absolute path is a local folder. A relative path is not allowed (relative to
 * what?), so anything else must look like a hub id `owner/name`.
 */
function resolveModel(raw: string, problems: ConfigProblem[]): string {
  const value = raw.trim();
  if (value === '') return DEFAULT_MODEL;
  const expanded = expandHome(value);
  if (path.isAbsolute(expanded)) return expanded;
  if (isHubId(value)) return value;
  problems.push({
    setting: `${SECTION}.model`,
    message: `The model setting "${value}" is neither a hub id (owner/name) nor an absolute folder path.`,
  });
  return DEFAULT_MODEL;
}

function resolveFolder(raw: string, key: string, problems: ConfigProblem[]): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const expanded = expandHome(value);
  if (path.isAbsolute(expanded)) return expanded;
  problems.push({
    setting: `${SECTION}.${key}`,
    message: `The ${key} setting "${value}" must be an absolute folder path; the data is downloaded instead.`,
  });
  return undefined;
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

export function expandHome(value: string): string {
  if (value === '~') return os.homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return path.join(os.homedir(), value.slice(2));
  return value;
}

export function engineOptions(config: Config, cacheDir: string): Omit<SenseEngineOptions, 'logger'> {
  return {
    model: config.model,
    dtype: config.dtype,
    cacheDir,
    datasetDir: config.datasetFolder,
    allowNetwork: config.allowNetwork,
  };
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
  return `${config.model}|${config.dtype}|${config.vector.layers}|${config.vector.pooling}|${JSON.stringify(config.classifier)}|${config.maxExamplesPerSense}`;
}

