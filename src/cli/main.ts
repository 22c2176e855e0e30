/**
 * Command-line front end of the engine, without VS Code: `npm run cli -- [options] "text"` (or the
 * text on stdin) runs `SenseEngine.classifyAll` and prints one line per inventory word. See USAGE.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_FLAGS, COMMON_USAGE, commonSettings, UsageError, type CommonSettings } from './options';
import type { Classification } from '../shared/engineProtocol';
import { describeError } from '../shared/errors';

const USAGE = `usage: npm run cli -- [options] "text"      (no text: read it from stdin)

Finds the CoarseWSD-20 words of the text (bank, bass, java…) and prints one line per occurrence,
tab-separated: word, @offset (UTF-16, in the text), winning sense, every sense with its score
(cosine to the sense vector; vote share with --classifier knn; probability with --classifier probe),
margin over the runner-up. A text with more occurrences than one run takes is cut, with a warning on
stderr.

options:
${COMMON_USAGE}
  --taught <file>             a taught-senses file (word-senses.json; repeatable): its words are found
                              and classified too, beside CoarseWSD-20's; its problems go to stderr
  --inventory wordnet         WordNet senses of one word instead (--inventory wordnet --help)
  -h, --help                  this text`;

interface CliOptions extends CommonSettings {
  readonly text: string | undefined;
  /** `--show-settings`: print the resolved settings and stop. */
  readonly show?: boolean;
}

function parse(argv: readonly string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...COMMON_FLAGS, taught: { type: 'string', multiple: true, default: [] } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeError(error, { causes: false }));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const common = commonSettings(values);
  if (values['show-settings']) return { ...common, text: undefined, show: true };
  return {
    ...common,
    engine: { ...common.engine, taughtStores: values.taught.map((f) => path.resolve(f)) },
    text: positionals.length > 0 ? positionals.join(' ') : undefined,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `bank	@14	bank (geography)	bank (geography) 0.971; bank 0.953	margin 0.018` */
function formatClassification(c: Classification): string {
  const senses = c.senses.map((s) => `${s.label} ${s.score.toFixed(3)}`).join('; ');
  return [c.target.word, `@${c.target.start}`, c.winner.label, senses, `margin ${c.margin.toFixed(3)}`].join('\t');
}

async function main(argv: readonly string[]): Promise<number> {
  // WordNet senses of any word: its own options and output (src/cli/wordNet.ts).
  if (argv.some((a) => a === '--inventory' || a.startsWith('--inventory='))) return (await import('./wordNet')).wordNetMain(argv);
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
  if (options.show) {
    process.stdout.write(`${JSON.stringify(options.settings, null, 2)}\n`);
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
  const { SenseEngine } = await import('../senses');
  const engine = new SenseEngine(options.engine);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    for (const store of (await engine.taughtSenses()).stores) {
      if (!store.exists) process.stderr.write(`warning: ${store.file} does not exist\n`);
      for (const p of store.problems) process.stderr.write(`${p.severity}: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
    }
    // One run, then exit: no probe answers later and no index completes in the background.
    const { results, found } = await engine.classifyText(text, { ...options.run, awaitProbe: true, completeIndexInBackground: false, signal: controller.signal });
    if (results.length === 0) {
      process.stderr.write(`No inventory word in the text (${engine.words.join(', ')}).\n`);
    }
    for (const result of results) process.stdout.write(`${formatClassification(result)}\n`);
    if (found > engine.maxOccurrences) {
      process.stderr.write(
        `warning: output truncated: the text has ${found} occurrences; printed the first ${engine.maxOccurrences} (the most one run disambiguates). Split the text to get the rest.\n`,
      );
    }
    return 0;
  } catch (error) {
    // EngineError messages say what is wrong and how to fix it; others (e.g. a bad --layers) too.
    process.stderr.write(`error: ${describeError(error, { causes: false })}\n`);
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
