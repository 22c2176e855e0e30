/**
 * Command line of the performance benchmark (`npm run bench:perf -- …`) and the repository root
 * it measures.
 */
import * as path from 'node:path';
import type { CallSettings } from '../../src/shared/engineProtocol';
import type { ModelDtype } from '../../src/shared/modelLayout';
import { callSettingsOf, type RunSettings } from '../../src/shared/settings';
import { ALL_SETTINGS, benchSettings, FIXTURE_MODEL, parseBenchArgs, settingOptions, usageError } from '../cli';

export const ROOT = path.resolve(__dirname, '../..');

/** Scripted sequences of a user's requests (`--scenario`); one runs instead of the sections. */
export const SCENARIOS = ['reading', 'runtimes'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** A scenario's think time without `--think-ms`: a reader's 1–2 s between an answer and the next hover. */
const DEFAULT_THINK_MS = 1500;

/** The sections, in the order they run; `--only` picks some, without it all run. */
export const SECTIONS = ['activation', 'load', 'cold', 'index', 'hover', 'substitutes', 'soak', 'boundary', 'threads', 'vsix', 'probe', 'projection', 'teach'] as const;
export type Section = (typeof SECTIONS)[number];

const SETTINGS = settingOptions(ALL_SETTINGS);

export const PERF_COMMAND = {
  script: 'bench:perf',
  about:
    'Performance benchmark (nothing is asserted): activation, model load, cold start, index build, warm hover latency against a raw onnxruntime forward, ' +
    'substitutes, a soak for memory growth, the engine boundary, thread counts, VSIX size, probe training, projections and teaching. ' +
    'Or, with --scenario reading, a scripted reader; with --scenario runtimes, onnxruntime-node against onnxruntime-web WASM. Prints a Markdown table (metric, value, budget, verdict, load) and writes JSON to --out. The data (CC BY-NC 4.0) is only read. ' +
    "The measured calls run with the settings of --recipe and the settings' flags (default: the extension's); sections that compare settings override theirs.",
  options: {
    ...SETTINGS,
    model: { ...SETTINGS.model, default: FIXTURE_MODEL, help: 'Model folder or hub id.' },
    data: { ...SETTINGS.data, default: process.env.COARSEWSD20_DIR ?? path.join(ROOT, '../shared/data/coarsewsd20'), help: 'CoarseWSD-20 folder ($COARSEWSD20_DIR sets the default).' },
    hovers: { type: 'string', default: '200', value: '<n>', help: 'Warm hovers timed per set (hover, substitutes, threads; at most 100 in boundary).' },
    soak: { type: 'string', default: '10000', value: '<n>', help: 'Hovers of the soak.' },
    words: {
      type: 'string',
      value: '<w,w…>',
      help: "Index-build words (default: all 20); with --scenario reading, the reader's new words (default: seal, bass, bank, crane, mole, spring, square, club; each needs 2 test sentences).",
    },
    'hover-words': { type: 'string', default: 'arm,bank,bow,club,crane,mole,seal,square', value: '<w,w…>', help: 'Words whose test sentences are hovered.' },
    'first-word': { type: 'string', default: 'bank', value: '<w>', help: 'The word of the model-load, cold-start and boundary measurements.' },
    'first-words': { type: 'string', default: 'bank,seal', value: '<w,w…>', help: 'Words of the first-hover measurements (2 and 4 senses).' },
    'skip-full-index': { type: 'boolean', default: false, help: 'No full-index first hover or nothing-cached cold start; warm hovers on first-stage indexes (full indexes take minutes per word at bert-base).' },
    'thread-words': { type: 'string', default: 'bank,seal,spring', value: '<w,w…>', help: 'Train sets of the 1-vs-2 thread index forward.' },
    'probe-words': { type: 'string', default: 'bank,mole', value: '<w,w…>', help: 'Words whose linear probe is trained (2 and 5 senses).' },
    only: { type: 'string', value: '<s,s…>', help: `Sections to run, of: ${SECTIONS.join(', ')} (default: all, in that order).` },
    out: { type: 'string', default: path.join(ROOT, 'bench/results'), value: '<dir>', help: 'Where the JSON goes.' },
    scenario: {
      type: 'string',
      value: SCENARIOS.join('|'),
      help:
        "Run a scripted session instead of the sections: reading = a reader's hovers (new words, repeats, new occurrences, a taught and a WordNet word) with think time, " +
        "through EngineClient and the engine worker on the run settings above, beside the raw forward of each first answer's sentences (bench/perf/reading.ts); " +
        'runtimes = the same graph on onnxruntime-node and onnxruntime-web WASM (in Node, same threads), each in fresh processes: load, first hover on the first of --first-words, ' +
        'warm hovers (up to --hovers) on its other test sentences, a first hover on the third (default crane), the capped index build of the second, peak RSS; then the web runtime files and VSIX sizes (bench/perf/runtimes.ts).',
    },
    'think-ms': { type: 'string', value: '<ms>', shownDefault: String(DEFAULT_THINK_MS), help: 'With --scenario: the think time from each answer to the next request.' },
    'wasm-only': { type: 'boolean', default: false, help: 'With --scenario runtimes: only onnxruntime-web WASM (no onnxruntime-node columns), to repeat the web case.' },
    threads: { type: 'string', value: '<n>', help: "With --scenario runtimes: the engine's onnxruntime threads (default one per logical core; 1 is a browser's, which has no SharedArrayBuffer)." },
    json: { type: 'string', value: '<file>', help: 'With --scenario: also write its summary (one small object, for scripts and budgets) to this file.' },
  },
} as const;


export interface PerfOptions {
  /** Model folder (default: the test fixture tiny-bert-uncased). */
  readonly model: string;
  /** Its weights (`--dtype`, `--recipe`: the settings' flags, as for the CLI). */
  readonly dtype: ModelDtype;
  /** Ids per context (`--context-window`). */
  readonly contextWindow: number;
  /** What every measured call runs with (from the settings' flags); measurements override the cap. */
  readonly run: CallSettings;
  /** All the settings of the flags, as `resolveSettings` made them (the above are parts of them). */
  readonly settings: RunSettings;
  /** `--recipe` (default product): the settings under the flags. */
  readonly recipe: string;
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
  /** Words whose probe training is timed (default bank,mole: 2 and 5 senses). */
  readonly probeWords: readonly string[];
  /** Where the JSON goes (default bench/results). */
  readonly out: string;
  /** `--scenario`: run this scenario and no section. */
  readonly scenario: Scenario | undefined;
  /** A scenario's think time: from one answer to the next request (default 1500 ms, a reader's 1–2 s). */
  readonly thinkMs: number;
  /** `--wasm-only` (runtimes scenario): no onnxruntime-node columns. */
  readonly wasmOnly: boolean;
  /** `--threads` (runtimes scenario): the engine's threads; undefined = one per logical core. */
  readonly threads: number | undefined;
  /** `--json`: where a scenario also writes its summary (one small object, for scripts and budgets). */
  readonly json: string | undefined;
  /** Whether `--only` (if given) lists the section. */
  readonly runs: (section: Section) => boolean;
}

/** The options of `process.argv`: `--help` prints the usage, a bad flag exits 2. */
export function parsePerfOptions(): PerfOptions {
  const args = parseBenchArgs(PERF_COMMAND);
  const settings = benchSettings(PERF_COMMAND, args);
  if (args.scenario !== undefined && !(SCENARIOS as readonly string[]).includes(args.scenario)) usageError(PERF_COMMAND, `--scenario must be ${SCENARIOS.join(' or ')} (got ${args.scenario})`);
  const scenario = args.scenario as Scenario | undefined;
  if (scenario && args.only !== undefined) usageError(PERF_COMMAND, '--only picks sections; --scenario runs none of them');
  if (!scenario && args['think-ms'] !== undefined) usageError(PERF_COMMAND, '--think-ms needs --scenario (the sections have no think time)');
  if (!scenario && args.json !== undefined) usageError(PERF_COMMAND, '--json needs --scenario (the sections write to --out)');
  if (args['wasm-only'] && scenario !== 'runtimes') usageError(PERF_COMMAND, '--wasm-only needs --scenario runtimes');
  if (args.threads !== undefined && scenario !== 'runtimes') usageError(PERF_COMMAND, '--threads needs --scenario runtimes (the sections compare thread counts themselves)');
  const threads = args.threads === undefined ? undefined : Number(args.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) usageError(PERF_COMMAND, `--threads takes a positive integer (got ${args.threads})`);
  const thinkMs = Number(args['think-ms'] ?? DEFAULT_THINK_MS);
  if (!Number.isFinite(thinkMs) || thinkMs < 0) usageError(PERF_COMMAND, `--think-ms must be a number ≥ 0 (got ${args['think-ms']})`);
  const only = args.only ? new Set(args.only.split(',')) : undefined;
  const unknown = [...(only ?? [])].filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) usageError(PERF_COMMAND, `--only: no section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
  const count = (name: 'hovers' | 'soak') => {
    const n = Number(args[name]);
    if (!Number.isInteger(n) || n < 1) usageError(PERF_COMMAND, `--${name} takes a positive integer (got ${args[name]})`);
    return n;
  };
  return {
    model: settings.model,
    dtype: settings.dtype,
    contextWindow: settings.contextWindow,
    run: callSettingsOf(settings),
    settings,
    recipe: args.recipe ?? 'product',
    data: settings.datasetFolder,
    hovers: count('hovers'),
    soak: count('soak'),
    words: args.words,
    hoverWords: args['hover-words'].split(','),
    firstWord: args['first-word'],
    firstWords: args['first-words'].split(','),
    skipFullIndex: args['skip-full-index'],
    threadWords: args['thread-words'],
    probeWords: args['probe-words'].split(','),
    out: args.out,
    scenario,
    thinkMs,
    threads,
    wasmOnly: args['wasm-only'],
    json: args.json === undefined ? undefined : path.resolve(args.json),
    runs: (section) => !only || only.has(section),
  };
}
