/**
 * The extension host's side of the engine boundary: starts the engine worker (`dist/engineWorker.js`)
 * and turns the protocol of `src/shared/engineProtocol.ts` into promises. A caller's signal becomes
 * a `cancel` message, progress events reach the caller's callback. No `vscode` here: tests and the
 * benchmarks drive it in Node.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  ENGINE_PROTOCOL_VERSION,
  type EngineCallKind,
  type EngineCalls,
  type EngineMessage,
  type EngineNotice,
  type EngineProgress,
  type EngineRequest,
  type EngineSettings,
  type EngineWorkerData,
  type LogLevel,
  type ModelSummary,
} from '../shared/engineProtocol';
import { EngineError, fromWireError } from '../shared/errors';
import { startWorker } from '../shared/workerScript';

export interface EngineClientOptions {
  readonly settings: EngineSettings;
  /** Log messages below this level stay in the worker. Default `info`. */
  readonly logLevel?: LogLevel;
  readonly onLog?: (level: LogLevel, message: string) => void;
  readonly onNotice?: (notice: EngineNotice) => void;
  /** The worker script; default `engineWorker.js` next to this bundle (from source: the `.ts` file under tsx). */
  readonly script?: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: EngineProgress) => void;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly onProgress?: (progress: EngineProgress) => void;
}

export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Resolves when the worker said hello; rejects when it could not start. */
  readonly started: Promise<void>;
  /** Set once the worker is gone (ended, crashed or disposed): every call then rejects with it. */
  private ended: Error | undefined;
  private disposing: Promise<void> | undefined;
  private model: ModelSummary | undefined;

  constructor(private readonly options: EngineClientOptions) {
    const data: EngineWorkerData = { settings: options.settings, logLevel: options.logLevel ?? 'info' };
    this.worker = options.script ? new Worker(options.script, { workerData: data }) : startWorker('engineWorker', path.resolve(__dirname, '../senses'), data);
    let hello: () => void;
    let failed: (error: Error) => void;
    this.started = new Promise<void>((resolve, reject) => {
      hello = resolve;
      failed = reject;
    });
    this.started.catch(() => undefined);
    this.worker.on('message', (message: EngineMessage) => {
      if (message.type === 'hello') {
        if (message.version === ENGINE_PROTOCOL_VERSION) hello();
        else this.end(new Error(`The engine speaks protocol ${message.version}, the extension ${ENGINE_PROTOCOL_VERSION}: reinstall the extension.`), failed);
      } else this.receive(message);
    });
    // A module that does not load (the native runtime on another platform) ends the worker here.
    this.worker.on('error', (error) =>
      this.end(new EngineError('engine-unavailable', `The engine could not start on ${process.platform}-${process.arch}: ${error.message}`, { cause: error }), failed),
    );
    // After `disposed` this changes nothing; before it, the thread died (a crash in native code).
    this.worker.on('exit', (code) => this.end(new Error(`The engine stopped unexpectedly (exit code ${code}).`), failed));
  }

  /** The loaded model (after `load`). */
  get loadedModel(): ModelSummary | undefined {
    return this.model;
  }

  async load(options: CallOptions = {}): Promise<ModelSummary> {
    this.model = await this.call('load', {}, options);
    return this.model;
  }

  /** One request and its answer; `signal` cancels it in the worker too. */
  async call<K extends EngineCallKind>(kind: K, params: EngineCalls[K]['params'], options: CallOptions = {}): Promise<EngineCalls[K]['result']> {
    await this.started;
    if (this.ended) throw this.ended;
    if (options.signal?.aborted) throw new EngineError('cancelled', 'Cancelled.');
    const id = this.nextId++;
    return new Promise<EngineCalls[K]['result']>((resolve, reject) => {
      const onAbort = () => this.post({ type: 'cancel', id });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(value as EngineCalls[K]['result']);
        },
        reject: (error) => {
          options.signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onProgress: options.onProgress,
      });
      this.post({ type: 'call', id, kind, params } as EngineRequest);
    });
  }

  /** Lets the worker finish (calls in flight are cancelled), release the model and end. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      if (this.ended) return;
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      this.post({ type: 'dispose' });
      // A worker stuck in native code would keep the host waiting: end it after a grace period.
      const timer = setTimeout(() => void this.worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    })();
    return this.disposing;
  }

  private receive(message: Exclude<EngineMessage, { type: 'hello' }>): void {
    switch (message.type) {
      case 'result': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) pending?.resolve(message.result);
        else pending?.reject(fromWireError(message.error));
        break;
      }
      case 'progress':
        this.pending.get(message.id)?.onProgress?.(message.progress);
        break;
      case 'log':
        this.options.onLog?.(message.level, message.message);
        break;
      case 'notice':
        this.options.onNotice?.(message.notice);
        break;
      case 'disposed':
        this.end(new EngineError('cancelled', 'The engine was disposed.'));
        break;
    }
  }

  private post(request: EngineRequest): void {
    if (!this.ended) this.worker.postMessage(request);
  }

  /** The worker is gone: every waiting call and later one rejects with `error`. */
  private end(error: Error, failStart?: (error: Error) => void): void {
    if (this.ended) return;
    this.ended = error;
    failStart?.(error);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
