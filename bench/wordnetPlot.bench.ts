/**
 * `npm run bench:wordnet-plot -- [--model dir] [--recipe paper|product] [--dtype fp32|q8] …` (COMMAND below, `--help`): how
 * long `WordNetSenses.plot` takes for a few words, with an empty cache: the first plot of a lemma
 * (its synsets are embedded, as for its first hover) and the same plot again (only the document's
 * occurrences are tagged and embedded). The model load is timed on its own. Nothing is asserted;
 * the machine's load makes the numbers noisy.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { SenseEngine } from '../src/senses/senseEngine';
import { callSettingsOf } from '../src/shared/settings';
import { WordNetSenses } from '../src/senses/wordnet';
import { benchSettings, FIXTURE_MODEL, parseBenchArgs, runBench, settingOptions } from './cli';
import { markdownTable } from './report';

/** A short document per word, with inflected forms. */
const DOCUMENTS: readonly (readonly [string, string])[] = [
  ['run', 'They run along the beach every morning. She ran the company for ten years. The run lasted an hour. He runs a small shop.'],
  ['light', 'The room was full of light. The box was light enough to carry. She lit a candle and the lights went out.'],
  ['cell', 'The prisoner paced his cell all night. Each cell divides in two. Her cell phone rang.'],
  ['kernel', 'The kernel of the walnut was bitter. The kernel schedules every process.'],
];

/** The settings a plot depends on: the weights, the window and the token vector. */
const SETTINGS = settingOptions(['model', 'dtype', 'contextWindow', 'layers', 'pooling']);

const COMMAND = {
  script: 'bench:wordnet-plot',
  about:
    `WordNetSenses.plot latency, empty cache: the model load, then one table row per word (${DOCUMENTS.map(([w]) => w).join(', ')}): synsets, senses plotted, ` +
    'occurrences and points, the time to find the occurrences, the first plot (the synsets are embedded) and the plot again. Writes no files.',
  options: {
    ...SETTINGS,
    model: { ...SETTINGS.model, default: FIXTURE_MODEL },
  },
} as const;

async function main(): Promise<void> {
  const settings = benchSettings(COMMAND, parseBenchArgs(COMMAND));
  const { model, dtype, contextWindow } = settings;
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-wordnet-plot-'));
  const engine = new SenseEngine({ model, dtype, contextWindow, cacheDir, allowNetwork: false });
  const wordnet = new WordNetSenses({ embedder: engine, cacheDir });
  const { vector } = callSettingsOf(settings);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const result = await work();
    return [result, performance.now() - start];
  };
  try {
    const [, load] = await timed(() => engine.load());
    const rows: string[][] = [];
    for (const [word, text] of DOCUMENTS) {
      const [{ occurrences }, find] = await timed(() => wordnet.occurrences(text, word));
      const [data, cold] = await timed(() => wordnet.plot(word, occurrences, { vector }));
      const [, warm] = await timed(() => wordnet.plot(word, occurrences, { vector }));
      if (!data) throw new Error(`WordNet has no "${word}".`);
      const shown = data.senses.length;
      rows.push([word, String(shown + (data.omittedSenses ?? 0)), String(shown), String(occurrences.length), String(data.points.length), find.toFixed(0), cold.toFixed(0), warm.toFixed(0)]);
    }
    console.log(`model ${model} (${dtype}); model load ${load.toFixed(0)} ms; the first search for occurrences also loads the lemmatizer.\n`);
    console.log(markdownTable(['word', 'synsets', 'plotted', 'occurrences', 'points', 'find occurrences (ms)', 'first plot (ms)', 'plot again (ms)'], rows));
  } finally {
    await wordnet.dispose();
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
}

runBench(main);
