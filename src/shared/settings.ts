/**
 * The one place where settings become engine options: the VS Code configuration (`src/vscode/config.ts`)
 * and the command line (`src/cli.ts`) both hand their raw values to `resolveSettings`, which owns
 * the defaults, the validation and the path rules. What depends on the loaded model (the layer
 * count against its depth) is checked once, by the engine (`SenseEngine.prepare`).
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClassifierOptions, EngineSettings, ModelDtype, Pooling, RunSettings, SubstituteMode } from './engineProtocol';
import { isHubId } from './modelLayout';

export const DEFAULT_MODEL = 'Xenova/bert-base-uncased';

/** The defaults of every setting below (package.json repeats them for the Settings editor; a test checks they agree). */
export const DEFAULTS = {
  model: DEFAULT_MODEL,
  dtype: 'q8' as ModelDtype,
  allowNetwork: true,
  layers: 4,
  pooling: 'sum' as Pooling,
  classifier: 'probe' as ClassifierOptions['method'],
  knnNeighbours: 1,
  maxExamplesPerSense: 100,
  completeIndexInBackground: true,
  substitutes: 'unmasked' as SubstituteMode,
} as const;

/** Raw values as a user wrote them (settings.json or flags): anything may be wrong. */
export interface RawSettings {
  readonly model?: unknown;
  readonly dtype?: unknown;
  readonly datasetFolder?: unknown;
  readonly allowNetwork?: unknown;
  readonly layers?: unknown;
  readonly pooling?: unknown;
  readonly classifier?: unknown;
  readonly knnNeighbours?: unknown;
  readonly maxExamplesPerSense?: unknown;
  readonly completeIndexInBackground?: unknown;
  readonly substitutes?: unknown;
}

export interface SettingProblem {
  readonly key: keyof RawSettings;
  /** What is wrong with the value, to follow its name: `must be sum or mean (got "max")`. */
  readonly reason: string;
  /** What is used instead, e.g. `sum` or `the download`. */
  readonly instead: string;
}

export interface ResolvedSettings {
  /** Everything the engine is created with except where its files go. */
  readonly engine: Omit<EngineSettings, 'cacheDir' | 'wordNetDir'>;
  /** What each request runs with. */
  readonly run: Required<Pick<RunSettings, 'vector' | 'classifier' | 'maxExamplesPerSense' | 'completeInBackground' | 'substitutes'>>;
  /** Values that could not be used (their default is used instead). */
  readonly problems: readonly SettingProblem[];
}

export interface ResolveOptions {
  /**
   * Relative paths are resolved against this folder (the CLI's working directory). Without it
   * (VS Code settings: relative to what?) a relative path is a problem.
   */
  readonly relativeTo?: string;
  /** Used when `model` is empty (default `DEFAULT_MODEL`). */
  readonly defaultModel?: string;
}

type Report = (key: keyof RawSettings, reason: string, instead: string) => void;

export function resolveSettings(raw: RawSettings, options: ResolveOptions = {}): ResolvedSettings {
  const problems: SettingProblem[] = [];
  const problem: Report = (key, reason, instead) => problems.push({ key, reason, instead });
  const model = resolveModel(raw.model, options, problem);
  const datasetDir = resolveFolder(raw.datasetFolder, options, problem);
  const dtype = oneOf(raw.dtype, ['q8', 'fp32'] as const, DEFAULTS.dtype, 'dtype', problem);
  const layers = integer(raw.layers, 1, DEFAULTS.layers, 'layers', problem);
  const pooling = oneOf(raw.pooling, ['sum', 'mean'] as const, DEFAULTS.pooling, 'pooling', problem);
  const method = oneOf(raw.classifier, ['probe', 'centroid', 'knn'] as const, DEFAULTS.classifier, 'classifier', problem);
  const classifier: ClassifierOptions =
    method === 'knn' ? { method, k: integer(raw.knnNeighbours, 1, DEFAULTS.knnNeighbours, 'knnNeighbours', problem), weighted: false } : { method };
  return {
    engine: { model, dtype, ...(datasetDir && { datasetDir }), allowNetwork: bool(raw.allowNetwork, DEFAULTS.allowNetwork) },
    run: {
      vector: { layers, pooling },
      classifier,
      maxExamplesPerSense: integer(raw.maxExamplesPerSense, 0, DEFAULTS.maxExamplesPerSense, 'maxExamplesPerSense', problem),
      completeInBackground: bool(raw.completeIndexInBackground, DEFAULTS.completeIndexInBackground),
      substitutes: oneOf(raw.substitutes, ['unmasked', 'masked', 'off'] as const, DEFAULTS.substitutes, 'substitutes', problem),
    },
    problems,
  };
}

/** `~` and `~/…` are the home folder (no other `~user` form). */
export function expandHome(value: string): string {
  return value.replace(/^~(?=$|[\\/])/, os.homedir());
}

/**
 * A hub id `owner/name` stays as it is (unless, on the command line, a folder of that name exists);
 * a path becomes absolute.
 */
function resolveModel(raw: unknown, options: ResolveOptions, problem: Report): string {
  const fallback = options.defaultModel ?? DEFAULT_MODEL;
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') return fallback;
  const expanded = expandHome(value);
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  if (options.relativeTo !== undefined) {
    const local = path.resolve(options.relativeTo, expanded);
    return isHubId(value) && !existsSync(local) ? value : local;
  }
  if (isHubId(value)) return value;
  problem('model', `is neither a hub id (owner/name) nor an absolute folder path (got "${value}")`, fallback);
  return fallback;
}

function resolveFolder(raw: unknown, options: ResolveOptions, problem: Report): string | undefined {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') return undefined;
  const expanded = expandHome(value);
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  if (options.relativeTo !== undefined) return path.resolve(options.relativeTo, expanded);
  problem('datasetFolder', `must be an absolute folder path (got "${value}")`, 'the download');
  return undefined;
}

function oneOf<T extends string>(raw: unknown, allowed: readonly T[], fallback: T, key: keyof RawSettings, problem: Report): T {
  if (raw === undefined) return fallback;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  problem(key, `must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)} (got ${JSON.stringify(raw)})`, fallback);
  return fallback;
}

/** An integer ≥ `min`; numeric strings (command-line flags) count. */
function integer(raw: unknown, min: number, fallback: number, key: keyof RawSettings, problem: Report): number {
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n === 'number' && Number.isInteger(n) && n >= min) return n;
  problem(key, `must be an integer ≥ ${min} (got ${JSON.stringify(raw)})`, String(fallback));
  return fallback;
}

function bool(raw: unknown, fallback: boolean): boolean {
  return typeof raw === 'boolean' ? raw : fallback;
}

