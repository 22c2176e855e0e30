/**
 * Command line of the WSD benchmark (`npm run bench:wsd -- …`): the options with their defaults
 * and help, the mode they select, and the parsing of integer lists.
 */
import { DTYPE_OPTION, parseBenchArgs } from '../cli';

export const WSD_COMMAND = {
  script: 'bench:wsd',
  about:
    'CoarseWSD-20 benchmark of the sense engine (Loureiro et al. 2021, 1-NN recipe): accuracy and macro-F1 per word against the most-frequent-sense baseline ' +
    "and the paper's BERT-base accuracies, plus sweeps (--tune, --shots, --teach, --caps, --inventory wordnet, --compare-vectors; the first given of " +
    '--inventory, --compare-vectors, --tune, --shots, --teach, --caps picks the mode). Prints Markdown tables and writes .md and .json to --out. ' +
    'The data (CC BY-NC 4.0) is only read from --data; results hold metrics only.',
  options: {
    model: { type: 'string', value: '<dir|hub id>', help: 'Model (required).' },
    data: { type: 'string', value: '<dir>', help: 'CoarseWSD-20 folder, one sub-folder per word (required).' },
    layers: { type: 'string', default: '4', value: '<k[,k…]>', help: 'Token vector: the last k hidden layers; a list makes one table per value.' },
    pooling: { type: 'string', default: 'sum', value: '<sum|mean[,…]>', help: 'How the layers are combined; a list makes one table per value.' },
    classifier: { type: 'string', default: 'centroid', value: '<centroid|knn|probe>', help: "centroid: the paper's 1-NN over sense vectors; knn: vote of the --k nearest training examples; probe: per-word softmax regression." },
    k: { type: 'string', default: '5', value: '<n>', help: 'Neighbours of the knn classifier.' },
    weighted: { type: 'boolean', default: false, help: 'knn votes weighted by similarity.' },
    'max-examples-per-sense': { type: 'string', default: '0', value: '<n>', help: 'Training examples per sense (stratified sample; 0 = all).' },
    caps: { type: 'string', value: '<n,n…>', help: 'Sweep of --max-examples-per-sense values, e.g. 10,30,100,300,0.' },
    shots: { type: 'string', value: '<n,n…>', help: 'n-shot training sets, e.g. 1,3,10,30.' },
    teach: { type: 'string', value: '<n,n…>', help: 'The n-shot sets taught as taught senses (through the store file), beside --shots and the full training data.' },
    nshot: { type: 'string', value: '<dir>', help: 'Folder of the n-shot sets (default: <data>/../coarsewsd20-nshot).' },
    tune: { type: 'boolean', default: false, help: 'Choose the classifier (centroid, k-NN and its k, probe) on a validation split of train.' },
    'compare-vectors': { type: 'string', value: '<file>', help: 'Cosine of our sense vectors to released ones.' },
    inventory: { type: 'string', value: 'wordnet', help: 'Classify among all WordNet noun senses (bench/wsd/runWordnet.ts).' },
    window: { type: 'string', value: '<n>', help: "Context window in ids around the target (default: the engine's; 0 = the model's window)." },
    words: { type: 'string', value: '<w,w…>', help: 'Words to run (default: all 20).' },
    out: { type: 'string', default: 'bench/results', value: '<dir>', help: 'Where the .md and .json go.' },
    cache: { type: 'string', default: '.bench-cache', value: '<dir>', help: 'Cache of training and test vectors.' },
    'fresh-cache': { type: 'boolean', default: false, help: 'Build the training vectors in a temporary folder (real build times).' },
    dtype: DTYPE_OPTION,
    quiet: { type: 'boolean', default: false, help: 'No progress log on stderr.' },
  },
} as const;

/** The options of `process.argv`: `--help` prints the usage, a bad flag exits 2. */
export function parseWsdArgs() {
  return parseBenchArgs(WSD_COMMAND);
}

export type WsdArgs = ReturnType<typeof parseWsdArgs>;

/** What one run of the benchmark does; the first of `--inventory`, `--compare-vectors`, `--tune`, `--shots`, `--teach`, `--caps` given wins. */
export type Mode = 'table' | 'compare' | 'tune' | 'shots' | 'teach' | 'caps' | 'wordnet';

export function modeOf(args: WsdArgs): Mode {
  if (args.inventory !== undefined) {
    if (args.inventory !== 'wordnet') throw new Error(`--inventory takes "wordnet" (got "${args.inventory}")`);
    return 'wordnet';
  }
  if (args['compare-vectors']) return 'compare';
  if (args.tune) return 'tune';
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
