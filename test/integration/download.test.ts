import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineError } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/logger';
import { Dataset } from '../../src/senses/dataset';
import { SenseEngine } from '../../src/senses/senseEngine';
import { FIXTURE_MODEL, MINI_DATASET, tempDir, PAPER_ENGINE, PAPER_RUN } from './helpers';

/** A stand-in for the hub and the dataset's raw files, on 127.0.0.1 only. */
class FakeHub {
  readonly requests: string[] = [];
  /** Paths whose next response is cut off half-way. */
  readonly dropOnce = new Set<string>();
  /** Paths answered with this body instead of the fixture file. */
  readonly bodies = new Map<string, string>();
  private server = http.createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    this.requests.push(url);
    const model = /^\/test-org\/tiny-bert\/resolve\/main\/(.+)$/.exec(url);
    const data = /^\/data\/(.+)$/.exec(url);
    // What a hostile or misconfigured host could serve outside the dataset's folder.
    const outside = /^\/pwned\/(.+)$/.exec(url);
    const file = model ? path.join(FIXTURE_MODEL, model[1]) : data ? path.join(MINI_DATASET, data[1]) : outside ? path.join(MINI_DATASET, 'bank', outside[1]) : undefined;
    const override = this.bodies.get(url);
    const body = override !== undefined ? Buffer.from(override) : file ? await fs.readFile(file).catch(() => undefined) : undefined;
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    if (this.dropOnce.delete(url)) {
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    }
    res.end(body);
  }
}

describe('downloads from a hub on 127.0.0.1', () => {
  const hub = new FakeHub();
  let host: string;
  before(async () => (host = await hub.start()));
  after(() => hub.stop());

  const engine = (cacheDir: string, allowNetwork: boolean) =>
    new SenseEngine({ ...PAPER_ENGINE, model: 'test-org/tiny-bert', cacheDir, allowNetwork, remoteHost: host, datasetBaseUrl: `${host}data/` });
  const options = { ...PAPER_RUN, vector: { layers: 4, pooling: 'sum' as const } };

  it('downloads model and word data once, then works offline without a request', async () => {
    const cacheDir = await tempDir('hub');
    const online = engine(cacheDir, true);
    const result = await online.classify('We sat on the bank of the river.', 15, options);
    assert.equal(result?.target.word, 'bank');
    await online.dispose();
    assert.ok(hub.requests.some((r) => r.endsWith('onnx/model.onnx')));
    assert.ok(hub.requests.some((r) => r === '/data/bank/train.data.txt'));
    await fs.access(path.join(cacheDir, 'models/test-org/tiny-bert/onnx/model.onnx'));

    hub.requests.length = 0;
    const offline = engine(cacheDir, false);
    const again = await offline.classify('We sat on the bank of the river.', 15, options);
    assert.deepEqual(again?.senses.map((s) => s.score), result?.senses.map((s) => s.score));
    assert.deepEqual(hub.requests, [], 'offline mode made requests');
    await offline.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });

  it('offline with nothing cached fails clearly and makes no request', async () => {
    const cacheDir = await tempDir('offline');
    hub.requests.length = 0;
    const offline = engine(cacheDir, false);
    await assert.rejects(offline.load(), (e: unknown) => e instanceof EngineError && e.code === 'offline' && /network access is off/.test(e.message));
    assert.deepEqual(hub.requests, []);
    await fs.rm(cacheDir, { recursive: true });
  });

  it('an interrupted download fails clearly, leaves no file, and the next attempt works', async () => {
    const cacheDir = await tempDir('drop');
    hub.dropOnce.add('/test-org/tiny-bert/resolve/main/onnx/model.onnx');
    const e = engine(cacheDir, true);
    await assert.rejects(e.load(), (err: unknown) => err instanceof EngineError && err.code === 'download-failed');
    const onnxDir = path.join(cacheDir, 'models/test-org/tiny-bert/onnx');
    assert.deepEqual(await fs.readdir(onnxDir).catch(() => []), []);
    await e.load();
    assert.equal(e.numLayers, 4);
    await e.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });

  it('a word missing from the dataset server fails with dataset-missing… or download-failed, not a crash', async () => {
    const cacheDir = await tempDir('noword');
    const e = engine(cacheDir, true);
    await assert.rejects(e.classify('The crane lifted steel.', 5, options), (err: unknown) => err instanceof EngineError && err.code === 'download-failed' && /crane/.test(err.message));
    await e.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });

  it('a word name that climbs out of the cache makes no request outside the dataset and writes no file outside the cache', async () => {
    const root = await tempDir('traversal');
    const cacheDir = path.join(root, 'a', 'b', 'c', 'cache');
    await fs.mkdir(cacheDir, { recursive: true });
    const e = engine(cacheDir, true);
    await e.load();
    hub.requests.length = 0;
    const names = ['../../../pwned', '../../../pwned/', 'bank/../../../../pwned', '..', '.', '', '/pwned', 'bank\\..\\..\\..\\pwned', '%2e%2e/%2e%2e/%2e%2e/pwned', 'Bank', 'bank\0'];
    for (const word of names) {
      const notAWord = (err: unknown) => err instanceof EngineError && err.code === 'dataset-missing' && /is not a CoarseWSD-20 word/.test(err.message);
      await assert.rejects(e.senseIndex(word, options), notAWord, word);
      await assert.rejects(e.trainingLayerMeans(word, options), notAWord, word);
      await assert.rejects(e.plot(word, [], options), notAWord, word);
    }
    // Below the engine, the dataset reader refuses such names too.
    const dataset = new Dataset({ cacheDir: path.join(cacheDir, 'datasets'), allowNetwork: true, baseUrl: `${host}data/`, logger: silentLogger });
    for (const word of names) await assert.rejects(dataset.load(word, 'train'), /is not a word of the dataset/, word);
    assert.deepEqual(hub.requests, []);
    const files = (await fs.readdir(root, { recursive: true })).map((f) => path.join(root, f));
    assert.deepEqual(files.filter((f) => !f.startsWith(cacheDir) && !cacheDir.startsWith(f)), []);
    await e.dispose();
    await fs.rm(root, { recursive: true });
  });

  it('a malformed file from the server is never cached, and the repaired file is picked up by the same engine', async () => {
    const cacheDir = await tempDir('repair');
    const e = engine(cacheDir, true);
    hub.bodies.set('/data/bank/classes_map.txt', '{"0": 1, "1": 2}');
    await assert.rejects(
      e.classify('We sat on the bank of the river.', 15, options),
      (err: unknown) => err instanceof EngineError && err.code === 'dataset-missing' && err.message.includes(`${host}data/bank/classes_map.txt: class 0 must name a sense id`),
    );
    assert.deepEqual(await fs.readdir(path.join(cacheDir, 'datasets/coarsewsd20/bank')).catch(() => []), []);
    hub.bodies.delete('/data/bank/classes_map.txt');
    const result = await e.classify('We sat on the bank of the river.', 15, options);
    assert.equal(result?.target.word, 'bank');
    assert.deepEqual((await fs.readdir(path.join(cacheDir, 'datasets/coarsewsd20/bank'))).sort(), ['classes_map.txt', 'train.data.txt', 'train.gold.txt']);
    await e.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });

  it('an unwritable dataset cache (a file where its folder belongs) warns once and works from memory', async () => {
    const cacheDir = await tempDir('rodata');
    await fs.writeFile(path.join(cacheDir, 'datasets'), 'not a folder');
    const warnings: string[] = [];
    const e = new SenseEngine({
      ...PAPER_ENGINE,
      model: 'test-org/tiny-bert',
      cacheDir,
      allowNetwork: true,
      remoteHost: host,
      datasetBaseUrl: `${host}data/`,
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
    });
    const bank = await e.classify('We sat on the bank of the river.', 15, options);
    const bass = await e.classify('He plays the bass.', 14, options);
    assert.equal(bank?.target.word, 'bank');
    assert.equal(bass?.target.word, 'bass');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /^Could not write the dataset cache .*Working from memory/);
    await e.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });
});
