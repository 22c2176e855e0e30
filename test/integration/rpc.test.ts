/**
 * The one RPC layer of every worker (src/shared/rpc.ts), on real threads: malformed messages are
 * answered and change nothing (issue 25 #5), a dead worker fails its calls once and is replaced on
 * the next call within a bound (#4), and disposing during a forward pass waits for that one batch
 * instead of terminating the thread, which would abort the process (#2).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { EngineWorkerData } from '../../src/shared/engineProtocol';
import { EngineError, engineErrorCode, fromWireError, isCancellation, toWireError } from '../../src/shared/errors';
import { RpcClient } from '../../src/shared/rpc';
import { startWorker } from '../../src/shared/workerScript';
import { EngineClient } from '../../src/vscode/engineClient';
import { inventory } from '../../src/vscode/wordInventory';
import type { MortalCalls } from '../fixtures/workers/mortalWorker';
import { FIXTURE_MODEL, MINI_DATASET, PAPER_ENGINE, PAPER_RUN, tempDir } from './helpers';

const WORKERS = path.resolve(__dirname, '../fixtures/workers');
const SENSES = path.resolve(__dirname, '../../src/senses');
const RUN = PAPER_RUN;

describe('errors across a thread boundary', () => {
  it('keep name, code and message at every level of the cause chain', () => {
    const io = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    const wire = structuredClone(toWireError(new EngineError('model-not-found', 'No model.', { cause: new Error('Reading config.json', { cause: io }) })));
    const back = fromWireError(wire);
    assert.equal(engineErrorCode(back), 'model-not-found');
    assert.equal((back.cause as Error).message, 'Reading config.json');
    const inner = (back.cause as Error).cause as Error & { code?: string };
    assert.deepEqual([inner.message, inner.code], ['ENOENT: no such file', 'ENOENT']);
  });
});

describe('a malformed message gets an error reply and nothing else', () => {
  it('in the engine worker: unknown kind, constructor, null params, unknown type, not an object', async (t) => {
    const data: EngineWorkerData = { settings: { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir: await tempDir('rpc-bad'), datasetFolder: MINI_DATASET, allowNetwork: false }, logLevel: 'error' };
    const worker = startWorker('engineWorker', SENSES, data);
    let exited = false;
    worker.on('exit', () => (exited = true));
    t.after(() => worker.terminate());
    const replies: Array<{ rpc: string; id?: number | null; ok?: boolean; error?: { code?: string; message: string }; result?: unknown }> = [];
    const answered = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => replies.filter((r) => r.rpc === 'result').length >= count && resolve();
        worker.on('message', (m) => (replies.push(m), check()));
      });
    const all = answered(7);
    worker.postMessage({ rpc: 'call', id: 1, method: 'nope', params: {} });
    worker.postMessage({ rpc: 'call', id: 2, method: 'constructor', params: {} });
    worker.postMessage({ rpc: 'call', id: 3, method: 'classify', params: null });
    worker.postMessage({ rpc: 'call', id: 4, method: 'classify', params: { text: 'bank', target: { word: 'bank' }, run: RUN } });
    worker.postMessage({ rpc: 'bogus', id: 5 });
    worker.postMessage('garbage');
    worker.postMessage({ rpc: 'call', id: 6, method: 'findOccurrences', params: { text: 'We sat on the bank.', limit: 5 } });
    await all;
    const results = replies.filter((r) => r.rpc === 'result');
    const bad = results.filter((r) => !r.ok);
    assert.deepEqual(bad.map((r) => r.id), [1, 2, 3, 4, 5, null]);
    assert.ok(bad.every((r) => r.error?.code === 'bad-request'), JSON.stringify(bad));
    assert.match(bad[0].error!.message, /unknown method "nope"/);
    assert.match(bad[1].error!.message, /unknown method "constructor"/);
    assert.match(bad[2].error!.message, /classify: must be an object/);
    assert.match(bad[3].error!.message, /classify: target surface must be a string/);
    assert.match(bad[4].error!.message, /unknown message type "bogus"/);
    assert.ok(!bad.some((r) => /could not start|linux|darwin|win32/.test(r.error!.message)), 'no message blames the platform');
    const good = results.find((r) => r.id === 6)!;
    assert.equal(good.ok, true);
    assert.equal((good.result as unknown[]).length, 1, 'the worker still answers');
    assert.equal(exited, false);
  });
});

describe('a worker that dies', () => {
  const mortal = (onStop: (e: EngineError, restarting: boolean) => void, max = 2) =>
    new RpcClient<MortalCalls>({ name: 'The test worker', start: () => startWorker('mortalWorker', WORKERS), onStop, restarts: { max, withinMs: 60_000, delayMs: () => 20 } });

  it('fails its pending calls once with a clear error, and the next call starts a fresh worker', async () => {
    const stops: Array<[string, boolean]> = [];
    const client = mortal((e, restarting) => stops.push([e.message, restarting]));
    const first = await client.call('whoami', {});
    const waiting = [client.call('wait', {}), client.call('wait', {})];
    await assert.rejects(client.call('die', {}), (e: unknown) => engineErrorCode(e) === 'worker-stopped' && /The test worker stopped unexpectedly \(exit code 1\)/.test((e as Error).message));
    for (const w of waiting) await assert.rejects(w, /stopped unexpectedly/);
    assert.deepEqual(stops, [['The test worker stopped unexpectedly (exit code 1).', true]], 'one stop for one death');
    const second = await client.call('whoami', {});
    assert.notEqual(second, first, 'a fresh thread answers');
    await client.dispose();
  });

  it('is restarted at most `max` times within the window, then every call fails with one message', async () => {
    const stops: boolean[] = [];
    let started = 0;
    const client = new RpcClient<MortalCalls>({
      name: 'The test worker',
      start: () => (started++, startWorker('mortalWorker', WORKERS)),
      onStop: (_, restarting) => stops.push(restarting),
      restarts: { max: 2, withinMs: 60_000, delayMs: () => 20 },
    });
    for (let i = 0; i < 3; i++) await assert.rejects(client.call('die', {}), /stopped unexpectedly/);
    assert.deepEqual(stops, [true, true, false]);
    await assert.rejects(client.call('whoami', {}), (e: unknown) => engineErrorCode(e) === 'worker-stopped' && /stopped 3 times in 1 minute and is not restarted/.test((e as Error).message));
    assert.equal(started, 3, 'no worker is started after giving up');
    await client.dispose();
  });

  it('disposing cancels its calls: they reject as cancelled, and later calls say it was disposed', async () => {
    const client = mortal(() => assert.fail('a dispose is not a death'));
    const waiting = assert.rejects(client.call('wait', {}), (e: unknown) => isCancellation(e));
    await client.call('whoami', {});
    await client.dispose();
    await waiting;
    await assert.rejects(client.call('whoami', {}), /was disposed/);
  });

  it('the real engine, killed while idle, is replaced on the next call, which loads the model again', async () => {
    // A test hook in front of the real worker: `findOccurrences` of "die" ends the thread.
    const hook = `require('tsx/cjs');
      require('node:worker_threads').parentPort.on('message', (m) => { if (m && m.method === 'findOccurrences' && m.params.text === 'die') process.exit(1); });
      require(${JSON.stringify(path.join(SENSES, 'engineWorker.ts'))});`;
    const stops: boolean[] = [];
    const client = new EngineClient({
      settings: { ...PAPER_ENGINE, model: FIXTURE_MODEL, datasetFolder: MINI_DATASET, cacheDir: await tempDir('rpc-kill'), allowNetwork: false },
      start: (workerData) => new Worker(hook, { eval: true, workerData }),
      onStop: (_, restarting) => stops.push(restarting),
      restarts: { max: 4, withinMs: 60_000, delayMs: () => 20 },
    });
    const text = 'We sat on the bank of the river.';
    const target = inventory.findAt(text, text.indexOf('bank'))!;
    assert.ok(await client.call('classify', { text, target, run: RUN }));
    assert.ok(client.loadedModel);
    await assert.rejects(client.call('findOccurrences', { text: 'die', limit: 1 }), /The engine stopped unexpectedly \(exit code 1\)/);
    assert.equal(client.loadedModel, undefined, 'the fresh worker has no model yet');
    const again = await client.call('classify', { text, target, run: RUN });
    assert.equal(again?.target.word, 'bank');
    assert.ok(client.loadedModel, 'the model was loaded again first');
    assert.deepEqual(stops, [true]);
    await client.dispose();
  });
});

describe('disposing an ONNX session during a forward pass', () => {
  it('waits for that batch, cancels the runs not started, and never aborts the process', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(WORKERS, 'disposeDuringRun.ts'), '128'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(child.signal, null, `the process was killed by ${child.signal}: ${child.stderr}`);
    assert.equal(child.status, 0, child.stderr);
    const { runs } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { runs: string[] };
    assert.deepEqual(runs, ['done', 'Cancelled.', 'Cancelled.']);
  });
});
