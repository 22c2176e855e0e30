/** Messages between `OnnxSession` (extension host thread) and `onnxWorker.ts` (worker thread). */
import type { EngineErrorCode } from './errors';

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'load'; readonly onnxPath: string; readonly numLayers: number; readonly threads: number }
  /** Release the session once the runs in flight are done, then let the thread end. */
  | { readonly id: number; readonly kind: 'dispose' }
  | {
      readonly id: number;
      readonly kind: 'run';
      /** Token ids of the batch, row-major `[batch × sequence]`, padded with `padId`. */
      readonly ids: Int32Array;
      readonly batch: number;
      readonly sequence: number;
      /** Real tokens per row (the attention mask). */
      readonly lengths: Int32Array;
      /** Hidden states to return, 0 = embeddings. */
      readonly layers: readonly number[];
    };

export interface LoadResult {
  /** The graph outputs tapped, as `tapHiddenStates` reports them. */
  readonly edited: boolean;
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly result: LoadResult | readonly Float32Array[] }
  | { readonly id: number; readonly ok: false; readonly code?: EngineErrorCode; readonly message: string };
