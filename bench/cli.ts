/**
 * The command line every benchmark shares: strict `parseArgs` over option definitions that carry
 * their own help, so `--help` prints a usage built from them (it cannot drift from the flags), a
 * bad flag exits 2 with one clear line, and an error in a section exits 1.
 */
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ModelDtype } from '../src/shared/modelLayout';

const ROOT = path.resolve(__dirname, '..');

/** `parseArgs`' definition of one option (node:util does not export its name). */
type ParseArgsOptionConfig = NonNullable<ParseArgsConfig['options']>[string];

/** One flag: its `parseArgs` definition, one line of help and the name of its value. */
export type BenchOption = ParseArgsOptionConfig & {
  readonly help: string;
  /** The value in the usage, e.g. `<dir>` (string options; default `<value>`). */
  readonly value?: string;
};

export interface BenchCommand<O extends Record<string, BenchOption>> {
  /** The npm script, e.g. `bench:perf`. */
  readonly script: string;
  /** What the benchmark measures, printed above the flags. */
  readonly about: string;
  readonly options: O;
}

type Values<O extends Record<string, BenchOption>> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

/** `--dtype`, the same for every benchmark that loads a model. */
export const DTYPE_OPTION = { type: 'string', default: 'fp32', value: 'fp32|q8', help: 'Weights: fp32 (onnx/model.onnx) or q8 (onnx/model_quantized.onnx).' } as const;

/** The fixture model every benchmark defaults to (never a big one by accident). */
export const FIXTURE_MODEL = path.join(ROOT, 'test/fixtures/tiny-bert-uncased');

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

/** `--dtype`'s value, checked. */
export function dtypeOf(command: BenchCommand<Record<string, BenchOption>>, value: string): ModelDtype {
  if (value !== 'fp32' && value !== 'q8') usageError(command, `--dtype must be fp32 or q8 (got ${value})`);
  return value;
}

/** The usage text: the command, what it measures, then one line per flag with its default. */
export function usage(command: BenchCommand<Record<string, BenchOption>>): string {
  const flags = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    const fallback = o.default === undefined || o.default === false ? '' : ` (default: ${shown(o.default)})`;
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
