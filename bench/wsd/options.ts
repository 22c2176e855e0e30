/**
 * Command line of the WSD benchmark (`npm run bench:wsd -- …`): the options, their defaults and
 * the usage text, plus the parsing of integer lists.
 */
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run bench:wsd -- --model <dir|hub id> --data <CoarseWSD-20 dir> [options]
  --layers k[,k…] --pooling sum|mean[,…]   token vector: last k layers, summed or averaged (default 4, sum)
  --classifier centroid|knn|probe --k n --weighted   centroid = the paper's 1-NN over sense vectors;
                                             probe = per-word softmax regression on the training vectors
  --max-examples-per-sense n | --caps 10,30,100,300,0   training examples per sense (0 = all); --caps sweeps
  --shots 1,3,10,30 [--nshot <dir>]          n-shot training sets (default <data>/../coarsewsd20-nshot)
  --teach 1,3,10 [--nshot <dir>]             the n-shot sets taught as taught senses (through the store
                                             file), beside --shots and the full training data
  --tune                                     choose the classifier (centroid, k-NN and its k, probe) on a
                                             validation split of train
  --compare-vectors <file>                   cosine of our sense vectors to released ones
  --inventory wordnet                        classify among all WordNet noun senses (bench/wsd/runWordnet.ts)
  --window n                                 context window in ids around the target (default: the
                                             engine's; 0 = the model's window)
  --words bank,bass  --out <dir>  --cache <dir>  --fresh-cache  --dtype fp32|q8  --quiet`;

/** The options of `process.argv` (strict: an unknown option throws). */
export function parseWsdArgs() {
  return parseArgs({
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      layers: { type: 'string', default: '4' },
      pooling: { type: 'string', default: 'sum' },
      shots: { type: 'string' },
      teach: { type: 'string' },
      nshot: { type: 'string' },
      'max-examples-per-sense': { type: 'string', default: '0' },
      caps: { type: 'string' },
      classifier: { type: 'string', default: 'centroid' },
      k: { type: 'string', default: '5' },
      weighted: { type: 'boolean', default: false },
      tune: { type: 'boolean', default: false },
      'compare-vectors': { type: 'string' },
      inventory: { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      words: { type: 'string' },
      cache: { type: 'string', default: '.bench-cache' },
      'fresh-cache': { type: 'boolean', default: false },
      dtype: { type: 'string', default: 'fp32' },
      window: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}

export type WsdArgs = ReturnType<typeof parseWsdArgs>;

/** What one run of the benchmark does; the first of `--compare-vectors`, `--tune`, `--shots`, `--teach`, `--caps` given wins. */
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
