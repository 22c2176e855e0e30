/**
 * The RPC layer over the Web Worker transport (src/shared/webWorkers.ts), on MessageChannel ports:
 * in Node they are EventTargets with `MessageEvent`s, as a browser's Worker and its scope are.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { engineErrorCode, EngineError } from '../../src/shared/errors';
import { RpcClient, serve } from '../../src/shared/rpc';
import { fromWebWorker, webWorkerScope, type WebWorkerLike, type WebWorkerScope } from '../../src/shared/webWorkers';

interface EchoCalls {
  echo: { params: { text: string }; result: string };
  count: { params: { to: number }; result: number };
  fail: { params: Record<string, never>; result: never };
}

const isObject = (p: unknown) => (typeof p === 'object' && p !== null ? undefined : 'must be an object');

/** A "worker": the service on one end of a channel; the other end is what the caller holds. */
function startEcho(): { worker: WebWorkerLike; terminated: () => boolean } {
  const { port1, port2 } = new MessageChannel();
  const scope: WebWorkerScope = { postMessage: (m, t) => port2.postMessage(m, t as never), addEventListener: (type, l) => port2.addEventListener(type, l as never), close: () => port2.close() };
  serve<EchoCalls, number>(webWorkerScope(scope), {
    handlers: {
      echo: ({ text }) => text.toUpperCase(),
      count: ({ to }, { onProgress }) => {
        for (let i = 1; i <= to; i++) onProgress(i);
        return to;
      },
      fail: () => {
        throw new EngineError('model-corrupt', 'No good.');
      },
    },
    validate: { echo: isObject, count: isObject, fail: isObject },
  });
  let terminated = false;
  return { worker: browserWorker(port1, () => (terminated = true)), terminated: () => terminated };
}

/** `port` as a DOM Worker: `addEventListener`, `terminate` (which only closes the port). */
function browserWorker(port: MessagePort, onTerminate: () => void = () => undefined): WebWorkerLike {
  return {
    postMessage: (m, t) => port.postMessage(m, t as never),
    addEventListener: (type, l) => port.addEventListener(type, l as never),
    terminate: () => (port.close(), onTerminate()),
  };
}

describe('the RPC layer over a Web Worker', () => {
  it('answers calls with results, progress and errors with their codes', async () => {
    const echo = startEcho();
    const client = new RpcClient<EchoCalls, number>({ name: 'The echo', start: () => fromWebWorker(echo.worker) });
    assert.equal(await client.call('echo', { text: 'bank' }), 'BANK');
    const progress: number[] = [];
    assert.equal(await client.call('count', { to: 3 }, { onProgress: (p) => progress.push(p) }), 3);
    assert.deepEqual(progress, [1, 2, 3]);
    await assert.rejects(client.call('fail', {}), (error: unknown) => engineErrorCode(error) === 'model-corrupt');
    await client.dispose();
    assert.ok(echo.terminated(), 'disposed: the worker is terminated once it said it released everything');
  });

  it('queues the messages posted while the worker is still starting (its script being read)', async () => {
    const echo = startEcho();
    let release: (worker: WebWorkerLike) => void = () => undefined;
    const starting = new Promise<WebWorkerLike>((resolve) => (release = resolve));
    const client = new RpcClient<EchoCalls, number>({ name: 'The echo', start: () => fromWebWorker(starting) });
    const answer = client.call('echo', { text: 'river' });
    setTimeout(() => release(echo.worker), 20);
    assert.equal(await answer, 'RIVER');
    await client.dispose();
  });

  it('a worker whose script cannot be read fails its calls once, naming the web, and is not retried', async () => {
    let starts = 0;
    const stops: string[] = [];
    const client = new RpcClient<EchoCalls, number>({
      name: 'The echo',
      start: () => (starts++, fromWebWorker(Promise.reject(new Error('Not Found')))),
      onStop: (error, restarting) => stops.push(`${error.message} ${restarting}`),
    });
    const first = await client.call('echo', { text: 'x' }).then(() => assert.fail('the call succeeded'), (error: unknown) => error as Error);
    assert.equal(engineErrorCode(first), 'engine-unavailable');
    assert.match(first.message, /The echo could not start on (the web|\w+-\w+): Not Found/);
    await assert.rejects(client.call('echo', { text: 'y' }), /Not Found/);
    assert.equal(starts, 1, 'a worker that never said hello is not started again');
    assert.deepEqual(stops, [`${first.message} false`]);
  });

  it('an error the worker throws after its start stops its calls; the next call starts a new worker', async () => {
    const { port1, port2 } = new MessageChannel();
    // A worker that says hello and then fails as a browser reports it: an `error` event.
    const listeners: Array<(event: { message: string }) => void> = [];
    const failing: WebWorkerLike = {
      postMessage: () => listeners.forEach((l) => l({ message: 'Uncaught ReferenceError: process is not defined' })),
      addEventListener: (type, l) => (type === 'error' ? listeners.push(l as never) : port1.addEventListener(type, l as never)),
      terminate: () => port1.close(),
    };
    port2.postMessage({ rpc: 'hello', version: 0 });
    const echo = startEcho();
    const workers = [failing, echo.worker];
    const client = new RpcClient<EchoCalls, number>({ name: 'The echo', start: () => fromWebWorker(workers.shift()!), restarts: { max: 4, withinMs: 60_000, delayMs: () => 0 } });
    await assert.rejects(client.call('echo', { text: 'x' }), (error: unknown) => engineErrorCode(error) === 'worker-stopped' && /process is not defined/.test(String(error)));
    assert.equal(await client.call('echo', { text: 'again' }), 'AGAIN');
    await client.dispose();
    port2.close();
  });
});
