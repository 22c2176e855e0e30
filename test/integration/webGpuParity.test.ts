/**
 * The web engine's WebGPU runtime against its WASM one, in chromium (Node has no WebGPU): the
 * fixture's tapped graph opened by src/web/webGpu.ts on both builds of onnxruntime-web, served from
 * 127.0.0.1 (WebGPU needs a secure context) to a page of Debian's chromium with
 * `--enable-unsafe-webgpu` (headless, that is SwiftShader: a GPU emulated on the CPU). Every hidden
 * state must agree within `TOLERANCE`; a q8 graph must stay on WASM, and onnxruntime-web's WebGPU
 * must still lack its integer kernels (the reason it does). Skipped when there is no chromium or it
 * gives no WebGPU adapter.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { FIXTURE_MODEL } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Largest absolute difference allowed between the two runtimes' hidden states (fp32). */
const TOLERANCE = 1e-3;

/** Runs in the page: both runtimes on the same batch (two rows, the second padded). */
const PAGE = `
import * as ortWebGpu from 'onnxruntime-web/webgpu';
import { webRuntimes } from './src/web/webGpu';
import { tapHiddenStates } from './src/bert/onnxTap';
import { openTapped } from './src/bert/tappedModel';

const bytesOf = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const runtimes = webRuntimes({
  wasmBinary: () => bytesOf('/ort-wasm-simd-threaded.wasm'),
  webGpuBinary: () => bytesOf('/ort-wasm-simd-threaded.asyncify.wasm'),
  gpu: navigator.gpu,
});

globalThis.compare = async () => {
  const fp32 = await bytesOf('/model.onnx');
  const load = runtimes.load();
  const ms = {};
  const timed = async (key, run) => {
    const start = performance.now();
    const value = await run();
    ms[key] = performance.now() - start;
    return value;
  };
  const onGpu = await timed('webGpuOpen', () => openTapped(fp32, load.runtimeFor, 1, 'model.onnx'));
  if (load.provider() !== 'webgpu') return { skipped: load.notes().join(' ') };
  const onWasm = await timed('wasmOpen', async () => openTapped(fp32, await runtimes.wasm(), 1, 'model.onnx'));
  const batch = 2, sequence = 12, lengths = [12, 7];
  const ids = new BigInt64Array(batch * sequence);
  const mask = new BigInt64Array(batch * sequence);
  for (let r = 0; r < batch; r++) for (let i = 0; i < lengths[r]; i++) {
    ids[r * sequence + i] = BigInt(i === 0 ? 101 : i === lengths[r] - 1 ? 102 : 1000 + 37 * (r + 1) * i);
    mask[r * sequence + i] = 1n;
  }
  const feeds = { input_ids: { type: 'int64', data: ids, dims: [batch, sequence] }, attention_mask: { type: 'int64', data: mask, dims: [batch, sequence] } };
  if (onGpu.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = { type: 'int64', data: new BigInt64Array(batch * sequence), dims: [batch, sequence] };
  const outputs = onGpu.taps.outputs;
  const a = await timed('webGpuFirstRun', () => onGpu.session.run(feeds, outputs));
  await timed('webGpuRun', () => onGpu.session.run(feeds, outputs));
  const b = await timed('wasmFirstRun', () => onWasm.session.run(feeds, outputs));
  await timed('wasmRun', () => onWasm.session.run(feeds, outputs));
  let maxDiff = 0, maxAbs = 0, values = 0;
  for (const name of outputs) {
    const x = a[name].data, y = b[name].data;
    if (x.length !== y.length) throw new Error(name + ': ' + x.length + ' vs ' + y.length + ' values');
    for (let i = 0; i < x.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
      maxAbs = Math.max(maxAbs, Math.abs(y[i]));
    }
    values += x.length;
  }
  const q8 = await bytesOf('/model_quantized.onnx');
  const q8Load = runtimes.load();
  await openTapped(q8, q8Load.runtimeFor, 1, 'model_quantized.onnx');
  // What the rule rests on: onnxruntime-web's WebGPU placing the q8 graph's nodes (its verbose log
  // names each node it has no kernel for; the test reads the page's console).
  console.info('q8 placement begins');
  await ortWebGpu.InferenceSession.create(tapHiddenStates(q8).bytes, { executionProviders: ['webgpu'], logSeverityLevel: 0 });
  console.info('q8 placement ends');
  return { maxDiff, maxAbs, values, states: outputs.length, ms, q8: { provider: q8Load.provider(), notes: q8Load.notes() } };
};
`;

const FILES: Record<string, string> = {
  '/': '',
  '/page.js': '',
  '/model.onnx': path.join(FIXTURE_MODEL, 'onnx/model.onnx'),
  '/model_quantized.onnx': path.join(FIXTURE_MODEL, 'onnx/model_quantized.onnx'),
  '/ort-wasm-simd-threaded.wasm': path.join(ROOT, 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm'),
  '/ort-wasm-simd-threaded.asyncify.wasm': path.join(ROOT, 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'),
};

type Compared =
  | { skipped: string }
  | { maxDiff: number; maxAbs: number; values: number; states: number; ms: Record<string, number>; q8: { provider: string; notes: string[] } };

describe('the web engine on WebGPU', { skip: !existsSync(CHROMIUM) && `no chromium at ${CHROMIUM} (set E2E_CHROMIUM)` }, () => {
  it(`gives the hidden states of WASM within ${TOLERANCE} (fp32), and keeps q8 on WASM`, { timeout: 300_000 }, async (t) => {
    const bundle = await esbuild.build({
      stdin: { contents: PAGE, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      const send = (body: string | Buffer, type: string) => response.writeHead(200, { 'content-type': type }).end(body);
      if (url === '/') return send('<!doctype html><script type="module" src="/page.js"></script>', 'text/html');
      if (url === '/page.js') return send(bundle.outputFiles[0].text, 'text/javascript');
      const file = FILES[url];
      if (!file) return response.writeHead(404).end();
      fs.readFile(file).then((bytes) => send(bytes, url.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream'), () => response.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-dev-shm-usage'], headless: true });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction('typeof globalThis.compare === "function"');
    const result = (await page.evaluate('globalThis.compare()')) as Compared;
    if ('skipped' in result) {
      t.skip(`chromium gives no WebGPU here: ${result.skipped}`);
      return;
    }
    t.diagnostic(`max |WebGPU − WASM| ${result.maxDiff.toExponential(2)} over ${result.values} values of ${result.states} hidden states (max |value| ${result.maxAbs.toFixed(2)})`);
    assert.ok(result.values > 0 && result.maxAbs > 0, 'the states are not empty');
    assert.ok(result.maxDiff <= TOLERANCE, `max |WebGPU − WASM| = ${result.maxDiff}`);
    // Speeds on SwiftShader say nothing of a real GPU's: reported, never checked.
    t.diagnostic(`SwiftShader, 2 × 12 tokens, ms: ${Object.entries(result.ms).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    assert.equal(result.q8.provider, 'wasm');
    assert.match(result.q8.notes.join('\n'), /MatMulInteger/);
    // Should onnxruntime-web's WebGPU gain these kernels, q8 could run there: src/web/webGpu.ts' rule is then out of date.
    const placement = messages.slice(messages.indexOf('q8 placement begins'), messages.indexOf('q8 placement ends'));
    const lacking = new Map<string, number>();
    for (const line of placement) {
      const op = /webgpu kernel not found in registries for Op type: (\w+)/.exec(line)?.[1];
      if (op) lacking.set(op, (lacking.get(op) ?? 0) + 1);
    }
    t.diagnostic(`q8 nodes WebGPU has no kernel for: ${[...lacking].map(([op, n]) => `${op} ${n}`).join(', ')}`);
    assert.ok(lacking.get('MatMulInteger') && lacking.get('DynamicQuantizeLinear'), `no WebGPU kernel missing for q8's products: ${[...lacking.keys()].join(', ')}`);
  });
});
