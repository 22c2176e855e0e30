/**
 * The web's engine bundle (dist/web/engineWorker.js, built by esbuild.mjs) in a context with only
 * a Web Worker's globals: no `process`, no `require`, no Node module. Its files come from a stand-in
 * of the extension host's file service (src/web/fileService.ts) on Node's `fs`, over the same
 * protocol: it must say hello, load the fixture model on onnxruntime-web's WASM build and classify.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { EngineWorkerData } from '../../src/shared/engineProtocol';
import type { FileMessage } from '../../src/web/filesProtocol';
import { FIXTURE_MODEL, MINI_DATASET, PAPER_ENGINE, PAPER_RUN } from './helpers';

/** What src/web/fileService.ts answers, on Node's file system. */
function serveNodeFiles(port: MessagePort): void {
  port.on('message', async (message: FileMessage) => {
    try {
      const value = await (async () => {
        switch (message.op) {
          case 'readFile': return new Uint8Array(await fs.readFile(message.path));
          case 'writeFile': return fs.writeFile(message.path, message.data);
          case 'stat': {
            const s = await fs.stat(message.path);
            return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
          }
          case 'readdir': return fs.readdir(message.path);
          case 'mkdir': return fs.mkdir(message.path, { recursive: true });
          case 'rm': return fs.rm(message.path, { recursive: message.recursive });
          case 'rename': return fs.rename(message.path, message.to);
        }
      })();
      port.postMessage({ id: message.id, value });
    } catch (error) {
      port.postMessage({ id: message.id, error: { message: (error as Error).message, code: (error as { code?: string }).code } });
    }
  });
}

const ROOT = path.resolve(__dirname, '../..');

type Reply = { rpc: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string } };

describe('the web engine bundle', () => {
  it('runs with a Web Worker\'s globals only, reads its files through the host and classifies on WASM', { timeout: 180_000 }, async (t) => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--only=webEngineWorker'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-'));
    t.after(() => fs.rm(cacheDir, { recursive: true, force: true }));
    const data: EngineWorkerData = {
      settings: { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir, datasetFolder: MINI_DATASET, allowNetwork: false, runtime: 'wasm' },
      logLevel: 'info',
    };
    // Whatever the bundle opens is closed after the test, or its ports and intervals keep this process alive.
    const channels: MessageChannel[] = [];
    class TrackedChannel extends MessageChannel {
      constructor() {
        super();
        channels.push(this);
      }
    }
    const intervals: ReturnType<typeof setInterval>[] = [];
    const trackedInterval = (...args: Parameters<typeof setInterval>) => {
      const handle = setInterval(...args);
      intervals.push(handle);
      return handle;
    };
    t.after(() => {
      for (const channel of channels) channel.port1.close();
      intervals.forEach(clearInterval);
    });
    const replies: Reply[] = [];
    const listeners: Array<(event: { data: unknown }) => void> = [];
    const scope: Record<string, unknown> = {
      console, setTimeout, clearTimeout, setInterval: trackedInterval, clearInterval, queueMicrotask, structuredClone,
      TextEncoder, TextDecoder, URL, Blob, crypto, WebAssembly: (globalThis as Record<string, unknown>).WebAssembly, performance, AbortController, AbortSignal, Event, EventTarget,
      navigator: { hardwareConcurrency: 2, userAgent: 'test' },
      fetch: () => Promise.reject(new Error('no network in this test')),
      Response, Headers, MessageChannel: TrackedChannel,
      // Node's MessageChannel clones into this realm: the bundle checks typed arrays with `instanceof`.
      ArrayBuffer, DataView, Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
      postMessage: (message: Reply) => replies.push(message),
      addEventListener: (type: string, listener: (event: { data: unknown }) => void) => type === 'message' && listeners.push(listener),
      close: () => undefined,
      engineWorkerData: data,
      engineWasmPath: path.join(ROOT, 'dist/web/ort-wasm-simd-threaded.wasm'),
    };
    scope.self = scope;
    scope.globalThis = scope;
    vm.runInNewContext(readFileSync(path.join(ROOT, 'dist/web/engineWorker.js'), 'utf8'), scope);
    const files = new TrackedChannel();
    serveNodeFiles(files.port1);
    listeners.forEach((l) => l({ data: { engineFiles: files.port2 } }));
    const call = (id: number, method: string, params: unknown) => listeners.forEach((l) => l({ data: { rpc: 'call', id, method, params } }));
    const answer = async (id: number) => {
      for (let i = 0; i < 4000 && !replies.some((r) => r.rpc === 'result' && r.id === id); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      return replies.find((r) => r.rpc === 'result' && r.id === id);
    };

    assert.equal(replies[0]?.rpc, 'hello');
    call(1, 'findOccurrences', { text: 'We sat on the bank of the river.', limit: 5 });
    const found = await answer(1);
    assert.equal(found?.ok, true, JSON.stringify(found));
    // JSON: the answer is an object of the bundle's realm.
    assert.equal(JSON.stringify((found?.result as Array<{ target: { word: string } }>).map((o) => o.target.word)), '["bank"]');

    call(2, 'load', {});
    const load = await answer(2);
    assert.equal(load?.ok, true, JSON.stringify(load));
    const logs = replies.filter((r) => r.rpc === 'event').map((r) => JSON.stringify(r));
    assert.ok(logs.some((l) => l.includes('onnxruntime-web WASM')), logs.join('\n'));

    const target = (found?.result as Array<{ target: unknown }>)[0].target;
    call(3, 'classify', { text: 'We sat on the bank of the river.', target, run: PAPER_RUN });
    const classified = await answer(3);
    assert.equal(classified?.ok, true, JSON.stringify(classified));
    const result = classified?.result as { senses: Array<{ sense: string }>; winner: { sense: string } };
    assert.ok(result.senses.length >= 2, JSON.stringify(result.senses));
    assert.ok(result.senses.some((s) => s.sense === result.winner.sense));
    // The caches went through the host's files.
    assert.ok((await fs.readdir(cacheDir)).length > 0);

    listeners.forEach((l) => l({ data: { rpc: 'dispose' } }));
    for (let i = 0; i < 400 && !replies.some((r) => r.rpc === 'disposed'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.ok(replies.some((r) => r.rpc === 'disposed'), 'the engine disposed of itself');
  });
});
