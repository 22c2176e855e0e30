/** Messages between `OnnxSession` (in the engine worker) and `onnxWorker.ts` (its own thread, where onnxruntime runs). */
import type { RuntimeName } from '../shared/engineProtocol';
import type { GraphShape } from './onnxTap';

/** Token positions of one target in one row of a batch. */
export interface TargetPositions {
  readonly row: number;
  readonly positions: readonly number[];
}

export interface LoadRequest {
  readonly onnxPath: string;
  readonly threads: number;
  /** Folder for the prepared (tapped, optimized) model; undefined = tap in memory. */
  readonly preparedDir?: string;
  /** Content key of the ONNX file (`ModelContentKey.onnxKey`): names its prepared file. */
  readonly sourceKey: string;
  /** 1 for the vocabulary ids the MLM head may predict (`wholeWordMask`). */
  readonly candidates: Uint8Array;
  /** The onnxruntime build to run on (default `node`; the worker's entry decides what it can offer). */
  readonly runtime?: RuntimeName;
}

export interface RunRequest {
  /** Token ids of the batch, row-major `[batch × sequence]`, padded with `padId`. */
  readonly ids: Int32Array;
  readonly batch: number;
  readonly sequence: number;
  /** Real tokens per row (the attention mask). */
  readonly lengths: Int32Array;
  /** Indices of the hidden states to pool, 0 = embeddings. */
  readonly hiddenStates: readonly number[];
  readonly targets: readonly TargetPositions[];
  /** Keep this (single-sentence) batch's states for the next requests with the same ids and layers. */
  readonly share: boolean;
  /**
   * When above 0: the MLM head's `predict` most likely candidate tokens at each target's first
   * position, from the last hidden state (which `hiddenStates` must then include).
   */
  readonly predict?: number;
}

/** The ONNX worker's methods (`src/shared/rpc.ts` carries them; its dispose releases the session once the run in flight is done). */
export interface OnnxCalls {
  load: { params: LoadRequest; result: LoadResult };
  run: { params: RunRequest; result: RunResult };
}

export interface LoadResult {
  readonly edited: boolean;
  readonly shape: GraphShape;
  readonly source: 'prepared' | 'built' | 'memory';
  /** Whether the model has an MLM head to predict tokens with. */
  readonly hasHead: boolean;
  readonly warnings: readonly string[];
  /** `OpenedModel.provider`: the web's `webgpu` or `wasm`. */
  readonly provider?: 'webgpu' | 'wasm';
  /** `OpenedModel.notes`, for the log. */
  readonly notes?: readonly string[];
}

/** Per target, `predict` token ids and their probabilities, best first: `[targets × predict]` each. */
export interface Predictions {
  readonly ids: Int32Array;
  readonly probabilities: Float32Array;
}

export interface RunResult {
  /** Per target, the mean over its positions of each requested layer: `[targets × layers × hidden]`. */
  readonly vectors: Float32Array;
  readonly hidden: number;
  /** False when the states came from an earlier request for the same sentence. */
  readonly forwarded: boolean;
  /** With `predict`: the MLM head's candidates. */
  readonly predictions?: Predictions;
}
