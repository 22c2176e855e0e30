import type { EngineNotice, EngineProgress, EngineSettings, RunSettings } from '../shared/engineProtocol';
import type { Logger } from '../shared/logger';

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
  TargetMatch,
} from '../shared/engineProtocol';

/** Options of one engine call: its settings, and the caller's cancellation and progress. */
export interface RunOptions extends RunSettings {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: EngineProgress) => void;
}

/** How `new SenseEngine(options)` finds its model, data and caches (see `EngineSettings`). */
export interface SenseEngineOptions extends Omit<EngineSettings, 'dtype' | 'wordNetDir'> {
  /** Default `fp32`. */
  readonly dtype?: EngineSettings['dtype'];
  readonly logger?: Logger;
  /** Hears what the user should be told once (e.g. a layer setting deeper than the model). */
  readonly onNotice?: (notice: EngineNotice) => void;
}
