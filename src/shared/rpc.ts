/**
 * The one request/response layer of every worker thread (the engine, the ONNX session, probe
 * training): calls answered by id, progress, cancellation, events, errors with their codes and
 * causes (`toWireError`), and one policy for a worker that ends.
 *
 * Our own module rather than vscode-jsonrpc: that library speaks JSON over streams, while these
 * messages are structured clones with typed arrays and transfer lists, and what matters here is
 * worker-specific (a thread inside onnxruntime must never be terminated; a dead worker is replaced
 * on the next call). It is small enough to own.
 */
import type { Transferable } from 'node:worker_threads';
import { describeError, EngineError, fromWireError, throwIfAborted, toWireError, type WireError } from './errors';

// ---------------------------------------------------------------------------------------------
// The transport: what the two sides need of a thread. Node's `parentPort` and `Worker` are these
// as they are; a browser's Web Worker and its global scope are adapted in src/shared/webWorkers.ts.

/** The worker's end: node's `parentPort`, or `webWorkerScope(self)`. */
export interface ServePort {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  close(): void;
}

/** The caller's end of one worker: node's `Worker`, or `fromWebWorker(new Worker(url))`. */
export interface WorkerHandle {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  /** Each message the worker posted (checked by the reader). */
  on(event: 'message', listener: (message: any) => void): unknown;
  /** An uncaught error of the worker, or one starting it. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Once the worker is gone, with its exit code. */
  once(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown> | void;
}

/** Each method of a worker: what it takes and what it answers. */
export type Methods<M> = { [K in keyof M]: { readonly params: unknown; readonly result: unknown } };

/** Caller → worker. */
type Request =
  | { readonly rpc: 'call'; readonly id: number; readonly method: string; readonly params: unknown }
  | { readonly rpc: 'cancel'; readonly id: number }
  /** Cancel the calls in flight, wait for them, release, then end. */
  | { readonly rpc: 'dispose' };

/** Worker → caller. */
type Reply =
  /** The first message of a started worker. */
  | { readonly rpc: 'hello'; readonly version: number }
  /** `id` is null for a message so malformed that it had no id. */
  | { readonly rpc: 'result'; readonly id: number | null; readonly ok: true; readonly result: unknown }
  | { readonly rpc: 'result'; readonly id: number | null; readonly ok: false; readonly error: WireError }
  | { readonly rpc: 'progress'; readonly id: number; readonly progress: unknown }
  | { readonly rpc: 'event'; readonly event: unknown }
  /** Everything is released: nothing native runs any more, so ending the thread is safe. */
  | { readonly rpc: 'disposed' };

// ---------------------------------------------------------------------------------------------
// The worker's side

export interface CallContext<P> {
  /** Aborted by the caller's signal, or by dispose. Checked between batches, never inside a native run. */
  readonly signal: AbortSignal;
  readonly onProgress: (progress: P) => void;
}

export interface ServeOptions<M extends Methods<M>, P> {
  readonly handlers: { readonly [K in keyof M]: (params: M[K]['params'], context: CallContext<P>) => Promise<M[K]['result']> | M[K]['result'] };
  /** Per method, what is wrong with `params` (undefined: nothing). Every call is checked before its handler runs. */
  readonly validate: { readonly [K in keyof M]: (params: unknown) => string | undefined };
  /** Sent in `hello`; the client refuses another one. */
  readonly version?: number;
  /** Buffers of a result to move rather than copy. */
  readonly transfer?: (result: unknown) => Transferable[];
  /** Runs on dispose once the calls in flight have settled. */
  readonly dispose?: () => Promise<void>;
}

/**
 * Answers calls on `port` (a worker's `parentPort`). A malformed message gets an error reply
 * (`bad-request`) and changes nothing else. Returns how to send events.
 */
export function serve<M extends Methods<M>, P = never, E = never>(port: ServePort, options: ServeOptions<M, P>): { readonly emit: (event: E) => void } {
  const running = new Map<number, { readonly controller: AbortController; readonly done: Promise<void> }>();
  let disposing = false;
  const post = (reply: Reply, transfer?: Transferable[]) => port.postMessage(reply, transfer);
  const fail = (id: number | null, error: unknown) => post({ rpc: 'result', id, ok: false, error: toWireError(error) });
  const methods = options.handlers as Record<string, (params: unknown, context: CallContext<P>) => unknown>;
  const validators = options.validate as Record<string, (params: unknown) => string | undefined>;

  const call = (id: number, method: string, params: unknown) => {
    if (disposing) return fail(id, new EngineError('cancelled', 'The worker is shutting down.'));
    const controller = new AbortController();
    const context: CallContext<P> = { signal: controller.signal, onProgress: (progress) => post({ rpc: 'progress', id, progress }) };
    // Through a promise, so a handler that throws synchronously is answered like one that rejects.
    const done = Promise.resolve()
      .then(() => methods[method](params, context))
      .then(
        (result) => {
          try {
            post({ rpc: 'result', id, ok: true, result }, options.transfer?.(result));
          } catch (error) {
            fail(id, new EngineError('bad-request', `The answer to ${method} could not be sent: ${describeError(error, { causes: false })}`, { cause: error }));
          }
        },
        (error: unknown) => fail(id, error),
      )
      .finally(() => running.delete(id));
    running.set(id, { controller, done });
  };

  const dispose = async () => {
    if (disposing) return;
    disposing = true;
    for (const { controller } of running.values()) controller.abort();
    await Promise.allSettled([...running.values()].map((r) => r.done));
    // A failing release is the worker's to log; the thread ends either way.
    await options.dispose?.().catch(() => undefined);
    post({ rpc: 'disposed' });
    port.close();
  };

  port.on('message', (message: unknown) => {
    const request = message as Partial<Record<string, unknown>> | null;
    const id = typeof request?.id === 'number' && Number.isSafeInteger(request.id) ? request.id : null;
    const problem = checkRequest(request, id, methods, validators);
    if (problem) return fail(id, new EngineError('bad-request', `Malformed message: ${problem}.`));
    const valid = request as Request;
    if (valid.rpc === 'call') call(valid.id, valid.method, valid.params);
    else if (valid.rpc === 'cancel') running.get(valid.id)?.controller.abort();
    else void dispose();
  });
  post({ rpc: 'hello', version: options.version ?? 0 });
  return { emit: (event) => post({ rpc: 'event', event }) };
}

function checkRequest(
  request: Partial<Record<string, unknown>> | null,
  id: number | null,
  methods: Record<string, unknown>,
  validators: Record<string, (params: unknown) => string | undefined>,
): string | undefined {
  if (typeof request !== 'object' || request === null) return 'not an object';
  switch (request.rpc) {
    case 'dispose':
      return undefined;
    case 'cancel':
      return id === null ? 'a cancel without an id' : undefined;
    case 'call': {
      if (id === null) return 'a call without an id';
      const method = request.method;
      // Own properties only: `constructor` or `__proto__` are not methods.
      if (typeof method !== 'string' || !Object.hasOwn(methods, method)) return `unknown method ${JSON.stringify(String(method))}`;
      const problem = validators[method](request.params);
      return problem && `${method}: ${problem}`;
    }
    default:
      return `unknown message type ${JSON.stringify(String(request.rpc))}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The caller's side

export interface CallOptions<P> {
  /** Cancels the call in the worker (it answers `cancelled`). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: P) => void;
  /** Buffers of `params` to move rather than copy. */
  readonly transfer?: Transferable[];
}

/** How often a worker that died is started again (vscode-languageclient's default: 4 in 3 minutes). */
export interface RestartPolicy {
  readonly max: number;
  readonly withinMs: number;
  /** Wait before the `n`-th restart (1-based) within the window. */
  readonly delayMs: (n: number) => number;
}

export const DEFAULT_RESTARTS: RestartPolicy = { max: 4, withinMs: 3 * 60_000, delayMs: (n) => Math.min(500 * 2 ** (n - 1), 4_000) };

export interface RpcClientOptions<M extends Methods<M>, E> {
  /** Names the worker in messages: "The engine", "The ONNX worker". */
  readonly name: string;
  readonly start: () => WorkerHandle;
  /** The version the worker must say in `hello`. Default 0. */
  readonly version?: number;
  readonly onEvent?: (event: E) => void;
  /**
   * Runs on every fresh worker before the calls that wait for it (e.g. load the model again after a
   * restart); when it fails, they fail with its error.
   */
  readonly initialize?: (call: <K extends keyof M>(method: K, params: M[K]['params']) => Promise<M[K]['result']>) => Promise<void>;
  /**
   * A worker ended without being disposed: its calls failed with `error`. `restarting` is false when
   * the client gave up (it could not start, or died too often); then every later call fails with `error`.
   */
  readonly onStop?: (error: EngineError, restarting: boolean) => void;
  readonly restarts?: RestartPolicy;
}

/**
 * Calls into a worker that this client starts on the first call, replaces on the next call after
 * it died (bounded by `restarts`) and ends on dispose. Callers never see whether it is running.
 */
export class RpcClient<M extends Methods<M>, P = never, E = never> {
  private connection: Connection | undefined;
  /** When recent workers died, for the restart bound. */
  private deaths: number[] = [];
  private gaveUp: EngineError | undefined;
  private disposing: Promise<void> | undefined;
  private nextId = 1;

  constructor(private readonly options: RpcClientOptions<M, E>) {}

  async call<K extends keyof M>(method: K, params: M[K]['params'], options: CallOptions<P> = {}): Promise<M[K]['result']> {
    throwIfAborted(options.signal);
    const connection = await this.connect();
    throwIfAborted(options.signal);
    return (await connection.call(this.nextId++, String(method), params, options as CallOptions<unknown>)) as M[K]['result'];
  }

  /** Starts the worker now (and `initialize`s it), rather than on the first call. */
  async start(): Promise<void> {
    await this.connect();
  }

  /**
   * Lets the worker cancel its calls at their next batch boundary, release and end. No timer ends
   * it sooner: terminating a thread inside onnxruntime's run aborts the whole process, so shutdown
   * is bounded by the batch in flight.
   */
  dispose(): Promise<void> {
    this.disposing ??= this.connection?.close() ?? Promise.resolve();
    return this.disposing;
  }

  private async connect(): Promise<Connection> {
    if (this.disposing) throw new EngineError('cancelled', `${this.options.name} was disposed.`);
    if (this.gaveUp) throw this.gaveUp;
    if (!this.connection || this.connection.stopped) this.connection = this.open();
    const connection = this.connection;
    await connection.ready;
    return connection;
  }

  private open(): Connection {
    const delay = this.deaths.length > 0 ? (this.options.restarts ?? DEFAULT_RESTARTS).delayMs(this.deaths.length) : 0;
    const connection = new Connection(this.options.name, this.options.version ?? 0, delay, this.options.start, {
      event: (event) => this.options.onEvent?.(event as E),
      stopped: (error, started) => this.stopped(connection, error, started),
      disposed: () => this.disposing !== undefined,
    });
    if (this.options.initialize) {
      const initialize = this.options.initialize;
      connection.ready = connection.ready.then(() => initialize((method, params) => connection.call(this.nextId++, String(method), params, {}) as never));
    }
    connection.ready.catch(() => undefined);
    return connection;
  }

  private stopped(connection: Connection, error: EngineError, started: boolean): void {
    if (this.disposing || connection !== this.connection) return;
    const policy = this.options.restarts ?? DEFAULT_RESTARTS;
    const now = Date.now();
    this.deaths = [...this.deaths.filter((at) => now - at < policy.withinMs), now];
    // A worker that never said hello (its native module does not load) will not start next time either.
    if (!started) this.gaveUp = error;
    else if (this.deaths.length > policy.max) {
      const minutes = Math.round(policy.withinMs / 60_000);
      this.gaveUp = new EngineError('worker-stopped', `${this.options.name} stopped ${this.deaths.length} times in ${minutes} minute${minutes === 1 ? '' : 's'} and is not restarted: ${error.message}`, { cause: error });
    }
    this.options.onStop?.(this.gaveUp ?? error, !this.gaveUp);
  }
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (progress: never) => void;
}

/** One worker thread, from its start to its end. */
class Connection {
  ready: Promise<void>;
  /** Set once the worker is gone or going: every waiting and later call fails with it. */
  private ended: EngineError | undefined;
  private worker: WorkerHandle | undefined;
  private readonly pending = new Map<number, Pending>();
  private closing: Promise<void> | undefined;
  private exited: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    version: number,
    delayMs: number,
    start: () => WorkerHandle,
    private readonly owner: { event(event: unknown): void; stopped(error: EngineError, started: boolean): void; disposed(): boolean },
  ) {
    this.ready = (async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (owner.disposed()) throw new EngineError('cancelled', `${name} was disposed.`);
      await this.start(start(), version);
    })();
  }

  get stopped(): boolean {
    return this.ended !== undefined && !this.closing;
  }

  call(id: number, method: string, params: unknown, options: CallOptions<unknown>): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    const worker = this.worker!;
    return new Promise((resolve, reject) => {
      const onAbort = () => worker.postMessage({ rpc: 'cancel', id } satisfies Request);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (value) => (done(), resolve(value)),
        reject: (error) => (done(), reject(error)),
        onProgress: options.onProgress,
      });
      worker.postMessage({ rpc: 'call', id, method, params } satisfies Request, options.transfer);
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.ready.catch(() => undefined);
      if (this.ended || !this.worker) return;
      const worker = this.worker;
      this.end(new EngineError('cancelled', `${this.name} was disposed.`), false);
      // Calls in flight still get their answers (cancelled ones at their next batch boundary).
      const disposed = new Promise<void>((resolve) => worker.on('message', (reply: Reply) => reply?.rpc === 'disposed' && resolve()));
      worker.postMessage({ rpc: 'dispose' } satisfies Request);
      await Promise.race([disposed, this.exited]);
      // Released and idle: ending it now is safe, and spares waiting for a handle that keeps it alive.
      await worker.terminate();
      this.end(this.ended!, true);
    })();
    return this.closing;
  }

  private start(worker: WorkerHandle, version: number): Promise<void> {
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const stop = (error: EngineError) => {
        if (!started) reject(error);
        if (!this.ended) this.owner.stopped(error, started);
        this.end(error, true);
      };
      worker.on('message', (reply: Reply) => {
        if (reply?.rpc !== 'hello') return this.receive(reply);
        if (reply.version === version) {
          started = true;
          resolve();
        } else {
          stop(new EngineError('engine-unavailable', `${this.name} speaks protocol ${reply.version}, the extension ${version}: reinstall the extension.`));
          void worker.terminate(); // idle: it only said hello
        }
      });
      worker.on('error', (error) =>
        stop(
          started
            ? new EngineError('worker-stopped', `${this.name} failed: ${error.message}`, { cause: error })
            : new EngineError('engine-unavailable', `${this.name} could not start on ${hostName()}: ${error.message}`, { cause: error }),
        ),
      );
      this.exited = new Promise((resolved) =>
        worker.once('exit', (code) => {
          if (!this.closing) stop(new EngineError('worker-stopped', `${this.name} stopped unexpectedly (exit code ${code}).`));
          resolved();
        }),
      );
    });
  }

  private receive(reply: Reply): void {
    switch (reply?.rpc) {
      case 'result': {
        const pending = reply.id === null ? undefined : this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id!);
        if (reply.ok) pending.resolve(reply.result);
        else pending.reject(fromWireError(reply.error));
        break;
      }
      case 'progress':
        this.pending.get(reply.id)?.onProgress?.(reply.progress as never);
        break;
      case 'event':
        this.owner.event(reply.event);
        break;
      default:
        break;
    }
  }

  /** `fail`: the worker is gone, so the calls waiting for it fail; otherwise (dispose) they still get their answers. */
  private end(error: EngineError, fail: boolean): void {
    this.ended ??= error;
    if (!fail) return;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** Where the extension runs, for messages: `linux-x64`, or `the web` in a browser's extension host. */
function hostName(): string {
  return typeof process === 'undefined' ? 'the web' : `${process.platform}-${process.arch}`;
}
