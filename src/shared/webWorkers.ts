/**
 * The RPC transport (src/shared/rpc.ts) over a browser's Web Worker: the same protocol of structured
 * clones, adapted from the DOM's `addEventListener`/`MessageEvent` to the `on('message')` of node's
 * worker threads. Typed structurally, so this file needs no DOM library and its tests run in Node
 * on `MessageChannel` ports (which are `EventTarget`s there too).
 */
import type { Transferable } from 'node:worker_threads';
import type { ServePort, WorkerHandle } from './rpc';

/** What a DOM event of a worker carries: `data` for a message, `message`/`error` for an error. */
interface WorkerEvent {
  readonly data?: unknown;
  readonly message?: string;
  readonly error?: unknown;
}

interface EventPort {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  addEventListener(type: string, listener: (event: WorkerEvent) => void): void;
}

/** A DOM `Worker`, or a `MessagePort` in tests. */
export interface WebWorkerLike extends EventPort {
  terminate(): void;
}

/** A dedicated worker's global scope (`self`), or a `MessagePort` in tests. */
export interface WebWorkerScope extends EventPort {
  close(): void;
}

/** The worker's end: `serve(webWorkerScope(self), …)`. */
export function webWorkerScope(scope: WebWorkerScope): ServePort {
  return {
    postMessage: (message, transfer) => scope.postMessage(message, transfer ?? []),
    on: (_event, listener) => scope.addEventListener('message', (event) => listener(event.data)),
    close: () => scope.close(),
  };
}

/**
 * The caller's end of a Web Worker, which may still be starting (its script is read first):
 * messages posted meanwhile wait for it, and a start that fails reaches the `error` listeners. A
 * browser tells no exit: `terminate` is the only end that `exit` listeners hear of, and an uncaught
 * error (or a script that does not load) arrives as `error`.
 */
export function fromWebWorker(starting: WebWorkerLike | Promise<WebWorkerLike>): WorkerHandle {
  const messageListeners: Array<(message: unknown) => void> = [];
  const errorListeners: Array<(error: Error) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  const queued: Array<readonly [unknown, readonly Transferable[]]> = [];
  let worker: WebWorkerLike | undefined;
  let ended = false;
  const fail = (error: Error) => errorListeners.forEach((listener) => listener(error));
  const toError = (event: WorkerEvent) =>
    event.error instanceof Error ? event.error : new Error(event.message || 'the worker script failed to load or threw');
  Promise.resolve(starting).then(
    (started) => {
      if (ended) return started.terminate();
      worker = started;
      started.addEventListener('message', (event) => messageListeners.forEach((listener) => listener(event.data)));
      started.addEventListener('error', (event) => fail(toError(event)));
      started.addEventListener('messageerror', () => fail(new Error('a message from the worker could not be read')));
      for (const [message, transfer] of queued.splice(0)) started.postMessage(message, transfer);
    },
    (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
  );
  const handle = {
    postMessage(message: unknown, transfer?: readonly Transferable[]) {
      if (worker) worker.postMessage(message, transfer ?? []);
      else queued.push([message, transfer ?? []]);
    },
    on(event: 'message' | 'error', listener: (value: never) => void) {
      if (event === 'message') messageListeners.push(listener as (message: unknown) => void);
      else errorListeners.push(listener as (error: Error) => void);
      return handle;
    },
    once(_event: 'exit', listener: (code: number) => void) {
      exitListeners.push(listener);
      return handle;
    },
    terminate() {
      if (ended) return;
      ended = true;
      worker?.terminate();
      for (const listener of exitListeners.splice(0)) listener(1);
    },
  };
  return handle as WorkerHandle;
}
