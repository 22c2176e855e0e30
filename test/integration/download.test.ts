import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { SenseEngine } from '../../src/senses/senseEngine';
import { FIXTURE_MODEL, MINI_DATASET, tempDir } from './helpers';

/** A stand-in for the hub and the dataset's raw files, on 127.0.0.1 only. */
class FakeHub {
  readonly requests: string[] = [];
  /** Paths whose next response is cut off half-way. */
  readonly dropOnce = new Set<string>();
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
    const file = model ? path.join(FIXTURE_MODEL, model[1]) : data ? path.join(MINI_DATASET, data[1]) : undefined;
    const body = file ? await fs.readFile(file).catch(() => undefined) : undefined;
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
    new SenseEngine({ model: 'test-org/tiny-bert', cacheDir, allowNetwork, remoteHost: host, datasetBaseUrl: `${host}data/` });
  const options = { vector: { layers: 4, pooling: 'sum' as const } };

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
});
