/**
 * Command line of the WSD benchmark (`npm run bench:wsd -- …`): the options with their defaults
 * and help, the mode they select, and the parsing of integer lists.
 */
import type { RunSettings } from '../../src/shared/settings';
import { ALL_SETTINGS, benchSettings, parseBenchArgs, settingOptions } from '../cli';

const SETTINGS = settingOptions(ALL_SETTINGS);

export const WSD_COMMAND = {
  script: 'bench:wsd',
  about:
    'CoarseWSD-20 benchmark of the sense engine (Loureiro et al. 2021, 1-NN recipe): accuracy and macro-F1 per word against the most-frequent-sense baseline ' +
    "and the paper's BERT-base accuracies, plus sweeps (--tune, --confidence, --shots, --teach, --caps, --inventory wordnet, --compare-vectors; the first given of " +
    '--inventory, --compare-vectors, --tune, --confidence, --shots, --teach, --caps picks the mode). Without --recipe the table mode prints a row per recipe: ' +
    "the paper's (compared with the paper) and the product's (the extension's defaults); the settings' flags go on top of the recipe's, as for the CLI. " +
    'Prints Markdown tables and writes .md and .json to --out. The data (CC BY-NC 4.0) is only read from --data; results hold metrics only.',
  options: {
    ...SETTINGS,
    model: { ...SETTINGS.model, shownDefault: undefined, help: 'Model: a folder or a hub id (owner/name) (required).' },
    data: { ...SETTINGS.data, shownDefault: undefined, help: 'CoarseWSD-20 folder, one sub-folder per word (required).' },
    layers: { ...SETTINGS.layers, value: '<k[,k…]>', help: "Token vector from the last k hidden layers; a list makes one table per value (the table mode; the other modes take the first)." },
    pooling: { ...SETTINGS.pooling, value: '<sum|mean[,…]>', help: 'How those layers are combined; a list makes one table per value (the table mode; the other modes take the first).' },
    weighted: { type: 'boolean', default: false, help: 'With --classifier knn: votes weighted by cosine.' },
    caps: { type: 'string', value: '<n,n…>', help: 'Sweep of --max-examples-per-sense values, e.g. 10,30,100,300,0.' },
    shots: { type: 'string', value: '<n,n…>', help: 'n-shot training sets, e.g. 1,3,10,30.' },
    teach: { type: 'string', value: '<n,n…>', help: 'The n-shot sets taught as taught senses (through the store file), beside --shots and the full training data.' },
    nshot: { type: 'string', value: '<dir>', help: 'Folder of the n-shot sets (default: <data>/../coarsewsd20-nshot).' },
    tune: { type: 'boolean', default: false, help: 'Choose the classifier (centroid, k-NN and its k, probe) on a validation split of train.' },
    confidence: { type: 'boolean', default: false, help: 'How often answers are wrong when the low-confidence rule flags them and when not, on the test split, over a grid of thresholds.' },
    'compare-vectors': { type: 'string', value: '<file>', help: 'Cosine of our sense vectors to released ones.' },
    inventory: { type: 'string', value: 'wordnet', help: 'Classify among all WordNet noun senses (bench/wsd/runWordnet.ts).' },
    words: { type: 'string', value: '<w,w…>', help: 'Words to run (default: every CoarseWSD-20 word --data has a folder of: all 20 in the dataset).' },
    out: { type: 'string', default: 'bench/results', value: '<dir>', help: 'Where the .md and .json go.' },
    cache: { type: 'string', default: '.bench-cache', value: '<dir>', help: 'Cache of training and test vectors.' },
    'fresh-cache': { type: 'boolean', default: false, help: 'Build the training vectors in a temporary folder (real build times).' },
    quiet: { type: 'boolean', default: false, help: 'No progress log on stderr.' },
  },
} as const;

/** The options of `process.argv`: `--help` prints the usage, a bad flag exits 2. */
export function parseWsdArgs() {
  return parseBenchArgs(WSD_COMMAND);
}

/**
 * The settings of the flags under `recipe` (default `--recipe`'s, else product); of `--layers` and
 * `--pooling` lists, the first (the table mode sweeps them all).
 */
export function wsdSettings(args: WsdArgs, recipe: string | undefined = args.recipe): RunSettings {
  const list = (text: string | undefined) => text?.split(',').map((v) => v.trim());
  const first = { ...args, layers: list(args.layers)?.[0], pooling: list(args.pooling)?.[0] };
  // Every value of the lists by the settings' rules too, so a bad one is a usage error before any run.
  for (const layers of list(args.layers)?.slice(1) ?? []) benchSettings(WSD_COMMAND, { ...first, 'show-settings': false, layers }, recipe);
  for (const pooling of list(args.pooling)?.slice(1) ?? []) benchSettings(WSD_COMMAND, { ...first, 'show-settings': false, pooling }, recipe);
  return benchSettings(WSD_COMMAND, first, recipe);
}

export type WsdArgs = ReturnType<typeof parseWsdArgs>;

/** What one run of the benchmark does; the first of `--inventory`, `--compare-vectors`, `--tune`, `--confidence`, `--shots`, `--teach`, `--caps` given wins. */
export type Mode = 'table' | 'compare' | 'tune' | 'confidence' | 'shots' | 'teach' | 'caps' | 'wordnet';

export function modeOf(args: WsdArgs): Mode {
  if (args.inventory !== undefined) {
    if (args.inventory !== 'wordnet') throw new Error(`--inventory takes "wordnet" (got "${args.inventory}")`);
    return 'wordnet';
  }
  if (args['compare-vectors']) return 'compare';
  if (args.tune) return 'tune';
  if (args.confidence) return 'confidence';
  if (args.shots) return 'shots';
  if (args.teach) return 'teach';
  if (args.caps) return 'caps';
  return 'table';
}

/** A comma list of non-negative integers, e.g. `--caps 10,30,0`. */
export function intList(text: string, name: string): number[] {
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--${name} takes non-negative integers (got "${text}")`);
  return list;
}
