/**
 * The extension host's side of the engine boundary (`src/shared/engineProtocol.ts` over
 * `src/shared/rpc.ts`). It owns the engine worker's lifecycle, as vscode-languageclient owns a
 * server's: the worker starts on the first call, a dead one is replaced on the next call (at most 4
 * times in 3 minutes, then it gives up with one message), and the model is loaded before the first
 * call that needs it. Callers just call. No `vscode` here: tests and the benchmarks drive it in Node.
 */
import * as path from 'node:path';
import {
  ENGINE_PROTOCOL_VERSION,
  type EngineCallKind,
  type EngineCalls,
  type EngineEvent,
  type EngineNotice,
  type EngineProgress,
  type EngineSettings,
  type EngineWorkerData,
  type LogLevel,
  type ModelSummary,
} from '../shared/engineProtocol';
import { engineErrorCode, isCancellation, untilAborted, type EngineError } from '../shared/errors';
import { RpcClient, type CallOptions as RpcCallOptions, type RestartPolicy, type WorkerHandle } from '../shared/rpc';
import { startWorker } from '../shared/workerScript';

export interface CallOptions extends Omit<RpcCallOptions<EngineProgress>, 'transfer'> {
  /** A user's command: load the model again even right after a failed load (hovers wait `retryLoadAfterMs`). */
  readonly retryLoad?: boolean;
}

/** Starts a model load for the calls waiting on it; `signal` cancels the load itself. */
export type LoadModel = (signal: AbortSignal | undefined, onProgress: (progress: EngineProgress) => void) => Promise<ModelSummary>;

export interface EngineClientOptions {
  readonly settings: EngineSettings;
  /** Log messages below this level stay in the worker. Default `info`. */
  readonly logLevel?: LogLevel;
  readonly onLog?: (level: LogLevel, message: string) => void;
  readonly onNotice?: (notice: EngineNotice) => void;
  /**
   * How a model load is shown (VS Code: a cancellable notification and the status bar). Default:
   * the first waiting caller's signal and progress callback.
   */
  readonly presentLoad?: (load: LoadModel) => Promise<ModelSummary>;
  /** The worker died and its calls failed with `error`; `restarting` false: the client gave up. Called once per death. */
  readonly onStop?: (error: EngineError, restarting: boolean) => void;
  /** After a failed load, calls that need the model fail at once with its error for this long, rather than load again on every hover. Default 20 s. */
  readonly retryLoadAfterMs?: number;
  readonly restarts?: RestartPolicy;
  /** Starts the worker; default `engineWorker.js` next to this bundle (from source: the `.ts` file under tsx). Tests wrap it. */
  readonly start?: (data: EngineWorkerData) => WorkerHandle;
}

/** Calls that run the model: the model is loaded first, under `presentLoad`. */
const MODEL_CALLS: ReadonlySet<EngineCallKind> = new Set(['classify', 'classifyAll', 'plot', 'rankWordNet', 'plotWordNet', 'rankWordNetConfident']);

export class EngineClient {
  private readonly rpc: RpcClient<EngineCalls, EngineProgress, EngineEvent>;
  private model: ModelSummary | undefined;
  private loading: Promise<ModelSummary> | undefined;
  private failure: { readonly error: unknown; readonly at: number } | undefined;

  constructor(private readonly options: EngineClientOptions) {
    const data: EngineWorkerData = { settings: options.settings, logLevel: options.logLevel ?? 'info' };
    this.rpc = new RpcClient({
      name: 'The engine',
      version: ENGINE_PROTOCOL_VERSION,
      start: () => options.start?.(data) ?? startWorker('engineWorker', path.resolve(__dirname, '../senses'), data),
      onEvent: (event) => (event.type === 'log' ? options.onLog?.(event.level, event.message) : options.onNotice?.(event.notice)),
      onStop: (error, restarting) => {
        // A fresh worker has no model: the next call that needs one loads it again.
        this.model = undefined;
        options.onStop?.(error, restarting);
      },
      restarts: options.restarts,
    });
  }

  /** The loaded model (after a load). */
  get loadedModel(): ModelSummary | undefined {
    return this.model;
  }

  /** Load the model now (download first if needed and allowed), even right after a failed load. */
  load(options: CallOptions = {}): Promise<ModelSummary> {
    return untilAborted(this.ensureModel(options, true), options.signal);
  }

  /** One request and its answer; `signal` cancels it in the worker too (and a load it waits for, without `presentLoad`). */
  async call<K extends EngineCallKind>(kind: K, params: EngineCalls[K]['params'], options: CallOptions = {}): Promise<EngineCalls[K]['result']> {
    if (MODEL_CALLS.has(kind)) await untilAborted(this.ensureModel(options, options.retryLoad ?? false), options.signal);
    return this.rpc.call(kind, params, options);
  }

  /** Lets the worker cancel its calls at their next batch boundary, release the model and end. */
  dispose(): Promise<void> {
    return this.rpc.dispose();
  }

  /** The shared load; `retry` false: a recent failure is answered again instead of loading again. */
  private ensureModel(options: CallOptions, retry: boolean): Promise<ModelSummary> {
    if (this.model) return Promise.resolve(this.model);
    if (this.loading) return this.loading;
    const retryAfter = this.options.retryLoadAfterMs ?? 20_000;
    if (!retry && this.failure && Date.now() - this.failure.at < retryAfter) return Promise.reject(this.failure.error);
    const load: LoadModel = (signal, onProgress) => this.rpc.call('load', {}, { signal, onProgress });
    const attempt = (this.options.presentLoad?.(load) ?? load(options.signal, (p) => options.onProgress?.(p))).then(
      (model) => {
        this.model = model;
        this.failure = undefined;
        return model;
      },
      (error: unknown) => {
        // A cancelled load or a dead worker says nothing about the model: the next call tries again.
        if (!isCancellation(error) && engineErrorCode(error) !== 'worker-stopped') this.failure = { error, at: Date.now() };
        throw error;
      },
    );
    this.loading = attempt;
    void attempt.catch(() => undefined).finally(() => {
      if (this.loading === attempt) this.loading = undefined;
    });
    return attempt;
  }
}
