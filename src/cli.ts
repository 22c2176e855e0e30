/**
 * Command-line front end of the engine, without VS Code: `npm run cli -- [options] "text"` (or the
 * text on stdin) runs `SenseEngine.classifyAll` and prints one line per inventory word. See USAGE.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger, silentLogger, type Logger } from './shared/logger';
import type { ClassifierOptions, Classification, SenseEngineOptions } from './senses/types';

const REPO = path.resolve(__dirname, '..');
const FIXTURE_MODEL = path.join(REPO, 'test', 'fixtures', 'tiny-bert-uncased');
const HUB_MODEL = 'Xenova/bert-base-uncased';
const SHARED_DATA = path.resolve(REPO, '..', 'shared', 'data', 'coarsewsd20');

const USAGE = `usage: npm run cli -- [options] "text"      (no text: read it from stdin)

Finds the CoarseWSD-20 words of the text (bank, bass, java…) and prints one line per occurrence,
tab-separated: word, @offset (UTF-16, in the text), winning sense, every sense with its score
(cosine to the sense vector; vote share with --classifier knn; probability with --classifier probe),
margin over the runner-up. A text with more occurrences than one run takes is cut, with a warning on
stderr.

options:
  --model <dir|hub id>        default: test/fixtures/tiny-bert-uncased if present, else ${HUB_MODEL}
  --dtype fp32|q8             default fp32
  --data <dir>                CoarseWSD-20 folder; default $COARSEWSD20_DIR, else ../shared/data/coarsewsd20
                              when present, else download each word (needs --allow-network)
  --layers k                  token vector from the last k layers (default 4)
  --pooling sum|mean          how those layers are combined (default sum)
  --classifier probe|centroid|knn
                              default probe: the word's linear probe (best on validation; trained
                              on first use, then cached); centroid: the paper's 1-NN over sense
                              vectors; knn: vote of the --k nearest training sentences
  --k n                       neighbours for knn (default 1)
  --max-per-sense n           training sentences per sense (default 100; 0 = all)
  --cache <dir>               downloads and sense indexes (default: bert-word-sense in the OS cache
                              folder: $XDG_CACHE_HOME, ~/.cache, ~/Library/Caches or %LOCALAPPDATA%)
  --allow-network             allow downloading the model and the data (default: off)
  --verbose                   log the engine's progress to stderr (warnings are always shown)
  --taught <file>             a taught-senses file (word-senses.json; repeatable): its words are found
                              and classified too, beside CoarseWSD-20's; its problems go to stderr
  --inventory wordnet         WordNet senses of one word instead (--inventory wordnet --help)
  -h, --help                  this text`;

/** Without --verbose, only what the user should act on (e.g. a cache that cannot be written). */
const warningsLogger: Logger = { ...silentLogger, warn: consoleLogger.warn, error: consoleLogger.error };

/** A bad command line: the message and the usage, exit code 1. */
class UsageError extends Error {}

interface CliOptions {
  readonly engine: SenseEngineOptions;
  readonly layers: number;
  readonly pooling: 'sum' | 'mean';
  readonly classifier: ClassifierOptions;
  readonly maxExamplesPerSense: number;
  readonly text: string | undefined;
}

function parse(argv: readonly string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        model: { type: 'string' },
        dtype: { type: 'string', default: 'fp32' },
        data: { type: 'string' },
        layers: { type: 'string', default: '4' },
        pooling: { type: 'string', default: 'sum' },
        classifier: { type: 'string', default: 'probe' },
        k: { type: 'string', default: '1' },
        'max-per-sense': { type: 'string', default: '100' },
        cache: { type: 'string' },
        'allow-network': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        taught: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const dtype = oneOf(values.dtype, ['fp32', 'q8'] as const, '--dtype');
  const pooling = oneOf(values.pooling, ['sum', 'mean'] as const, '--pooling');
  const method = oneOf(values.classifier, ['probe', 'centroid', 'knn'] as const, '--classifier');
  const classifier: ClassifierOptions = method === 'knn' ? { method: 'knn', k: integer(values.k, '--k', 1), weighted: false } : { method };
  return {
    engine: {
      model: resolveModel(values.model),
      dtype,
      datasetDir: resolveData(values.data),
      cacheDir: path.resolve(values.cache ?? defaultCacheDir()),
      allowNetwork: values['allow-network'],
      taughtStores: values.taught.map((f) => path.resolve(f)),
      logger: values.verbose ? consoleLogger : warningsLogger,
    },
    layers: integer(values.layers, '--layers', 1),
    pooling,
    classifier,
    maxExamplesPerSense: integer(values['max-per-sense'], '--max-per-sense', 0),
    text: positionals.length > 0 ? positionals.join(' ') : undefined,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be ${allowed.join(' or ')} (got "${value}")`);
}

function integer(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}

/** A path (anything that is not `owner/name`, or that exists) becomes absolute; a hub id stays. */
function resolveModel(model: string | undefined): string {
  if (model === undefined) return fs.existsSync(path.join(FIXTURE_MODEL, 'config.json')) ? FIXTURE_MODEL : HUB_MODEL;
  const expanded = model.replace(/^~(?=$|[\\/])/, os.homedir());
  const hubId = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/.test(model) && !fs.existsSync(expanded);
  return hubId ? model : path.resolve(expanded);
}

function resolveData(data: string | undefined): string | undefined {
  if (data !== undefined) return path.resolve(data.replace(/^~(?=$|[\\/])/, os.homedir()));
  const env = process.env.COARSEWSD20_DIR;
  if (env) return path.resolve(env);
  return fs.existsSync(SHARED_DATA) ? SHARED_DATA : undefined;
}

function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'bert-word-sense');
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, 'bert-word-sense', 'cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'bert-word-sense');
  return path.join(os.homedir(), '.cache', 'bert-word-sense');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `bank	@14	bank (geography)	bank (geography) 0.971; bank 0.953	margin 0.018` */
export function formatClassification(c: Classification): string {
  const senses = c.senses.map((s) => `${s.label} ${s.score.toFixed(3)}`).join('; ');
  return [c.target.word, `@${c.target.start}`, c.winner.label, senses, `margin ${c.margin.toFixed(3)}`].join('\t');
}

async function main(argv: readonly string[]): Promise<number> {
  // WordNet senses of any word: its own options and output (src/cliWordNet.ts).
  if (argv.some((a) => a === '--inventory' || a.startsWith('--inventory='))) return (await import('./cliWordNet')).wordNetMain(argv, { resolveModel, defaultCacheDir });
  let options: CliOptions | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let text = options.text;
  if (text === undefined) {
    if (process.stdin.isTTY) {
      process.stderr.write(`error: no text (give it as an argument or on stdin)\n\n${USAGE}\n`);
      return 1;
    }
    text = await readStdin();
  }

  // Loaded here, not at the top: --help and usage errors need neither Transformers.js nor ONNX.
  const { SenseEngine } = await import('./senses');
  const engine = new SenseEngine(options.engine);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    for (const store of (await engine.taughtSenses()).stores) {
      if (!store.exists) process.stderr.write(`warning: ${store.file} does not exist\n`);
      for (const p of store.problems) process.stderr.write(`${p.severity}: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
    }
    const results = await engine.classifyAll(text, {
      vector: { layers: options.layers, pooling: options.pooling },
      classifier: options.classifier,
      awaitProbe: true,
      maxExamplesPerSense: options.maxExamplesPerSense,
      completeInBackground: false,
      signal: controller.signal,
    });
    if (results.length === 0) {
      process.stderr.write(`No inventory word in the text (${engine.words.join(', ')}).\n`);
    }
    for (const result of results) process.stdout.write(`${formatClassification(result)}\n`);
    const found = engine.findTargets(text).length;
    if (found > engine.maxOccurrences) {
      process.stderr.write(
        `warning: output truncated: the text has ${found} occurrences; printed the first ${engine.maxOccurrences} (the most one run disambiguates). Split the text to get the rest.\n`,
      );
    }
    return 0;
  } catch (error) {
    // EngineError messages say what is wrong and how to fix it; others (e.g. a bad --layers) too.
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', interrupt);
    await engine.dispose().catch(() => undefined);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Should a native handle outlive dispose(), do not hang (unref: never delays a clean exit).
      setTimeout(() => process.exit(code), 2_000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
