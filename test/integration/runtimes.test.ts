import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as ortWeb from 'onnxruntime-web';
import { BertEncoder } from '../../src/bert/bertEncoder';
import type { OnnxRuntime, Tensor } from '../../src/bert/runtime';
import { nodeRuntime } from '../../src/bert/runtimeNode';
import { wasmRuntime } from '../../src/bert/runtimeWasm';
import { openTapped } from '../../src/bert/tappedModel';
import { silentLogger } from '../../src/shared/logger';
import { ONNX_FILE, type ModelDtype } from '../../src/shared/modelLayout';
import { FIXTURE_MODEL, tempDir } from './helpers';

/** "the bank of the river was steep": [CLS] … [SEP]. */
const IDS = [101, 1996, 2924, 1997, 1996, 2314, 2001, 9561, 102];
const BANK = 2;
/**
 * Both builds run MLAS's float kernels, onnxruntime-node natively and onnxruntime-web compiled to
 * WASM with SIMD, whose blocking and fused operators may sum in another order: float32 rounding of
 * the fixture's 128-wide sums is ~1e-6. A wrong graph, layer or input is off by whole units.
 */
const TOLERANCE = 1e-4;

/** Every hidden state of `IDS` on `runtime`, straight from the tapped graph (`[layer][sequence × hidden]`). */
async function hiddenStates(runtime: OnnxRuntime, dtype: ModelDtype): Promise<Float32Array[]> {
  const onnxPath = path.join(FIXTURE_MODEL, ONNX_FILE[dtype]);
  const opened = await openTapped(await fs.readFile(onnxPath), runtime, 2, onnxPath);
  const dims = [1, IDS.length];
  const feeds: Record<string, Tensor> = {
    input_ids: { type: 'int64', data: BigInt64Array.from(IDS, BigInt), dims },
    attention_mask: { type: 'int64', data: new BigInt64Array(IDS.length).fill(1n), dims },
    token_type_ids: { type: 'int64', data: new BigInt64Array(IDS.length), dims },
  };
  try {
    const out = await opened.session.run(feeds, opened.taps.outputs);
    return opened.taps.outputs.map((name) => out[name].data as Float32Array);
  } finally {
    await opened.session.release();
    if (opened.head) await (await opened.head()).release();
  }
}

function maxDiff(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  assert.equal(a.length, b.length, 'as many hidden states');
  let diff = 0;
  a.forEach((layer, l) => {
    assert.equal(layer.length, b[l].length, `layer ${l}: as many values`);
    layer.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - b[l][i]))));
  });
  return diff;
}

describe('onnxruntime-web (WASM) against onnxruntime-node, the same graph', () => {
  const wasm = wasmRuntime(ortWeb);

  // q8 too: both quantize activations the same way (DynamicQuantizeLinear) and run integer products,
  // so only the float parts around them may round differently (measured: 2e-6 for both dtypes).
  for (const dtype of ['fp32', 'q8'] as const) {
    it(`${dtype}: every hidden state of a sentence agrees within 1e-4`, async () => {
      const node = await hiddenStates(nodeRuntime, dtype);
      const web = await hiddenStates(wasm, dtype);
      assert.equal(node.length, 5, 'embeddings and 4 layers');
      const diff = maxDiff(node, web);
      assert.ok(diff <= TOLERANCE, `max difference ${diff}`);
    });
  }

  it('a WASM session is run once on warmUpIds ids when opened (the head is not); an onnxruntime-node one is not', async () => {
    assert.ok(wasm.warmUpIds > 0, 'the WASM runtime warms up');
    assert.equal(nodeRuntime.warmUpIds, 0);
    const source = await fs.readFile(path.join(FIXTURE_MODEL, ONNX_FILE.q8));
    for (const runtime of [wasm, nodeRuntime]) {
      const runs: number[][] = [];
      const counting: OnnxRuntime = {
        ...runtime,
        async createSession(model, settings) {
          const session = await runtime.createSession(model, settings);
          return { ...session, run: (feeds, outputs) => (runs.push([...feeds.input_ids.dims]), session.run(feeds, outputs)) };
        },
      };
      const opened = await openTapped(source, counting, 1, 'fixture');
      await opened.session.release();
      if (opened.head) await (await opened.head()).release();
      assert.deepEqual(runs, runtime.warmUpIds > 0 ? [[1, runtime.warmUpIds]] : [], runtime.name);
    }
  });

  describe('through the engine (BertEncoder with runtime wasm, in the ONNX worker)', () => {
    let dir: string;
    before(async () => (dir = await tempDir('runtimes')));
    after(() => fs.rm(dir, { recursive: true, force: true }));

    it('fp32: the pooled layers and the MLM head\'s words at a target agree', async () => {
      const answers = [];
      for (const runtime of ['node', 'wasm'] as const) {
        const encoder = await BertEncoder.load({ model: FIXTURE_MODEL, dtype: 'fp32', cacheDir: dir, allowNetwork: false, logger: silentLogger, threads: 2, runtime });
        try {
          const [answer] = await encoder.targetLayersAndTokens([{ ids: IDS, targetPositions: [BANK] }], 4, 5);
          answers.push(answer);
        } finally {
          await encoder.dispose();
        }
      }
      const [node, web] = answers;
      const diff = maxDiff([node.layers], [web.layers]);
      assert.ok(diff <= TOLERANCE, `max difference ${diff}`);
      assert.deepEqual(web.tokens.map((t) => t.token), node.tokens.map((t) => t.token));
      web.tokens.forEach((t, i) => assert.ok(Math.abs(t.probability - node.tokens[i].probability) <= TOLERANCE, `${t.token}: ${t.probability} vs ${node.tokens[i].probability}`));
    });
  });
});
