/**
 * Command line of the performance benchmark (`npm run bench:perf -- …`) and the repository root
 * it measures.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { ModelDtype } from '../../src/shared/modelLayout';
import { DEFAULTS } from '../../src/shared/settings';

export const ROOT = path.resolve(__dirname, '../..');

/** The sections `--only` can pick; without it all run. */
export type Section = 'activation' | 'load' | 'cold' | 'hover' | 'substitutes' | 'soak' | 'index' | 'boundary' | 'threads' | 'vsix' | 'probe' | 'projection' | 'teach';

/** Scripted sequences of a user's requests (`--scenario`); one runs instead of the sections. */
export type Scenario = 'reading';

export interface PerfOptions {
  /** Model folder (default: the test fixture tiny-bert-uncased). */
  readonly model: string;
  /** Its weights: `fp32` (default) or `q8` (default of a scenario: the extension's). */
  readonly dtype: ModelDtype;
  /** CoarseWSD-20 folder, only read. */
  readonly data: string;
  /** Warm hovers timed (default 200). */
  readonly hovers: number;
  /** Hovers of the soak (default 10000). */
  readonly soak: number;
  /** `--words` as given: the index-build words (default: all 20). */
  readonly words: string | undefined;
  /** Words whose test sentences are hovered (default arm,bank,bow,club,crane,mole,seal,square). */
  readonly hoverWords: readonly string[];
  /** The word of the model-load and cold-start measurements (default bank). */
  readonly firstWord: string;
  /** Words of the first-hover measurements (default bank,seal: 2 and 4 senses). */
  readonly firstWords: readonly string[];
  /**
   * `--skip-full-index`: no first hover with the full index, no nothing-cached cold start, and warm
   * hovers on first-stage indexes (a few examples per sense) (full indexes take minutes per word at bert-base).
   */
  readonly skipFullIndex: boolean;
  /** `--thread-words` as given: the train sets of the 1-vs-2 thread build (default bank,seal,spring). */
  readonly threadWords: string;
  /** Where the JSON goes (default bench/results). */
  readonly out: string;
  /** `--scenario`: run this scenario and no section. */
  readonly scenario: Scenario | undefined;
  /** A scenario's think time: from one answer to the next request (default 1500 ms, a reader's 1–2 s). */
  readonly thinkMs: number;
  /** `--json`: where a scenario also writes its summary (one small object, for scripts and budgets). */
  readonly json: string | undefined;
  /** Whether `--only` (if given) lists the section. */
  readonly runs: (section: Section) => boolean;
}

/** The options of `process.argv` (strict: an unknown option throws). */
export function parsePerfOptions(): PerfOptions {
  const { values: args } = parseArgs({
    options: {
      model: { type: 'string', default: path.join(ROOT, 'test/fixtures/tiny-bert-uncased') },
      dtype: { type: 'string' },
      data: { type: 'string', default: process.env.COARSEWSD20_DIR ?? path.join(ROOT, '../shared/data/coarsewsd20') },
      hovers: { type: 'string', default: '200' },
      soak: { type: 'string', default: '10000' },
      words: { type: 'string' },
      'hover-words': { type: 'string', default: 'arm,bank,bow,club,crane,mole,seal,square' },
      'first-word': { type: 'string', default: 'bank' },
      'first-words': { type: 'string', default: 'bank,seal' },
      'skip-full-index': { type: 'boolean', default: false },
      'thread-words': { type: 'string', default: 'bank,seal,spring' },
      only: { type: 'string' },
      out: { type: 'string', default: path.join(ROOT, 'bench/results') },
      scenario: { type: 'string' },
      'think-ms': { type: 'string', default: '1500' },
      json: { type: 'string' },
    },
    strict: true,
  });
  if (args.scenario !== undefined && args.scenario !== 'reading') throw new Error(`--scenario must be reading (got ${args.scenario})`);
  if (args.json !== undefined && args.scenario === undefined) throw new Error('--json needs --scenario (the sections write to --out)');
  // A scenario measures the extension as shipped, so its weights default to the extension's.
  const dtype = args.dtype ?? (args.scenario ? DEFAULTS.dtype : 'fp32');
  if (dtype !== 'fp32' && dtype !== 'q8') throw new Error(`--dtype must be fp32 or q8 (got ${dtype})`);
  const thinkMs = Number(args['think-ms']);
  if (!Number.isFinite(thinkMs) || thinkMs < 0) throw new Error(`--think-ms must be a number ≥ 0 (got ${args['think-ms']})`);
  const only = args.only ? new Set(args.only.split(',')) : undefined;
  return {
    model: path.resolve(args.model!),
    dtype,
    data: path.resolve(args.data!),
    hovers: Number(args.hovers),
    soak: Number(args.soak),
    words: args.words,
    hoverWords: args['hover-words']!.split(','),
    firstWord: args['first-word']!,
    firstWords: args['first-words']!.split(','),
    skipFullIndex: args['skip-full-index']!,
    threadWords: args['thread-words']!,
    out: args.out!,
    scenario: args.scenario,
    thinkMs,
    json: args.json === undefined ? undefined : path.resolve(args.json),
    runs: (section) => !only || only.has(section),
  };
}
