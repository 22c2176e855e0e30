/**
 * src/web/webGpu.ts' choice and fallbacks, in Node (which has no WebGPU: the WebGPU build's session
 * fails here as it would on a browser whose GPU refuses it). The fixture's model must load and run
 * on WASM in every case, with one note saying why. The WebGPU path itself runs in chromium
 * (webGpuParity.test.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { openTapped } from '../../src/bert/tappedModel';
import { ONNX_FILE, type ModelDtype } from '../../src/shared/modelLayout';
import { webRuntimes, type Gpu, type WebRuntimeSources } from '../../src/web/webGpu';
import { FIXTURE_MODEL } from './helpers';

const DIST = path.resolve(__dirname, '../../node_modules/onnxruntime-web/dist');

/** The sources, counting how often the WebGPU binary is read. */
function sources(gpu: Gpu | undefined): WebRuntimeSources & { webGpuReads: number } {
  const counted = {
    webGpuReads: 0,
    gpu,
    wasmBinary: async () => new Uint8Array(await fs.readFile(path.join(DIST, 'ort-wasm-simd-threaded.wasm'))),
    webGpuBinary: async () => {
      counted.webGpuReads++;
      return new Uint8Array(await fs.readFile(path.join(DIST, 'ort-wasm-simd-threaded.asyncify.wasm')));
    },
  };
  return counted;
}

/** Loads the fixture through one `load()` and runs one sentence: what it ran on, the notes, and the states' size. */
async function loadAndRun(from: WebRuntimeSources, dtype: ModelDtype) {
  const load = webRuntimes(from).load();
  const onnxPath = path.join(FIXTURE_MODEL, ONNX_FILE[dtype]);
  const opened = await openTapped(await fs.readFile(onnxPath), load.runtimeFor, 1, onnxPath);
  const dims = [1, 4];
  const out = await opened.session.run(
    {
      input_ids: { type: 'int64', data: BigInt64Array.of(101n, 2924n, 2314n, 102n), dims },
      attention_mask: { type: 'int64', data: new BigInt64Array(4).fill(1n), dims },
      token_type_ids: { type: 'int64', data: new BigInt64Array(4), dims },
    },
    opened.taps.outputs,
  );
  await opened.session.release();
  return { provider: load.provider(), notes: load.notes(), values: out[opened.taps.outputs.at(-1)!].data.length };
}

describe('the web runtime choice (src/web/webGpu.ts)', () => {
  it('without navigator.gpu: WASM, saying the browser has no WebGPU', { timeout: 120_000 }, async () => {
    const from = sources(undefined);
    const result = await loadAndRun(from, 'fp32');
    assert.equal(result.provider, 'wasm');
    assert.deepEqual(result.notes, ['ONNX runs on WASM, not WebGPU: this browser has no WebGPU.']);
    assert.equal(result.values, 4 * 128);
    assert.equal(from.webGpuReads, 0);
  });

  it('without an adapter: WASM, saying so', { timeout: 120_000 }, async () => {
    const from = sources({ requestAdapter: async () => null });
    const result = await loadAndRun(from, 'fp32');
    assert.equal(result.provider, 'wasm');
    assert.deepEqual(result.notes, ['ONNX runs on WASM, not WebGPU: the browser gives no WebGPU adapter.']);
    assert.equal(from.webGpuReads, 0);
  });

  it('a q8 graph: WASM without asking the GPU, naming the operators WebGPU lacks', { timeout: 120_000 }, async () => {
    let asked = 0;
    const from = sources({ requestAdapter: async () => (asked++, {}) });
    const result = await loadAndRun(from, 'q8');
    assert.equal(result.provider, 'wasm');
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0], /quantized model's DynamicQuantizeLinear, MatMulInteger/);
    assert.equal(asked + from.webGpuReads, 0);
  });

  it('a WebGPU session that fails to open: WASM, with onnxruntime\'s reason', { timeout: 180_000 }, async () => {
    const from = sources({ requestAdapter: async () => ({}) });
    const result = await loadAndRun(from, 'fp32');
    assert.equal(from.webGpuReads, 1);
    assert.equal(result.provider, 'wasm');
    assert.equal(result.notes.length, 1, result.notes.join('\n'));
    assert.match(result.notes[0], /^ONNX runs on WASM, not WebGPU: WebGPU could not open the model \(.+\)\.$/);
    assert.equal(result.values, 4 * 128);
  });
});
