import type { EngineNotice, EngineProgress, EngineSettings, ExampleRef, CallSettings, TaughtListing, TeachRequest, TeachResult } from '../shared/engineProtocol';
import type { Logger } from '../shared/logger';
import type { RunPriority } from '../bert/runQueue';

export type {
  Classification,
  ClassifierOptions,
  EngineNotice,
  EngineProgress,
  IndexStage,
  ModelSummary,
  Neighbour,
  OccurrenceContext,
  PlotData,
  PlotPoint,
  PlotProjection,
  PlotSense,
  ProjectionMethod,
  SenseScore,
  Substitute,
  SubstituteMode,
  TargetMatch,
  ExampleRef,
  ExampleSource,
  SenseSource,
  StoreProblem,
  TaughtExample,
  TaughtListing,
  TaughtSense,
  TaughtWord,
  TeachRequest,
  TeachResult,
  WordNetOccurrences,
} from '../shared/engineProtocol';

/** Options of one engine call: its settings, and the caller's cancellation and progress. */
export interface RunOptions extends CallSettings {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: EngineProgress) => void;
  /** Whose forward passes these are (default `hover`): a hover's go before a view's, before background work. */
  readonly priority?: RunPriority;
}

/** What embedding calls need of `RunOptions` (the WordNet inventory, benchmarks). */
export type EmbedOptions = Pick<RunOptions, 'vector' | 'signal' | 'onProgress' | 'priority'>;

/**
 * How `new SenseEngine(options)` finds its model, data and caches (see `EngineSettings`; the
 * settings' part comes from `engineSettingsOf`).
 */
export interface SenseEngineOptions extends Omit<EngineSettings, 'wordNetDir'> {
  readonly logger?: Logger;
  /** Hears what the user should be told once (e.g. a layer setting deeper than the model). */
  readonly onNotice?: (notice: EngineNotice) => void;
}

/**
 * Teaching senses (implemented by `SenseEngine`). Every edit locks the file, re-reads it, changes
 * only its own entry and writes it atomically, so nothing another window or a hand edit wrote is
 * lost; an edit of a file with JSON syntax errors is refused. Failures are `EngineError`s with
 * code `taught-senses`. After an edit, `words` and `findTargets` include the taught words and the
 * next classification of the word uses the new senses (embedding only the new example).
 */
export interface TaughtSensesService {
  /** Add an example (creating its sense when needed). */
  teach(request: TeachRequest): Promise<TeachResult>;
  /** Remove an example; resolves to how many copies were removed (rejects when none). */
  forget(example: ExampleRef): Promise<number>;
  /** Give a sense a new label (its id stays). */
  renameSense(request: { readonly word: string; readonly sense: string; readonly label: string; readonly store?: string }): Promise<void>;
  /** Delete a sense with its examples (and the word with its last sense). */
  deleteSense(request: { readonly word: string; readonly sense: string; readonly store?: string }): Promise<void>;
  /** The taught words, senses and examples, and each file's problems (for diagnostics). */
  taughtSenses(): Promise<TaughtListing>;
  /** Re-read the files (call it from a file watcher on them), then list as `taughtSenses`. */
  reloadTaught(): Promise<TaughtListing>;
}
