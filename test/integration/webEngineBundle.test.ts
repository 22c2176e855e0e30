/**
 * The web's engine bundle (dist/web/engineWorker.js, built by esbuild.mjs) in a context with only
 * a Web Worker's globals: no `process`, no `require`, no Node module. It must load, say hello, and
 * answer over the Web Worker transport; a call that needs a Node API fails with a message naming it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import type { EngineWorkerData } from '../../src/shared/engineProtocol';
import { FIXTURE_MODEL, MINI_DATASET, PAPER_ENGINE } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

type Reply = { rpc: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string } };

describe('the web engine bundle', () => {
  it('runs with a Web Worker\'s globals only and answers over its scope', { timeout: 120_000 }, async () => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--only=webEngineWorker'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const data: EngineWorkerData = {
      settings: { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir: '/nowhere', datasetFolder: MINI_DATASET, allowNetwork: false },
      logLevel: 'error',
    };
    const replies: Reply[] = [];
    const listeners: Array<(event: { data: unknown }) => void> = [];
    const scope: Record<string, unknown> = {
      console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, structuredClone,
      TextEncoder, TextDecoder, URL, Blob, crypto, WebAssembly: (globalThis as Record<string, unknown>).WebAssembly, performance, AbortController, AbortSignal, Event, EventTarget,
      navigator: { hardwareConcurrency: 2, userAgent: 'test' },
      fetch: () => Promise.reject(new Error('no network in this test')),
      postMessage: (message: Reply) => replies.push(message),
      addEventListener: (type: string, listener: (event: { data: unknown }) => void) => type === 'message' && listeners.push(listener),
      close: () => undefined,
      engineWorkerData: data,
    };
    scope.self = scope;
    scope.globalThis = scope;
    vm.runInNewContext(readFileSync(path.join(ROOT, 'dist/web/engineWorker.js'), 'utf8'), scope);
    const call = (id: number, method: string, params: unknown) => listeners.forEach((l) => l({ data: { rpc: 'call', id, method, params } }));
    const answer = async (id: number) => {
      for (let i = 0; i < 200 && !replies.some((r) => r.rpc === 'result' && r.id === id); i++) await new Promise((resolve) => setTimeout(resolve, 25));
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
    assert.equal(load?.ok, false);
    assert.match(load?.error?.message ?? '', /^node:[\w/]+ \w+\(\) is not available in VS Code for the Web yet\.$/);
  });
});
