/**
 * The one seam between the engine and an onnxruntime build: create a session, run it, release it.
 * `runtimeNode.ts` implements it on onnxruntime-node (the desktop), `runtimeWasm.ts` on
 * onnxruntime-web (WASM; WebGPU where a browser has it). Which one runs is chosen by the worker's
 * entry (`onnxWorker.ts` for Node), never by sniffing the environment elsewhere. Tensors cross it as
 * plain typed arrays: each build has its own `Tensor` class, and neither accepts the other's.
 */

import type { RuntimeName } from '../shared/engineProtocol';

export type { RuntimeName } from '../shared/engineProtocol';

export interface Tensor {
  readonly type: 'float32' | 'int64';
  readonly data: Float32Array | BigInt64Array;
  readonly dims: readonly number[];
}

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface SessionSettings {
  /** Intra-op threads (the WASM build has one pool per runtime: see `runtimeWasm.ts`). */
  readonly threads: number;
  readonly level: GraphOptimizationLevel;
  /** Keep a re-laid-out copy of MatMul weights (`preparedModel.ts` says when it pays). */
  readonly prepacking: boolean;
  /** Where onnxruntime writes the optimized graph: only a runtime with `files` can. */
  readonly optimizedModelFilePath?: string;
}

export interface RuntimeSession {
  readonly inputNames: readonly string[];
  /** The named outputs of one run. */
  run(feeds: Readonly<Record<string, Tensor>>, outputs: readonly string[]): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

export interface OnnxRuntime {
  readonly name: RuntimeName;
  /** onnxruntime's version: part of a prepared file's key. */
  readonly version: string;
  /** Whether sessions can be created from a file path and write their optimized graph (prepared files). */
  readonly files: boolean;
  /**
   * Ids of a run made on every new encoder session before it is used, or 0. WASM needs one: V8
   * compiles its functions on first call and runs them on its baseline compiler until the hot ones
   * are recompiled optimized in the background, so a fresh session's first runs are several times
   * slower than later ones (docs/performance.md). Made at load, that cost is not a first hover's.
   */
  readonly warmUpIds: number;
  /** A session from the model's bytes, or from its path when `files`. */
  createSession(model: string | Uint8Array, settings: SessionSettings): Promise<RuntimeSession>;
}

/** onnxruntime's session options for `settings`, the same for every build. */
export function sessionOptions(settings: SessionSettings) {
  return {
    graphOptimizationLevel: settings.level,
    intraOpNumThreads: settings.threads,
    executionMode: 'sequential' as const,
    // Hovers come in every sequence length; the CPU arena keeps growing for them. Memory matters
    // more than a few percent of speed inside an editor.
    enableCpuMemArena: false,
    extra: { session: { disable_prepacking: settings.prepacking ? '0' : '1' } },
    ...(settings.optimizedModelFilePath !== undefined && { optimizedModelFilePath: settings.optimizedModelFilePath }),
  };
}

/** The part of either build's `InferenceSession` the seam uses (their `onnxruntime-common` versions differ). */
interface OrtSession<T> {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, T>, fetches: readonly string[]): Promise<Record<string, { readonly type: string; readonly data: unknown; readonly dims: readonly number[] }>>;
  release(): Promise<void>;
}

/** A build's session behind the seam; `tensor` makes that build's tensor of a feed (no copy of its data). */
export function wrapSession<T>(session: OrtSession<T>, tensor: (feed: Tensor) => T): RuntimeSession {
  return {
    inputNames: session.inputNames,
    async run(feeds, outputs) {
      const tensors: Record<string, T> = {};
      for (const [name, feed] of Object.entries(feeds)) tensors[name] = tensor(feed);
      const result = await session.run(tensors, outputs);
      const out: Record<string, Tensor> = {};
      for (const name of outputs) out[name] = { type: result[name].type as Tensor['type'], data: result[name].data as Tensor['data'], dims: result[name].dims };
      return out;
    },
    release: () => session.release(),
  };
}
