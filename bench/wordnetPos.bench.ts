/**
 * `npm run bench:wordnet-pos -- [--model dir] [--dtype fp32|q8] …` (COMMAND below, `--help`): WordNet
 * senses of nouns the tagger may call verbs and of verbs (test/fixtures/wordnet-pos/sentences.tsv:
 * 40 sentences written for it, 10 words, gold WordNet 3.1 sense keys). Per word, how often the top
 * sense is the gold one with the part of speech as a prior (the extension), as a hard filter (the
 * tagger's part of speech only, as before), and WordNet's first sense of the tagger's part of
 * speech. Nothing is asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SenseEngine } from '../src/senses/senseEngine';
import { WordNetSenses } from '../src/senses/wordnet';
import { sentenceContext } from '../src/shared/inventory';
import { callSettingsOf } from '../src/shared/settings';
import { wordAt } from '../src/shared/words';
import { benchSettings, FIXTURE_MODEL, parseBenchArgs, runBench, settingOptions } from './cli';
import { markdownTable } from './report';

const SENTENCES = path.resolve(__dirname, '../test/fixtures/wordnet-pos/sentences.tsv');

/** The settings a ranking depends on: the weights, the window and the token vector. */
const SETTINGS = settingOptions(['model', 'dtype', 'contextWindow', 'layers', 'pooling']);

const COMMAND = {
  script: 'bench:wordnet-pos',
  about:
    'WordNet ranking on 40 hand-written sentences of 10 words (nouns and verbs): per word, the accuracy of the top sense with the part of speech as a prior, ' +
    "as a hard filter (the tagger's), and of WordNet's first sense of the tagger's part of speech. Writes no files.",
  options: { ...SETTINGS, model: { ...SETTINGS.model, default: FIXTURE_MODEL } },
} as const;

interface Item {
  readonly key: string;
  readonly surface: string;
  readonly sentence: string;
}

function readItems(): Item[] {
  return fs
    .readFileSync(SENTENCES, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [key, surface, sentence] = line.split('\t');
      return { key, surface, sentence };
    });
}

const pct = (hits: number, n: number) => (n === 0 ? '—' : ((100 * hits) / n).toFixed(0));

async function main(): Promise<void> {
  const settings = benchSettings(COMMAND, parseBenchArgs(COMMAND));
  const { model, dtype, contextWindow } = settings;
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bws-wordnet-pos-'));
  const engine = new SenseEngine({ model, dtype, contextWindow, cacheDir, allowNetwork: false });
  const wordnet = new WordNetSenses({ embedder: engine, cacheDir });
  const { vector } = callSettingsOf(settings);
  const perWord = new Map<string, { n: number; prior: number; filter: number; first: number }>();
  try {
    for (const item of readItems()) {
      const at = item.sentence.search(new RegExp(`\\b${item.surface}\\b`, 'i'));
      const span = at < 0 ? undefined : wordAt(item.sentence, at);
      if (!span) throw new Error(`"${item.surface}" is not in: ${item.sentence}`);
      const context = sentenceContext(item.sentence, span);
      const prior = await wordnet.rankContext(context, { vector });
      const tagged = prior?.taggedPos;
      const filtered = tagged ? await wordnet.rankContext(context, { vector, pos: tagged }) : prior;
      const lemma = item.key.slice(0, item.key.indexOf('%'));
      const counts = perWord.get(lemma) ?? { n: 0, prior: 0, filter: 0, first: 0 };
      counts.n++;
      if (prior?.senses[0]?.senseKey === item.key) counts.prior++;
      if (filtered?.senses[0]?.senseKey === item.key) counts.filter++;
      if (filtered?.senses.find((s) => s.senseNumber === 1)?.senseKey === item.key) counts.first++;
      perWord.set(lemma, counts);
    }
    const rows = [...perWord].map(([word, c]) => [word, String(c.n), pct(c.prior, c.n), pct(c.filter, c.n), pct(c.first, c.n)]);
    const total = [...perWord.values()].reduce((a, c) => ({ n: a.n + c.n, prior: a.prior + c.prior, filter: a.filter + c.filter, first: a.first + c.first }), { n: 0, prior: 0, filter: 0, first: 0 });
    rows.push(['**all**', String(total.n), pct(total.prior, total.n), pct(total.filter, total.n), pct(total.first, total.n)]);
    console.log(`model ${model} (${dtype}); accuracy of the top sense, %\n`);
    console.log(markdownTable(['word', 'sentences', 'prior (extension)', "filter (tagger's part of speech)", 'first sense (tagger\'s part of speech)'], rows));
  } finally {
    await wordnet.dispose();
    await engine.dispose();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

runBench(main);
