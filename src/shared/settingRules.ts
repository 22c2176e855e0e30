/**
 * The settings' defaults and rules, as package.json declares them, without Node: the webview
 * checks its messages by them too. `settings.ts` resolves settings with them.
 */
// package.json owns the defaults: the Settings editor shows them from there, so the code reads them too.
// Only `contributes` is imported: esbuild then leaves the rest of the manifest (scripts, dependencies) out of the bundles.
import { contributes } from '../../package.json';
import type { ClassifierOptions, ModelDtype, Pooling, SubstituteMode } from './engineProtocol';

export const SECTION = 'bertWordSense';

/** Every `bertWordSense.*` setting a run depends on: complete and valid (made by `resolveSettings`). */
export interface RunSettings {
  /** Hub id, or an absolute folder. */
  readonly model: string;
  readonly dtype: ModelDtype;
  /** Absolute CoarseWSD-20 folder; empty: each word is downloaded. */
  readonly datasetFolder: string;
  readonly allowNetwork: boolean;
  /** Most ids per context; 0 = the whole sentence up to the model's limit. */
  readonly contextWindow: number;
  readonly layers: number;
  readonly pooling: Pooling;
  readonly classifier: ClassifierOptions['method'];
  readonly knnNeighbours: number;
  readonly maxExamplesPerSense: number;
  readonly completeIndexInBackground: boolean;
  readonly substitutes: SubstituteMode;
}

export type SettingKey = keyof RunSettings;

export const SETTING_KEYS = [
  'model',
  'dtype',
  'datasetFolder',
  'allowNetwork',
  'contextWindow',
  'layers',
  'pooling',
  'classifier',
  'knnNeighbours',
  'maxExamplesPerSense',
  'completeIndexInBackground',
  'substitutes',
] as const satisfies readonly SettingKey[];

/** A setting as package.json declares it: the default and the rules of its values. */
interface Declaration {
  readonly type: 'string' | 'integer' | 'boolean' | 'array';
  readonly default: unknown;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A titled section of `contributes.configuration` (the Settings editor shows one heading each). */
export interface SettingSection {
  readonly title: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** Every setting of the sections, by full id; a setting declared twice is refused (which would win?). */
export function declaredSettings(sections: readonly SettingSection[]): Readonly<Record<string, Declaration>> {
  const all: Record<string, Declaration> = {};
  for (const section of sections) {
    for (const [key, value] of Object.entries(section.properties)) {
      if (key in all) throw new Error(`package.json declares ${key} twice (again in "${section.title}")`);
      all[key] = value as Declaration;
    }
  }
  return all;
}

const PROPERTIES = declaredSettings(contributes.configuration);

function declaration(key: SettingKey): Declaration {
  const declared = PROPERTIES[`${SECTION}.${key}`];
  if (!declared) throw new Error(`package.json declares no ${SECTION}.${key}`);
  return declared;
}

/** The JSON type package.json gives the setting. */
export function settingType(key: SettingKey): Declaration['type'] {
  return declaration(key).type;
}

/** The values package.json allows for an enumerated setting (`pooling`: sum, mean), else undefined. */
export function settingChoices(key: SettingKey): readonly string[] | undefined {
  return declaration(key).enum;
}

/** Why `value` is not a valid value of `key` (to follow its name), or undefined when it is. */
export function invalidValue(key: SettingKey, value: unknown): string | undefined {
  const d = declaration(key);
  const got = `(got ${JSON.stringify(value)})`;
  if (d.enum) return typeof value === 'string' && d.enum.includes(value) ? undefined : `must be ${d.enum.slice(0, -1).join(', ')} or ${d.enum.at(-1)} ${got}`;
  switch (d.type) {
    case 'integer': {
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= (d.minimum ?? -Infinity) && value <= (d.maximum ?? Infinity);
      const range = d.maximum === undefined ? `≥ ${d.minimum}` : `from ${d.minimum} to ${d.maximum}`;
      return ok ? undefined : `must be an integer ${range} ${got}`;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false ${got}`;
    default:
      return typeof value === 'string' ? undefined : `must be a string ${got}`;
  }
}

/** package.json's defaults, checked by its own rules when this module loads. */
export const DEFAULTS: RunSettings = Object.fromEntries(
  SETTING_KEYS.map((key) => {
    const value = declaration(key).default;
    const reason = invalidValue(key, value);
    if (reason) throw new Error(`package.json: the default of ${SECTION}.${key} ${reason}`);
    return [key, value];
  }),
) as unknown as RunSettings;

