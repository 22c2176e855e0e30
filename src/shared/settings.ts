/**
 * The one place where settings become what the engine runs with. The VS Code configuration
 * (`src/vscode/config.ts`), the command line (`src/cli/options.ts`) and the benchmarks all hand their
 * raw values to `resolveSettings`, which fills in the recipe and package.json's defaults and checks
 * every value by package.json's declaration. The engine checks what it is called with by the same
 * rules (`checkEngineOptions`, `checkCallSettings`), once, at its boundary; what depends on the
 * loaded model (layers against its depth, the window against its positions) it checks at load.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CallSettings, ClassifierOptions, EngineSettings } from './engineProtocol';
import { isHubId } from './modelLayout';
import { DEFAULTS, invalidValue, SETTING_KEYS, settingType, type RunSettings, type SettingKey } from './settingRules';

export { DEFAULTS, invalidValue, SECTION, SETTING_KEYS, settingChoices, type RunSettings, type SettingKey } from './settingRules';

export const DEFAULT_MODEL = DEFAULTS.model;

/**
 * Named sets of settings under the user's own: `product` is the extension's defaults; `paper` is
 * exactly the 1-NN recipe of Loureiro et al. (2021): the whole sentence, sense centroids over every
 * training example, the sum of the last 4 layers of the fp32 weights, and no substitutes. `web` is
 * what VS Code for the Web runs with under the user's settings (`resolveSettings(raw, { recipe:
 * 'web' })`): onnxruntime-web's WASM is slower than onnxruntime-node, so a word's first index is
 * built from fewer examples per sense to keep a first hover at bert-base shape under 3 s, and
 * completed in the background as on the desktop (docs/web.md has the measurement); substitutes
 * are on as on the desktop (the web engine carries the lemmatizer that tells them apart).
 */
export const RECIPES = {
  product: {},
  paper: {
    contextWindow: 0,
    classifier: 'centroid',
    maxExamplesPerSense: 0,
    completeIndexInBackground: false,
    layers: 4,
    pooling: 'sum',
    dtype: 'fp32',
    substitutes: 'off',
  },
  web: {
    dtype: 'q8',
    maxExamplesPerSense: 3,
    completeIndexInBackground: true,
  },
} as const satisfies Record<string, Partial<RunSettings>>;

export type Recipe = keyof typeof RECIPES;

export const RECIPE_NAMES = Object.keys(RECIPES) as Recipe[];

/** Raw values as a user wrote them (settings.json, flags, API options): anything may be wrong. */
export type RawSettings = { readonly [K in SettingKey]?: unknown };

export interface SettingProblem {
  /** A setting, `recipe`, or a key that is not a setting. */
  readonly key: string;
  /** What is wrong with the value, to follow its name: `must be sum or mean (got "max")`. */
  readonly reason: string;
  /** What is used instead, e.g. `sum` or `the download`. */
  readonly instead: string;
}

export interface ResolveOptions {
  /** `product` (default) or `paper`: the values under those given. */
  readonly recipe?: unknown;
  /**
   * Relative paths are resolved against this folder (the CLI's working directory). Without it
   * (VS Code settings: relative to what?) a relative path is a problem.
   */
  readonly relativeTo?: string;
}

export interface Resolved {
  readonly settings: RunSettings;
  /** Values that could not be used (the recipe's or the default value is used instead), and unknown keys. */
  readonly problems: readonly SettingProblem[];
}

/**
 * Every setting: the raw value when given (numeric strings count as integers: flags), else the
 * recipe's, else package.json's default. A value that breaks its rule is a problem and the
 * fallback is used; so is a key that is no setting (listing the valid ones).
 */
export function resolveSettings(raw: Readonly<Record<string, unknown>>, options: ResolveOptions = {}): Resolved {
  const problems: SettingProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) problems.push({ key, reason: `is not a setting (valid: ${SETTING_KEYS.join(', ')})`, instead: 'nothing' });
  }
  let recipe: Partial<RunSettings> = RECIPES.product;
  if (options.recipe !== undefined) {
    if (RECIPE_NAMES.includes(options.recipe as Recipe)) recipe = RECIPES[options.recipe as Recipe];
    else problems.push({ key: 'recipe', reason: `must be ${RECIPE_NAMES.join(' or ')} (got ${JSON.stringify(options.recipe)})`, instead: 'product' });
  }
  const settings = Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const fallback = key in recipe ? recipe[key] : DEFAULTS[key];
      const value = raw[key] === undefined ? fallback : fromFlag(key, raw[key]);
      const reason = invalidValue(key, value);
      if (reason) problems.push({ key, reason, instead: String(fallback) });
      return [key, reason ? fallback : value];
    }),
  ) as unknown as RunSettings;
  const model = resolveModel(settings.model, options);
  const datasetFolder = resolveFolder(settings.datasetFolder, options);
  if (typeof model !== 'string') problems.push({ key: 'model', reason: model.reason, instead: DEFAULT_MODEL });
  if (typeof datasetFolder !== 'string') problems.push({ key: 'datasetFolder', reason: datasetFolder.reason, instead: 'the download' });
  return {
    settings: { ...settings, model: typeof model === 'string' ? model : DEFAULT_MODEL, datasetFolder: typeof datasetFolder === 'string' ? datasetFolder : '' },
    problems,
  };
}

/** Flags are strings: an integer setting takes a numeric one, a boolean `true` or `false`. */
function fromFlag(key: SettingKey, value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const type = settingType(key);
  if (type === 'integer' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** What the engine is created with, from the settings (the caller adds where its files go). */
export function engineSettingsOf(s: RunSettings): Pick<EngineSettings, 'model' | 'dtype' | 'allowNetwork' | 'contextWindow' | 'datasetFolder'> {
  return { model: s.model, dtype: s.dtype, allowNetwork: s.allowNetwork, contextWindow: s.contextWindow, ...(s.datasetFolder && { datasetFolder: s.datasetFolder }) };
}

/** What each request runs with, from the settings. */
export function callSettingsOf(s: RunSettings): CallSettings {
  return {
    vector: { layers: s.layers, pooling: s.pooling },
    classifier: s.classifier === 'knn' ? { method: 'knn', k: s.knnNeighbours, weighted: false } : { method: s.classifier },
    maxExamplesPerSense: s.maxExamplesPerSense,
    completeIndexInBackground: s.completeIndexInBackground,
    substitutes: s.substitutes,
  };
}

/** The settings of a recipe (default `product`) under `raw`; a problem throws (for code, not users). */
export function runSettings(raw: RawSettings = {}, recipe: Recipe = 'product'): RunSettings {
  const { settings, problems } = resolveSettings(raw, { recipe });
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.key} ${p.reason}`).join('; '));
  return settings;
}

// ---------------------------------------------------------------------------------------------
// The engine's boundary: its API takes complete settings and refuses unknown keys.

/** Throws a RangeError naming the first key of `value` not among `valid`, with the valid ones. */
export function checkKeys(what: string, value: object, valid: readonly string[]): void {
  const unknown = Object.keys(value).filter((k) => !valid.includes(k));
  if (unknown.length > 0) throw new RangeError(`unknown ${what} option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (valid: ${valid.join(', ')})`);
}

function check(key: SettingKey, value: unknown, name: string = key): void {
  const reason = invalidValue(key, value);
  if (reason) throw new RangeError(`${name} ${reason}`);
}

const CALL_KEYS = ['vector', 'classifier', 'maxExamplesPerSense', 'completeIndexInBackground', 'substitutes', 'awaitProbe', 'projection'] as const satisfies readonly (keyof CallSettings)[];

/**
 * A request's settings, checked by the settings' rules: every key known, the settings' ones present
 * and valid. `extra` names the caller's own keys (`signal`, `onProgress`) that may come along.
 */
export function checkCallSettings(run: CallSettings, extra: readonly string[] = []): void {
  checkKeys('run', run, [...CALL_KEYS, ...extra]);
  checkVector(run.vector);
  const c = run.classifier as ClassifierOptions | undefined;
  check('classifier', c?.method, 'classifier.method');
  if (c?.method === 'knn') {
    checkKeys('classifier', c, ['method', 'k', 'weighted']);
    check('knnNeighbours', c.k, 'classifier.k');
    if (typeof c.weighted !== 'boolean') throw new RangeError(`classifier.weighted must be true or false (got ${JSON.stringify(c.weighted)})`);
  } else checkKeys('classifier', c!, ['method']);
  check('maxExamplesPerSense', run.maxExamplesPerSense);
  check('completeIndexInBackground', run.completeIndexInBackground);
  check('substitutes', run.substitutes);
}

/** Vector options alone (embedding calls need no more). */
export function checkVector(vector: CallSettings['vector'] | undefined): void {
  if (typeof vector !== 'object' || vector === null) throw new RangeError(`vector must be { layers, pooling } (got ${JSON.stringify(vector)})`);
  checkKeys('vector', vector, ['layers', 'pooling']);
  check('layers', vector.layers, 'vector.layers');
  check('pooling', vector.pooling, 'vector.pooling');
}

/** The settings of `new SenseEngine(…)`: those it shares with the settings follow their rules. */
export function checkEngineOptions(options: EngineSettings, extra: readonly string[]): void {
  checkKeys('engine', options, [...ENGINE_KEYS, ...extra]);
  check('dtype', options.dtype);
  check('contextWindow', options.contextWindow);
  check('allowNetwork', options.allowNetwork);
  check('model', options.model);
  if (options.runtime !== undefined && options.runtime !== 'node' && options.runtime !== 'wasm') throw new RangeError(`runtime must be "node" or "wasm", not ${JSON.stringify(options.runtime)}`);
}

const ENGINE_KEYS = [
  'model',
  'dtype',
  'cacheDir',
  'datasetFolder',
  'allowNetwork',
  'remoteHost',
  'datasetBaseUrl',
  'contextWindow',
  'wordNetDir',
  'taughtStores',
  'coarsewsd20',
  'runtime',
] as const satisfies readonly (keyof EngineSettings)[];

// ---------------------------------------------------------------------------------------------
// Paths

/** `~` and `~/…` are the home folder (no other `~user` form). */
export function expandHome(value: string): string {
  // A function: a browser's extension host has no home folder to ask for unless the value needs one.
  return value.replace(/^~(?=$|[\\/])/, () => os.homedir());
}

/**
 * A hub id `owner/name` stays as it is (unless, on the command line, a folder of that name exists);
 * a path becomes absolute.
 */
function resolveModel(raw: string, options: ResolveOptions): string | { reason: string } {
  const value = raw.trim();
  if (value === '') return DEFAULT_MODEL;
  const expanded = expandHome(value);
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  if (options.relativeTo !== undefined) {
    const local = path.resolve(options.relativeTo, expanded);
    return isHubId(value) && !existsSync(local) ? value : local;
  }
  if (isHubId(value)) return value;
  return { reason: `is neither a hub id (owner/name) nor an absolute folder path (got "${value}")` };
}

function resolveFolder(raw: string, options: ResolveOptions): string | { reason: string } {
  const value = raw.trim();
  if (value === '') return '';
  const expanded = expandHome(value);
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  if (options.relativeTo !== undefined) return path.resolve(options.relativeTo, expanded);
  return { reason: `must be an absolute folder path (got "${value}")` };
}
