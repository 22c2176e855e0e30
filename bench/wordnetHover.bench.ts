/**
 * `npm run bench:wordnet-hover -- [--model dir] [--recipe paper|product] [--dtype fp32|q8] …` (COMMAND below, `--help`): how
 * long a WordNet hover takes in the editor's own path (the real SenseHoverProvider, EngineHost and
 * SenseEngine behind a fake `vscode`, as in test/integration/wordnetHover.test.ts), with an empty
 * cache. Nothing is asserted; the machine's load makes the numbers noisy.
 */
import '../test/fakes/installVscode';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscodeTypes from 'vscode';
import { FakeTextDocument } from '../test/fakes/textDocument';
import { CancellationTokenSource, fake, Uri } from '../test/fakes/vscode';
import { SECTION } from '../src/vscode/config';
import { activate, deactivate } from '../src/vscode/extension';
import type { SenseHoverProvider } from '../src/vscode/hoverProvider';
import { benchSettings, FIXTURE_MODEL, parseBenchArgs, runBench, settingOptions } from './cli';

/** Nouns and verbs with at most 20 synsets, each in two sentences. */
const WORDS: readonly (readonly [string, string, string])[] = [
  ['kernel', 'The kernel of the walnut was bitter.', 'The kernel schedules every process.'],
  ['cell', 'The prisoner paced his cell all night.', 'Each cell divides in two.'],
  ['anchor', 'They dropped the anchor near the reef.', 'The news anchor read the report.'],
  ['harvest', 'The harvest was late this year.', 'They harvest the grapes in autumn.'],
  ['ladder', 'He climbed the ladder to the roof.', 'She rose fast up the corporate ladder.'],
];

/** The settings a WordNet hover depends on: the weights, the window and the token vector. */
const SETTINGS = settingOptions(['model', 'dtype', 'contextWindow', 'layers', 'pooling']);

const COMMAND = {
  script: 'bench:wordnet-hover',
  about:
    `WordNet hover latency in the editor's path (hover provider, engine host and engine behind a fake vscode), empty cache: the session's first hover (model load, ` +
    `tagger, index files), then one table row per word (${WORDS.map(([w]) => w).join(', ')}): synsets, the first hover on the lemma (its glosses are embedded), ` +
    "the lemma in another sentence (one forward pass), and that sentence again in another document (the engine's recent-sentence cache). Writes no files.",
  options: {
    ...SETTINGS,
    model: { ...SETTINGS.model, default: FIXTURE_MODEL },
  },
} as const;

async function main(): Promise<void> {
  const settings = benchSettings(COMMAND, parseBenchArgs(COMMAND));
  const { model, dtype } = settings;
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-wordnet-hover-'));
  // The resolved settings, complete, as the user's settings (the extension resolves them again, to the same); never a download.
  fake.settings[SECTION] = { ...settings, allowNetwork: false };
  const context = { subscriptions: [] as { dispose(): unknown }[], globalStorageUri: Uri.file(cacheDir), extensionUri: Uri.file(path.resolve(__dirname, '..')) };
  activate(context as unknown as vscodeTypes.ExtensionContext);
  const provider = fake.hoverProviders[0].provider as SenseHoverProvider;

  const hover = async (text: string, word: string): Promise<{ ms: number; synsets: number }> => {
    const document = new FakeTextDocument(text, { languageId: 'plaintext' });
    const position = document.positionAt(text.indexOf(word) + 1);
    const start = performance.now();
    const result = await provider.provideHover(document.asDocument(), position as unknown as vscodeTypes.Position, new CancellationTokenSource().token as vscodeTypes.CancellationToken);
    const ms = performance.now() - start;
    const value = result ? String((result.contents[0] as { value: string }).value) : '';
    if (!value.includes('· WordNet')) throw new Error(`No WordNet hover on "${word}": ${value || 'none'}`);
    const more = /(\d+) more senses?/.exec(value);
    const listed = value.split('\n').filter((l) => /^\d+\. `/.test(l)).length || 1;
    return { ms, synsets: listed + (more ? Number(more[1]) : 0) };
  };

  try {
    const load = await hover('The lamp swung in the wind.', 'lamp');
    console.log(`model ${model} (${dtype}); first hover of the session (model load, tagger, index files, lemma "lamp"): ${load.ms.toFixed(0)} ms\n`);
    console.log('| word | synsets | new lemma (ms) | known lemma, new sentence (ms) | same sentence again (ms) |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [word, first, second] of WORDS) {
      const cold = await hover(first, word);
      const warm = await hover(second, word);
      const cached = await hover(second, word);
      console.log(`| ${word} | ${cold.synsets} | ${cold.ms.toFixed(0)} | ${warm.ms.toFixed(0)} | ${cached.ms.toFixed(1)} |`);
    }
  } finally {
    await deactivate();
    for (const d of context.subscriptions.splice(0)) d.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
}

runBench(main);
