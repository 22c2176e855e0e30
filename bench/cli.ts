/**
 * The command line every benchmark shares: strict `parseArgs` over option definitions that carry
 * their own help, so `--help` prints a usage built from them (it cannot drift from the flags), a
 * bad flag exits 2 with one clear line, and an error in a section exits 1.
 */
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { flagSettings, SETTING_FLAGS, UsageError } from '../src/cli/options';
import { DEFAULTS, RECIPE_NAMES, RECIPES, settingChoices, type RunSettings, type SettingKey } from '../src/shared/settings';

const ROOT = path.resolve(__dirname, '..');

/** `parseArgs`' definition of one option (node:util does not export its name). */
type ParseArgsOptionConfig = NonNullable<ParseArgsConfig['options']>[string];

/** One flag: its `parseArgs` definition, one line of help and the name of its value. */
export type BenchOption = ParseArgsOptionConfig & {
  readonly help: string;
  /** The value in the usage, e.g. `<dir>` (string options; default `<value>`). */
  readonly value?: string;
  /**
   * The default the usage shows when parseArgs has none because it is filled in later: the
   * settings' flags are left undefined for `resolveSettings` (the recipe's value, else package.json's),
   * and a flag that only applies with another stays undefined so that its use alone can be refused.
   */
  readonly shownDefault?: string;
};

export interface BenchCommand<O extends Record<string, BenchOption>> {
  /** The npm script, e.g. `bench:perf`. */
  readonly script: string;
  /** What the benchmark measures, printed above the flags. */
  readonly about: string;
  readonly options: O;
}

type Values<O extends Record<string, BenchOption>> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

/** The fixture model every benchmark defaults to (never a big one by accident). */
export const FIXTURE_MODEL = path.join(ROOT, 'test/fixtures/tiny-bert-uncased');

/** One line of help per setting's flag (the flag's name is src/cli/options.ts' `SETTING_FLAGS`). */
const SETTING_HELP = {
  model: { value: '<dir|hub id>', help: 'Model: a folder or a hub id (owner/name).' },
  dtype: { help: 'Weights: fp32 (onnx/model.onnx) or q8 (onnx/model_quantized.onnx).' },
  datasetFolder: { value: '<dir>', help: 'CoarseWSD-20 folder, one sub-folder per word.' },
  allowNetwork: { value: 'true|false', help: 'Allow downloading the model and the data.' },
  contextWindow: { value: '<n>', help: 'Most ids of a context around the word; 0 = the whole sentence up to the model\'s limit.' },
  layers: { value: '<k>', help: "Token vector from the last k hidden layers (at most the model's)." },
  pooling: { help: 'How those layers are combined.' },
  classifier: { help: "probe: per-word softmax regression on the training vectors; centroid: the paper's 1-NN over sense vectors; knn: vote of the --k nearest training sentences." },
  knnNeighbours: { value: '<n>', help: 'Neighbours of the knn classifier.' },
  maxExamplesPerSense: { value: '<n>', help: 'Training sentences per sense (stratified sample; 0 = all).' },
  completeIndexInBackground: { value: 'true|false', help: 'Build the full index after a capped one.' },
  substitutes: { help: "Substitutes BERT would say in the word's place." },
} as const satisfies Record<SettingKey, { readonly value?: string; readonly help: string }>;

type SettingFlag<K extends SettingKey> = (typeof SETTING_FLAGS)[K];

/** A setting's flag: a string for `resolveSettings`, with no default of its own. */
export interface SettingOption {
  readonly type: 'string';
  readonly value: string;
  readonly help: string;
  readonly shownDefault: string;
}

const flagsOf = (recipe: Partial<RunSettings>) =>
  Object.entries(recipe)
    .map(([key, value]) => `--${SETTING_FLAGS[key as SettingKey]} ${value}`)
    .join(', ');

/** `--recipe` and `--show-settings`, beside the settings' flags of every benchmark. */
export const RECIPE_OPTIONS = {
  recipe: {
    type: 'string',
    value: RECIPE_NAMES.join('|'),
    shownDefault: 'product',
    help:
      "The settings under the flags: product = the extension's defaults (package.json); paper = the paper's 1-NN recipe " +
      `(${flagsOf(RECIPES.paper)}); web = VS Code for the Web's (${flagsOf(RECIPES.web)}). A flag given overrides its setting in any.`,
  },
  'show-settings': { type: 'boolean', default: false, help: 'Print the resolved settings as JSON and exit.' },
} as const;

/**
 * The flags of the settings `keys` as options, plus `--recipe` and `--show-settings`. None has a
 * default here: `resolveSettings` (through `benchSettings`) owns them, so a benchmark runs with the
 * extension's settings unless told otherwise; the usage shows the product's default and the paper's.
 */
export function settingOptions<const K extends SettingKey>(keys: readonly K[]): { readonly [P in K as SettingFlag<P>]: SettingOption } & typeof RECIPE_OPTIONS {
  const options = Object.fromEntries(
    keys.map((key) => {
      const { value, help } = SETTING_HELP[key] as { readonly value?: string; readonly help: string };
      const choices = settingChoices(key);
      return [SETTING_FLAGS[key], { type: 'string', value: value ?? choices?.join('|') ?? '<value>', help, shownDefault: settingDefault(key) } satisfies SettingOption];
    }),
  );
  return { ...options, ...RECIPE_OPTIONS } as { readonly [P in K as SettingFlag<P>]: SettingOption } & typeof RECIPE_OPTIONS;
}

/** Every setting a benchmark can take a flag for. */
export const ALL_SETTINGS = Object.keys(SETTING_FLAGS) as SettingKey[];

/** The product's default (package.json's), and the paper's when it differs. */
function settingDefault(key: SettingKey): string {
  const text = (value: unknown) => (key === 'datasetFolder' && value === '' ? '$COARSEWSD20_DIR, else each word is downloaded' : String(value));
  const paper = (RECIPES.paper as Partial<RunSettings>)[key];
  return paper === undefined || paper === DEFAULTS[key] ? text(DEFAULTS[key]) : `${text(DEFAULTS[key])}; paper: ${text(paper)}`;
}

/**
 * The settings of the parsed flags by the one resolver (`flagSettings`: `--recipe`, then the flags,
 * then package.json's defaults); `recipe` overrides `--recipe`. A value that cannot be used exits 2
 * like a bad flag; `--show-settings` prints the settings and exits 0.
 */
export function benchSettings(command: BenchCommand<Record<string, BenchOption>>, values: { readonly [flag: string]: unknown }, recipe: unknown = values.recipe): RunSettings {
  let settings: RunSettings;
  try {
    settings = flagSettings({ ...values, recipe });
  } catch (error) {
    if (error instanceof UsageError) usageError(command, error.message);
    throw error;
  }
  if (values['show-settings'] === true) {
    console.log(JSON.stringify(settings, null, 2));
    process.exit(0);
  }
  return settings;
}

/** The options of `args`; `--help` prints the usage and exits 0, a bad flag exits 2. */
export function parseBenchArgs<const O extends Record<string, BenchOption>>(command: BenchCommand<O>, args = process.argv.slice(2)): Values<O> {
  let values: Values<O> & { help?: boolean };
  try {
    values = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true }).values as Values<O> & { help?: boolean };
  } catch (error) {
    // parseArgs' own errors (unknown flag, missing value, positional) are usage errors; anything else is a bug.
    if (!(error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'))) throw error;
    usageError(command, error.message);
  }
  if (values.help) {
    console.log(usage(command));
    process.exit(0);
  }
  delete values.help;
  return values;
}

/** A bad command line: one line on stderr with a pointer to `--help`, exit 2. */
export function usageError(command: BenchCommand<Record<string, BenchOption>>, message: string): never {
  console.error(`${command.script}: ${message}\nRun \`npm run ${command.script} -- --help\` for the options.`);
  process.exit(2);
}

/** The usage text: the command, what it measures, then one line per flag with its default. */
export function usage(command: BenchCommand<Record<string, BenchOption>>): string {
  const flags = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    const fallback = o.default !== undefined && o.default !== false ? ` (default: ${shown(o.default)})` : o.shownDefault ? ` (default: ${o.shownDefault})` : '';
    return [flag, `${o.help.replace(/\.$/, '')}${fallback}.`] as const;
  });
  flags.push(['-h, --help', 'Print this help and exit.']);
  const width = Math.max(...flags.map(([flag]) => flag.length)) + 2;
  const lines = flags.map(([flag, help]) => `  ${flag.padEnd(width)}${wrap(help, 100 - width - 2).join(`\n${' '.repeat(width + 2)}`)}`);
  return [`usage: npm run ${command.script} -- [options]`, '', ...wrap(command.about, 100), '', ...lines].join('\n');
}

/** A default as the reader would type it: paths inside the repository relative to its root. */
function shown(value: NonNullable<ParseArgsOptionConfig['default']>): string {
  const text = String(value);
  return path.isAbsolute(text) && !path.relative(ROOT, text).startsWith('..') ? path.relative(ROOT, text) || '.' : text;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/**
 * Runs a benchmark: anything that throws (a broken section) is printed, with its cause and extra
 * fields such as a failed child's output, and exits 1.
 */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
