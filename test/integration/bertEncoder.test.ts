import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import { BertEncoder } from '../../src/bert/bertEncoder';
import { EngineError } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/logger';
import { tapHiddenStates } from '../../src/bert/onnxTap';
import { targetInput } from '../../src/bert/wordPieces';
import { copyModel, FIXTURE_MODEL, tempDir } from './helpers';

interface ReferenceCase {
  text: string;
  input_ids: number[];
  hidden_states: number[][][];
}
const load = (model: string, cacheDir: string) =>
  BertEncoder.load({ model, dtype: 'fp32', cacheDir, allowNetwork: false, logger: silentLogger });

/** Every token's state of `layers` (`result[t]` is `[layers × hidden]`): one single-position target per token. */
function tokenStates(encoder: BertEncoder, ids: readonly number[], layers: readonly number[]): Promise<Float32Array[]> {
  return encoder.layerMeans([ids], ids.map((_, t) => ({ row: 0, positions: [t] })), layers);
}

describe('BertEncoder on the fixture model', () => {
  let encoder: BertEncoder;
  let dir: string;
  before(async () => {
    dir = await tempDir('encoder');
    encoder = await load(FIXTURE_MODEL, dir);
  });
  after(async () => {
    await encoder.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('tokenizes like bert-base-uncased', () => {
    const text = 'Bank is located in the city of London';
    const ids = [encoder.special.cls, ...encoder.aligner.pieces(text).map((p) => p.id), encoder.special.sep];
    assert.deepEqual(ids, [101, 2924, 2003, 2284, 1999, 1996, 2103, 1997, 2414, 102]);
  });

  it('taps every hidden state within 1e-4 of PyTorch', async () => {
    const reference = JSON.parse(await fs.readFile(path.join(FIXTURE_MODEL, 'reference/hidden_states.json'), 'utf8')) as { cases: ReferenceCase[] };
    const layers = [0, 1, 2, 3, 4];
    for (const c of reference.cases) {
      const ids = [encoder.special.cls, ...encoder.aligner.pieces(c.text).map((p) => p.id), encoder.special.sep];
      assert.deepEqual(ids, c.input_ids, c.text);
      const states = await tokenStates(encoder, ids, layers);
      let max = 0;
      for (const l of layers) {
        c.hidden_states[l].forEach((token, t) => token.forEach((v, h) => (max = Math.max(max, Math.abs(states[t][l * 128 + h] - v)))));
      }
      assert.ok(max <= 1e-4, `max abs difference ${max} for "${c.text}"`);
    }
  });

  it('gives the same target vectors in a padded batch as one at a time', async () => {
    const sentences = ['the bank of the river', 'she paid the bank back after many long years of hard work', 'bank'];
    const inputs = sentences.map((s) => {
      const start = s.indexOf('bank');
      return targetInput(encoder.aligner.pieces(s), { start, end: start + 4 }, encoder.special, encoder.info.maxLength)!;
    });
    const batched = await encoder.targetLayers(inputs, 4);
    for (let i = 0; i < inputs.length; i++) {
      const [single] = await encoder.targetLayers([inputs[i]], 4);
      const diff = Math.max(...single.map((v, j) => Math.abs(v - batched[i][j])));
      assert.ok(diff < 1e-5, `sentence ${i}: difference ${diff}`);
    }
  });

  it('pools in the worker exactly as pooling the full states on this thread', async () => {
    const sentences = ['the unbankable idea', 'she paid the bank back', 'money in the bank and the river bank'];
    const rows = sentences.map((s) => [encoder.special.cls, ...encoder.aligner.pieces(s).map((p) => p.id), encoder.special.sep]);
    const start = sentences[0].indexOf('unbankable');
    const multi = targetInput(encoder.aligner.pieces(sentences[0]), { start, end: start + 10 }, encoder.special, encoder.info.maxLength)!;
    assert.ok(multi.targetPositions.length > 1, 'expected several WordPieces');
    // Several targets per row, in a padded batch, on the embeddings and two layers.
    const targets = [
      { row: 0, positions: multi.targetPositions },
      { row: 1, positions: [4] },
      { row: 2, positions: [4, 8] },
      { row: 2, positions: [1, 2, 3] },
    ];
    const layers = [0, 2, 4];
    const pooled = await encoder.layerMeans(rows, targets, layers);
    for (const [t, target] of targets.entries()) {
      const states = await tokenStates(encoder, rows[target.row], layers);
      const expected = new Float32Array(layers.length * 128);
      for (const p of target.positions) states[p].forEach((v, i) => (expected[i] += v / target.positions.length));
      const diff = Math.max(...expected.map((v, i) => Math.abs(v - pooled[t][i])));
      assert.ok(diff < 1e-5, `target ${t}: difference ${diff}`);
      assert.ok(expected.some((v) => v !== 0));
    }
  });
});

describe('tapHiddenStates', () => {
  it('outputs exactly the hidden states and prunes the MLM head', async () => {
    const bytes = await fs.readFile(path.join(FIXTURE_MODEL, 'onnx/model.onnx'));
    const tapped = tapHiddenStates(bytes);
    const graph = onnx.ModelProto.decode(tapped.bytes).graph!;
    assert.deepEqual(graph.output!.map((o) => o.name), tapped.taps.outputs);
    assert.equal(tapped.taps.outputs.length, 5);
    assert.ok(!graph.node!.some((n) => n.output!.includes('logits') || (n.name ?? '').startsWith('/cls/')), 'MLM head left in the graph');
    assert.ok(graph.node!.length < onnx.ModelProto.decode(bytes).graph!.node!.length);
  });
});

describe('BertEncoder faults', () => {
  it('names the missing file of a model folder', async () => {
    const dir = await tempDir('missing');
    await assert.rejects(load(path.join(dir, 'nope'), dir), (e: unknown) => e instanceof EngineError && e.code === 'model-not-found' && /config\.json/.test(e.message));
    await fs.rm(dir, { recursive: true });
  });

  it('reports a truncated model.onnx as corrupt', async () => {
    const dir = await tempDir('truncated');
    const model = await copyModel(path.join(dir, 'model'));
    const file = path.join(model, 'onnx/model.onnx');
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, bytes.length / 3));
    await assert.rejects(load(model, dir), (e: unknown) => e instanceof EngineError && e.code === 'model-corrupt');
    await fs.rm(dir, { recursive: true });
  });

  it('says what it looked for when the layers cannot be found', async () => {
    const dir = await tempDir('renamed');
    const model = await copyModel(path.join(dir, 'model'));
    const file = path.join(model, 'onnx/model.onnx');
    const proto = onnx.ModelProto.decode(await fs.readFile(file));
    for (const node of proto.graph!.node!) node.name = (node.name ?? '').replace('/encoder/', '/stack/');
    await fs.writeFile(file, onnx.ModelProto.encode(proto).finish());
    await assert.rejects(load(model, dir), (e: unknown) => e instanceof EngineError && e.code === 'layers-not-found' && /layer\.0\/output\/LayerNorm/.test(e.message));
    await fs.rm(dir, { recursive: true });
  });

  it('uses a model that already outputs hidden states as it is', async () => {
    const dir = await tempDir('outputs');
    const model = await copyModel(path.join(dir, 'model'));
    const file = path.join(model, 'onnx/model.onnx');
    const proto = onnx.ModelProto.decode(await fs.readFile(file));
    // Rename the LayerNorm outputs to hidden_states.N everywhere and expose them.
    const scopes = ['/bert/embeddings/LayerNorm/', ...[0, 1, 2, 3].map((i) => `/bert/encoder/layer.${i}/output/LayerNorm/`)];
    scopes.forEach((scope, n) => {
      const last = proto.graph!.node!.filter((x) => x.name?.startsWith(scope)).at(-1)!;
      const old = last.output![0];
      const name = `hidden_states.${n}`;
      for (const node of proto.graph!.node!) node.input = node.input!.map((i) => (i === old ? name : i));
      last.output![0] = name;
      proto.graph!.output!.push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: 1 } } }));
    });
    for (const node of proto.graph!.node!) node.name = (node.name ?? '').replace('/encoder/', '/stack/');
    await fs.writeFile(file, onnx.ModelProto.encode(proto).finish());
    const encoder = await load(model, dir);
    const ids = [101, 2924, 2003, 102];
    const reference = await load(FIXTURE_MODEL, dir);
    const [a, b] = await Promise.all([tokenStates(encoder, ids, [4]), tokenStates(reference, ids, [4])]);
    assert.ok(Math.max(...a.flatMap((token, t) => [...token].map((v, i) => Math.abs(v - b[t][i])))) < 1e-5);
    await Promise.all([encoder.dispose(), reference.dispose()]);
    await fs.rm(dir, { recursive: true });
  });
});
