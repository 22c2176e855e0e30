/**
 * Command line of the performance benchmark (`npm run bench:perf -- …`) and the repository root
 * it measures.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_FLAGS, flagSettings } from '../../src/cli/options';
import type { CallSettings } from '../../src/shared/engineProtocol';
import type { ModelDtype } from '../../src/shared/modelLayout';
import { callSettingsOf } from '../../src/shared/settings';

export const ROOT = path.resolve(__dirname, '../..');

/** The sections `--only` can pick; without it all run. */
export type Section = 'activation' | 'load' | 'cold' | 'hover' | 'substitutes' | 'soak' | 'index' | 'boundary' | 'threads' | 'vsix' | 'probe' | 'projection' | 'teach';

export interface PerfOptions {
  /** Model folder (default: the test fixture tiny-bert-uncased). */
  readonly model: string;
  /** Its weights (`--dtype`, `--recipe`: the settings' flags, as for the CLI). */
  readonly dtype: ModelDtype;
  /** Ids per context (`--context-window`). */
  readonly contextWindow: number;
  /** What every measured call runs with (from the settings' flags); measurements override the cap. */
  readonly run: CallSettings;
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
  /** Whether `--only` (if given) lists the section. */
  readonly runs: (section: Section) => boolean;
}

/** The options of `process.argv` (strict: an unknown option throws). */
export function parsePerfOptions(): PerfOptions {
  const { values: args } = parseArgs({
    options: {
      ...COMMON_FLAGS,
      model: { type: 'string', default: path.join(ROOT, 'test/fixtures/tiny-bert-uncased') },
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
    },
    strict: true,
  });
  const settings = flagSettings(args);
  const only = args.only ? new Set(args.only.split(',')) : undefined;
  return {
    model: settings.model,
    dtype: settings.dtype,
    contextWindow: settings.contextWindow,
    run: callSettingsOf(settings),
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
    runs: (section) => !only || only.has(section),
  };
}
