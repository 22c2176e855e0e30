import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import { BertEncoder } from '../../src/bert/bertEncoder';
import { EngineError } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/logger';
import type { ModelDtype } from '../../src/shared/modelLayout';
import type { Tensor } from '../../src/bert/runtime';
import { tapHiddenStates } from '../../src/bert/onnxTap';
import { openModel, type OpenedModel } from '../../src/bert/preparedModel';
import { copyModel, FIXTURE_MODEL, replaceWeights, tempDir } from './helpers';

const IDS = [101, 2924, 2003, 2284, 1999, 1996, 2103, 1997, 2414, 102];

/** Every hidden state of one sentence straight from a session: `result[layer]` is `[sequence × hidden]`. */
async function states(opened: OpenedModel, ids: readonly number[]): Promise<Float32Array[]> {
  const dims = [1, ids.length];
  const feeds: Record<string, Tensor> = {
    input_ids: { type: 'int64', data: BigInt64Array.from(ids, BigInt), dims },
    attention_mask: { type: 'int64', data: new BigInt64Array(ids.length).fill(1n), dims },
    token_type_ids: { type: 'int64', data: new BigInt64Array(ids.length), dims },
  };
  const out = await opened.session.run(feeds, [...opened.taps.outputs]);
  return opened.taps.outputs.map((name) => out[name].data as Float32Array);
}

const maxDiff = (a: readonly Float32Array[], b: readonly Float32Array[]) =>
  Math.max(...a.map((layer, l) => Math.max(...layer.map((v, i) => Math.abs(v - b[l][i])))));

describe('prepared model file', () => {
  let dir: string;
  let model: string;
  let onnxPath: string;
  let preparedDir: string;
  let reference: Float32Array[];
  const open = (options: Partial<Parameters<typeof openModel>[0]> = {}) => openModel({ onnxPath, threads: 1, preparedDir, ...options });
  const preparedFiles = async () => (await fs.readdir(preparedDir)).filter((f) => f.endsWith('.onnx') && !f.endsWith('.head.onnx'));
  const headFiles = async () => (await fs.readdir(preparedDir)).filter((f) => f.endsWith('.head.onnx'));

  before(async () => {
    dir = await tempDir('prepared');
    model = await copyModel(path.join(dir, 'model'));
    onnxPath = path.join(model, 'onnx/model.onnx');
    preparedDir = path.join(dir, 'prepared');
    const memory = await open({ preparedDir: undefined });
    assert.equal(memory.source, 'memory');
    reference = await states(memory, IDS);
    await memory.session.release();
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('is written on the first load and used on the next, with the same states', async () => {
    const first = await open();
    assert.equal(first.source, 'built');
    assert.ok(maxDiff(await states(first, IDS), reference) < 1e-5);
    assert.ok(first.head, 'the MLM head is split off');
    await first.session.release();
    assert.equal((await preparedFiles()).length, 1);
    assert.deepEqual(await headFiles(), [(await preparedFiles())[0].replace(/\.onnx$/, '.head.onnx')]);

    const second = await open();
    assert.equal(second.source, 'prepared');
    assert.ok(second.head, 'the prepared head is loaded');
    assert.deepEqual(second.warnings, []);
    assert.deepEqual(second.taps.outputs, first.taps.outputs);
    assert.deepEqual(second.shape, { layers: 4, hidden: 128, vocab: 30522, positions: 128 });
    assert.ok(maxDiff(await states(second, IDS), reference) < 1e-5);
    await second.session.release();
  });

  it('is rebuilt when the source has other weights of the same size and mtime, replacing the stale file; a touch alone keeps it', async () => {
    await open().then((o) => o.session.release());
    const [before] = await preparedFiles();
    const later = new Date(Date.now() + 60_000);
    await fs.utimes(onnxPath, later, later);
    const touched = await open();
    assert.equal(touched.source, 'prepared', 'same bytes, same prepared file');
    await touched.session.release();

    await replaceWeights(onnxPath);
    try {
      const opened = await open();
      assert.equal(opened.source, 'built');
      assert.ok(maxDiff(await states(opened, IDS), reference) > 0.1, 'the new weights are used');
      await opened.session.release();
      const files = await preparedFiles();
      assert.equal(files.length, 1);
      assert.notEqual(files[0], before);
      assert.equal((await headFiles()).length, 1, 'the stale head file is removed too');
    } finally {
      await replaceWeights(onnxPath);
    }
  });

  for (const [fault, damage, files] of [
    ['garbage', (bytes: Buffer) => Buffer.alloc(bytes.length, 7), preparedFiles],
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1), preparedFiles],
    ['garbage (the head file)', (bytes: Buffer) => Buffer.alloc(bytes.length, 7), headFiles],
    ['truncated (the head file)', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1), headFiles],
  ] as const) {
    it(`is rebuilt, not fatal, when the file is ${fault}`, async () => {
      await open().then((o) => o.session.release());
      const file = path.join(preparedDir, (await files())[0]);
      await fs.writeFile(file, damage(await fs.readFile(file)));
      const rebuilt = await open();
      assert.equal(rebuilt.source, 'built');
      assert.match(rebuilt.warnings.join('\n'), /unusable/);
      assert.ok(maxDiff(await states(rebuilt, IDS), reference) < 1e-5);
      await rebuilt.session.release();
      const again = await open();
      assert.equal(again.source, 'prepared');
      await again.session.release();
    });
  }

  it('is rebuilt when its description is corrupt', async () => {
    await open().then((o) => o.session.release());
    const meta = path.join(preparedDir, `${(await preparedFiles())[0]}.json`);
    await fs.writeFile(meta, '{"format": 1, "key": ');
    const rebuilt = await open();
    assert.equal(rebuilt.source, 'built');
    await rebuilt.session.release();
  });

  it('falls back to memory with a warning when the cache cannot be written', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const opened = await open({ preparedDir: path.join(blocker, 'prepared') });
    assert.equal(opened.source, 'memory');
    assert.match(opened.warnings.join('\n'), /Could not write the prepared model/);
    assert.ok(maxDiff(await states(opened, IDS), reference) < 1e-5);
    await opened.session.release();
  });
});

/**
 * The q8 fixture (dynamic uint8 quantization of every MatMul, per-tensor scales, as hub q8 exports)
 * against fp32. The embeddings are not quantized, so layer 0 is exact. Each quantized MatMul rounds
 * weights and activations to 1/255 of their range; through 4 layers that measured at most 0.036
 * absolute (states reach ±4) and a per-token cosine ≥ 0.99994. The bounds leave about 3× (absolute)
 * and 15× (1 − cosine) of margin, far below what a wrong tap (another layer: cosine ≈ 0.9) gives.
 */
describe('q8 fixture', () => {
  const Q8_MAX_ABS = 0.1;
  const Q8_MIN_COSINE = 0.999;
  let dir: string;
  before(async () => (dir = await tempDir('q8')));
  after(() => fs.rm(dir, { recursive: true, force: true }));
  const onnxFile = (dtype: ModelDtype) => path.join(FIXTURE_MODEL, dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx');

  it('is a MatMulInteger / DynamicQuantizeLinear graph that the tap prunes to the hidden states', async () => {
    const bytes = await fs.readFile(onnxFile('q8'));
    const ops = new Set(onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType));
    assert.ok(ops.has('MatMulInteger') && ops.has('DynamicQuantizeLinear'));
    const tapped = tapHiddenStates(bytes);
    const graph = onnx.ModelProto.decode(tapped.bytes).graph!;
    assert.equal(tapped.taps.outputs.length, 5);
    assert.deepEqual(tapped.shape, { layers: 4, hidden: 128, vocab: 30522, positions: 128 });
    assert.ok(!graph.node!.some((n) => (n.name ?? '').startsWith('/cls/')), 'MLM head left in the graph');
  });

  it('taps states within the quantization tolerance of fp32, prepared or in memory', async () => {
    const fp32 = await openModel({ onnxPath: onnxFile('fp32'), threads: 1 });
    const reference = await states(fp32, IDS);
    await fp32.session.release();
    for (const preparedDir of [undefined, path.join(dir, 'prepared'), path.join(dir, 'prepared')]) {
      const q8 = await openModel({ onnxPath: onnxFile('q8'), threads: 1, preparedDir });
      const got = await states(q8, IDS);
      await q8.session.release();
      assert.ok(maxDiff([got[0]], [reference[0]]) < 1e-5, 'embeddings are not quantized');
      const diff = maxDiff(got, reference);
      assert.ok(diff > 1e-4, `q8 gave fp32's states (${diff}): the quantized graph did not run`);
      assert.ok(diff <= Q8_MAX_ABS, `max abs difference ${diff} (${q8.source})`);
      for (let l = 1; l < got.length; l++) {
        for (let t = 0; t < IDS.length; t++) {
          const a = got[l].subarray(t * 128, (t + 1) * 128);
          const b = reference[l].subarray(t * 128, (t + 1) * 128);
          let dot = 0;
          let na = 0;
          let nb = 0;
          for (let h = 0; h < 128; h++) [dot, na, nb] = [dot + a[h] * b[h], na + a[h] * a[h], nb + b[h] * b[h]];
          const cosine = dot / Math.sqrt(na * nb);
          assert.ok(cosine >= Q8_MIN_COSINE, `layer ${l} token ${t}: cosine ${cosine} (${q8.source})`);
        }
      }
    }
    assert.deepEqual((await fs.readdir(path.join(dir, 'prepared'))).filter((f) => f.endsWith('.onnx')).map((f) => f.replace(/^.*?(\.head)?\.onnx$/, 'x$1.onnx')).sort(), ['x.head.onnx', 'x.onnx']);
  });
});

describe('config.json against the ONNX graph', () => {
  let dir: string;
  before(async () => (dir = await tempDir('config')));
  after(() => fs.rm(dir, { recursive: true, force: true }));

  for (const [field, value, graph] of [
    ['hidden_size', 64, 128],
    ['num_hidden_layers', 3, 4],
    ['num_hidden_layers', 6, 4],
    ['vocab_size', 30000, 30522],
    ['max_position_embeddings', 512, 128],
  ] as const) {
    it(`refuses ${field} ${value} on a graph with ${graph}, naming both`, async () => {
      const model = await copyModel(path.join(dir, `${field}-${value}`));
      const configFile = path.join(model, 'config.json');
      const config = JSON.parse(await fs.readFile(configFile, 'utf8')) as Record<string, unknown>;
      await fs.writeFile(configFile, JSON.stringify({ ...config, [field]: value }));
      await assert.rejects(
        BertEncoder.load({ model, dtype: 'fp32', cacheDir: path.join(dir, 'cache'), allowNetwork: false, logger: silentLogger }),
        (e: unknown) =>
          e instanceof EngineError && e.code === 'model-corrupt' && e.message.includes(`${field} is ${value} in config.json but ${graph} in model.onnx`),
      );
    });
  }

  it('takes the window from the graph when config.json has none', async () => {
    const model = await copyModel(path.join(dir, 'no-window'));
    const configFile = path.join(model, 'config.json');
    const { max_position_embeddings: _, ...config } = JSON.parse(await fs.readFile(configFile, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(configFile, JSON.stringify(config));
    const encoder = await BertEncoder.load({ model, dtype: 'fp32', cacheDir: path.join(dir, 'cache'), allowNetwork: false, logger: silentLogger });
    assert.equal(encoder.info.maxLength, 128);
    await encoder.dispose();
  });
});
