/**
 * `npm run cli -- --inventory wordnet [options] "text"`: the WordNet senses of one word of the
 * text (the first word, or the one at `--at`), ranked by BERT. Called by `cli.ts`.
 */
import { parseArgs } from 'node:util';
import { COMMON_FLAGS, commonSettings, UsageError } from './cliOptions';
import type { WordNetRanking } from './shared/engineProtocol';

const WORDNET_USAGE = `usage: npm run cli -- --inventory wordnet [options] "text"

Ranks the WordNet 3.1 senses of one word of the text for its sentence: the word at --at, else the
word after the first article (the, a, an) when WordNet has it as a noun, else the first word
WordNet knows.
Prints the lemma, part of speech, margin (and "uncertain" when it is small), then the top senses:
synset, score, gloss, synonyms.

options:
  --at <offset>               UTF-16 offset of the word in the text
  --top n                     senses printed (default 5)
  --model, --dtype, --context-window, --layers, --pooling, --recipe, --cache, --allow-network, --verbose
                              as for the CoarseWSD-20 inventory`;

export async function wordNetMain(argv: readonly string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { ...COMMON_FLAGS, inventory: { type: 'string' }, at: { type: 'string' }, top: { type: 'string', default: '5' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${WORDNET_USAGE}\n`);
    return 0;
  }
  if (values.inventory !== 'wordnet') return usageError(`--inventory takes "wordnet" (without it, the inventory is CoarseWSD-20); got "${values.inventory}"`);
  let settings;
  try {
    settings = commonSettings(values);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }
  const top = Number(values.top);
  const at = values.at === undefined ? undefined : Number(values.at);
  if (!Number.isInteger(top) || top < 1 || (at !== undefined && !(Number.isInteger(at) && at >= 0))) {
    return usageError('--top ≥ 1 and --at ≥ 0 (an integer)');
  }
  const text = positionals.join(' ');
  if (!text.trim()) return usageError('no text');

  const { SenseEngine } = await import('./senses');
  const { modelCacheKey, WordNetSenses } = await import('./senses/wordnet');
  const { cacheDir, logger } = settings.engine;
  const engine = new SenseEngine(settings.engine);
  const wordnet = new WordNetSenses({ embedder: engine, cacheDir, modelKey: modelCacheKey(engine, settings.engine), logger });
  try {
    const options = settings.run;
    const offset = at ?? (await firstWord(wordnet, text));
    const ranking = offset === undefined ? undefined : await wordnet.rank(text, offset, options);
    if (!ranking) {
      process.stderr.write(`No WordNet word ${at === undefined ? 'in the text' : `at offset ${at}`}.\n`);
      return 1;
    }
    process.stdout.write(formatRanking(ranking, top));
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await wordnet.dispose();
    await engine.dispose().catch(() => undefined);
  }
}

/** The word after the first article when WordNet has it as a noun (the usual object of interest), else the first word it has. */
async function firstWord(wordnet: import('./senses/wordnet').WordNetSenses, text: string): Promise<number | undefined> {
  const { lemmaEntry, WORDNET_POS } = await import('./senses/wordnet');
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)];
  const article = words.findIndex((w) => /^(the|a|an)$/i.test(w[0]));
  const next = article >= 0 ? words[article + 1] : undefined;
  if (next && (await lemmaEntry(wordnet.database, next[0], 'n'))) return next.index;
  for (const w of words) {
    for (const pos of WORDNET_POS) if (await lemmaEntry(wordnet.database, w[0], pos)) return w.index;
  }
  return undefined;
}

/** The header line, then one line per sense: rank, synset, score, gloss, synonyms. */
function formatRanking(r: WordNetRanking, top: number): string {
  const head = `${r.surface}\t@${r.start}\t${r.lemma} (${r.pos}${r.taggedPos ? `, tagged ${r.taggedPos}` : ', untagged: all parts of speech'})\tmargin ${r.margin.toFixed(3)}${r.uncertain ? '\tuncertain' : ''}\n`;
  const lines = r.senses.slice(0, top).map((s, i) => {
    const synonyms = s.synonyms.length ? `\t(${s.synonyms.join(', ')})` : '';
    return `  ${i + 1}. ${s.synset}\t${s.score.toFixed(3)}\t${s.lemma}: ${s.gloss}${synonyms}\n`;
  });
  const more = r.senses.length > top ? [`  … ${r.senses.length - top} more\n`] : [];
  return [head, ...lines, ...more].join('');
}

function usageError(message: string): number {
  process.stderr.write(`error: ${message}\n\n${WORDNET_USAGE}\n`);
  return 1;
}
