/**
 * The engine boundary end to end: `EngineClient` starts the real engine worker on the fixture model
 * and gets the same answers as a `SenseEngine` in this thread, with progress, notices, errors with
 * their codes, and cancellation crossing the boundary.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { EngineNotice, EngineProgress, EngineSettings, CallSettings } from '../../src/shared/engineProtocol';
import { engineErrorCode, isCancellation } from '../../src/shared/errors';
import { inventory } from '../../src/vscode/wordInventory';
import { EngineClient } from '../../src/vscode/engineClient';
import { FIXTURE_MODEL, MINI_DATASET, PAPER_ENGINE, PAPER_RUN, tempDir } from './helpers';

const RUN: CallSettings = PAPER_RUN;
const TEXT = 'They rowed to the bank of the river.';

describe('EngineClient and the engine worker', () => {
  let cacheDir: string;
  let settings: EngineSettings;
  let client: EngineClient;
  const notices: EngineNotice[] = [];
  const logs: string[] = [];

  before(async () => {
    cacheDir = await tempDir('client');
    settings = { ...PAPER_ENGINE, model: FIXTURE_MODEL, datasetFolder: MINI_DATASET, cacheDir, allowNetwork: false };
    client = new EngineClient({ settings, logLevel: 'info', onNotice: (n) => notices.push(n), onLog: (level, m) => logs.push(`${level}: ${m}`) });
  });
  after(async () => {
    await client.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('loads the model and says what it is; a local folder is read, not downloaded', async () => {
    const events: EngineProgress[] = [];
    const model = await client.load({ onProgress: (p) => events.push(p) });
    assert.deepEqual(events.map((e) => e.kind), ['load-model']);
    assert.deepEqual({ layers: model.numLayers, hidden: model.hiddenSize }, { layers: 4, hidden: 128 });
    assert.equal(client.loadedModel, model);
    assert.ok(logs.some((l) => l.startsWith('info: ')), 'the engine logs through the boundary');
  });

  it('classifies a target found on this side exactly as a SenseEngine in this thread does, with progress', async () => {
    const target = inventory.findAt(TEXT, TEXT.indexOf('bank'))!;
    const events: EngineProgress[] = [];
    const remote = (await client.call('classify', { text: TEXT, target, run: RUN }, { onProgress: (p) => events.push(p) }))!;
    const local = new SenseEngine({ ...settings, cacheDir: await tempDir('client-local') });
    try {
      const here = (await local.classifyTarget(TEXT, target, RUN))!;
      assert.deepEqual(remote.senses, here.senses);
      assert.deepEqual([...remote.vector], [...here.vector]);
      assert.equal(remote.context, here.context);
    } finally {
      await local.dispose();
    }
    assert.ok(events.some((e) => e.kind === 'index' && e.word === 'bank'), 'index progress crossed the boundary');
  });

  it('uses the model depth for a deeper layer setting and sends one notice', async () => {
    const target = inventory.findAt(TEXT, TEXT.indexOf('bank'))!;
    const deep = { ...RUN, vector: { layers: 9, pooling: 'sum' as const } };
    const first = (await client.call('classify', { text: TEXT, target, run: deep }))!;
    await client.call('classify', { text: TEXT, target, run: deep });
    assert.deepEqual(first.options, { layers: 4, pooling: 'sum' });
    assert.deepEqual(notices, [{ kind: 'layers-clamped', model: FIXTURE_MODEL, requested: 9, depth: 4 }]);
  });

  it('classifies a whole text and says how many occurrences it had', async () => {
    const text = 'The bank was closed. He plays the bass. Another bank.';
    const { results, found, maxOccurrences } = await client.call('classifyAll', { text, run: RUN });
    assert.deepEqual(results.map((r) => r.target.word), ['bank', 'bass', 'bank']);
    assert.equal(found, 3);
    assert.ok(maxOccurrences >= 1000);
  });

  it('plots a word with the occurrences given', async () => {
    const target = inventory.findAt(TEXT, TEXT.indexOf('bank'))!;
    const data = await client.call('plot', { word: 'bank', occurrences: [{ target, context: TEXT, contextStart: target.start, contextEnd: target.end }], run: RUN });
    assert.equal(data.word, 'bank');
    assert.equal(data.points.filter((p) => p.kind === 'document').length, 1);
    assert.ok(data.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  });

  it('ranks WordNet senses of a word the caller found', async () => {
    const text = 'The kernel of the operating system crashed.';
    const start = text.indexOf('kernel');
    const ranking = (await client.call('rankWordNet', { text, span: { start, end: start + 6, surface: 'kernel' }, run: RUN }))!;
    assert.equal(ranking.lemma, 'kernel');
    assert.ok(ranking.senses.length >= 2);
    assert.deepEqual([ranking.start, ranking.end], [start, start + 6]);
  });

  it('sends errors across with their code and message', async () => {
    const text = 'The crane lifted steel.';
    const target = inventory.findAt(text, 5)!;
    await assert.rejects(client.call('classify', { text, target, run: RUN }), (e: unknown) => engineErrorCode(e) === 'dataset-missing' && /crane/.test((e as Error).message));
  });

  it('cancels a call in the worker when the signal aborts, and keeps working', async () => {
    const controller = new AbortController();
    const text = Array.from({ length: 40 }, (_, i) => `The bank number ${i} lent money to the bass player.`).join(' ');
    const running = client.call('classifyAll', { text, run: { ...RUN, vector: { layers: 3, pooling: 'mean' } } }, { signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(running, (e: unknown) => isCancellation(e));
    const target = inventory.findAt(TEXT, TEXT.indexOf('bank'))!;
    assert.ok(await client.call('classify', { text: TEXT, target, run: RUN }));
  });

  it('rejects calls after dispose', async () => {
    const other = new EngineClient({ settings: { ...settings, cacheDir: await tempDir('client-disposed') } });
    await other.call('findOccurrences', { text: TEXT, limit: 1 });
    await other.dispose();
    await assert.rejects(other.load(), /disposed/);
  });
});

describe('EngineClient when the engine cannot start', () => {
  it('rejects with engine-unavailable and the reason', async () => {
    const dir = await tempDir('client-broken');
    const script = path.join(dir, 'engineWorker.js');
    await fs.writeFile(script, "throw new Error('no onnxruntime binding for this platform');\n");
    const client = new EngineClient({ settings: { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir: dir, allowNetwork: false }, start: (data) => new Worker(script, { workerData: data }) });
    await assert.rejects(client.load(), (e: unknown) => engineErrorCode(e) === 'engine-unavailable' && /no onnxruntime binding/.test((e as Error).message));
    await client.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });
});
