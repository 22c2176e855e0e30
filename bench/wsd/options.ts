/**
 * Command line of the WSD benchmark (`npm run bench:wsd -- …`): the options, their defaults and
 * the usage text, plus the parsing of integer lists.
 */
import { parseArgs } from 'node:util';
import { COMMON_FLAGS, flagSettings, SETTINGS_USAGE } from '../../src/cli/options';
import type { RunSettings } from '../../src/shared/settings';

export const USAGE = `usage: npm run bench:wsd -- --model <dir|hub id> --data <CoarseWSD-20 dir> [options]
  --layers k[,k…] --pooling sum|mean[,…]   lists: one table per combination (the table mode)
  --weighted                                 with --classifier knn: votes weighted by cosine
  --shots 1,3,10,30 [--nshot <dir>]          n-shot training sets (default <data>/../coarsewsd20-nshot)
  --teach 1,3,10 [--nshot <dir>]             the n-shot sets taught as taught senses (through the store
                                             file), beside --shots and the full training data
  --tune                                     choose the classifier (centroid, k-NN and its k, probe) on a
                                             validation split of train
  --caps 10,30,100,300,0                     sweep of --max-examples-per-sense
  --compare-vectors <file>                   cosine of our sense vectors to released ones
  --inventory wordnet                        classify among all WordNet noun senses (bench/wsd/runWordnet.ts)
  --words bank,bass  --out <dir>  --cache <dir>  --fresh-cache  --quiet
Without --recipe the table mode prints both recipes' rows (paper, compared with the paper; product);
the settings flags go on top of the recipe's (default product), as for the CLI:
${SETTINGS_USAGE}`;

/** The options of `process.argv` (strict: an unknown option throws). */
export function parseWsdArgs() {
  return parseArgs({
    options: {
      ...COMMON_FLAGS,
      shots: { type: 'string' },
      teach: { type: 'string' },
      nshot: { type: 'string' },
      caps: { type: 'string' },
      weighted: { type: 'boolean', default: false },
      tune: { type: 'boolean', default: false },
      'compare-vectors': { type: 'string' },
      inventory: { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      words: { type: 'string' },
      cache: { type: 'string', default: '.bench-cache' },
      'fresh-cache': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}

/**
 * The settings of the flags under `recipe` (default `--recipe`'s, else product); of `--layers` and
 * `--pooling` lists, the first (the table mode sweeps them all).
 */
export function wsdSettings(args: WsdArgs, recipe: string | undefined = args.recipe): RunSettings {
  return flagSettings({ ...args, recipe, layers: args.layers?.split(',')[0], pooling: args.pooling?.split(',')[0] });
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
