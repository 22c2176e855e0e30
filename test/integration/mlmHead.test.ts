import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { HEAD, splitHead } from '../../src/bert/mlmHead';
import { tapHiddenStates } from '../../src/bert/onnxTap';
import { openModel } from '../../src/bert/preparedModel';
import { wrapSession, type RuntimeSession, type Tensor } from '../../src/bert/runtime';
import type { ModelDtype } from '../../src/shared/modelLayout';
import { FIXTURE_MODEL, tempDir } from './helpers';

const VOCAB = 30522;
const HIDDEN = 128;
const onnxFile = (dtype: ModelDtype) => path.join(FIXTURE_MODEL, dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx');

/** The fixture's reference sentences (`reference/hidden_states.json`): ids with [CLS] and [SEP]. */
async function sentences(): Promise<number[][]> {
  const reference = JSON.parse(await fs.readFile(path.join(FIXTURE_MODEL, 'reference/hidden_states.json'), 'utf8')) as { cases: { input_ids: number[] }[] };
  return reference.cases.map((c) => c.input_ids);
}

function feeds(ids: readonly number[]): Record<string, Tensor> {
  const dims = [1, ids.length];
  return {
    input_ids: { type: 'int64', data: BigInt64Array.from(ids, BigInt), dims },
    attention_mask: { type: 'int64', data: new BigInt64Array(ids.length).fill(1n), dims },
    token_type_ids: { type: 'int64', data: new BigInt64Array(ids.length), dims },
  };
}

/** A session with onnxruntime's default options, behind the runtime seam. */
async function session(model: string | Uint8Array): Promise<RuntimeSession> {
  const created = typeof model === 'string' ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  return wrapSession(created, (t) => new ort.Tensor(t.type, t.data, t.dims));
}

/** The original, untouched model file's `logits` (`[sequence × vocab]`): the reference. */
async function fullLogits(dtype: ModelDtype, ids: readonly number[]): Promise<Float32Array> {
  const full = await session(onnxFile(dtype));
  const out = (await full.run(feeds(ids), ['logits'])).logits.data as Float32Array;
  await full.release();
  return out;
}

/** The head's logits on the given rows of the last hidden state (`[rows × vocab]`). */
async function runHead(head: RuntimeSession, last: Float32Array, rows: readonly number[]): Promise<Float32Array> {
  const x = new Float32Array(rows.length * HIDDEN);
  rows.forEach((r, i) => x.set(last.subarray(r * HIDDEN, (r + 1) * HIDDEN), i * HIDDEN));
  const feeds: Record<string, Tensor> = {
    [HEAD.hidden]: { type: 'float32', data: x, dims: [rows.length, HIDDEN] },
    [HEAD.candidateBias]: { type: 'float32', data: new Float32Array(VOCAB), dims: [VOCAB] },
    [HEAD.k]: { type: 'int64', data: BigInt64Array.of(1n), dims: [1] },
  };
  return (await head.run(feeds, [HEAD.logits]))[HEAD.logits].data as Float32Array;
}

/** Largest |head − reference| over the rows, and the largest |reference logit| there. */
function compare(head: Float32Array, reference: Float32Array, rows: readonly number[]): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  rows.forEach((r, i) => {
    for (let v = 0; v < VOCAB; v++) {
      diff = Math.max(diff, Math.abs(head[i * VOCAB + v] - reference[r * VOCAB + v]));
      scale = Math.max(scale, Math.abs(reference[r * VOCAB + v]));
    }
  });
  return { diff, scale };
}

/**
 * Tolerances. fp32: the head's nodes and weights are the original ones, so only the summation order
 * of a 128-term dot product may change with the number of rows (onnxruntime's GEMM blocking);
 * float32 rounding of such sums of terms ≲ 10 is ~1e-5, so 1e-4 (measured: 0).
 *
 * q8: the export quantizes activations per tensor at run time (`DynamicQuantizeLinear`: step =
 * range / 255 over the whole tensor). Given every row of the sentence, the head's tensors are the full
 * model's, so the result must be the same (1e-4; measured 0). Given one target row, the step comes
 * from that row's range instead of the sentence's: each of the head's two quantized products rounds
 * its input differently by up to half a step (0.2 % of the range) and the transform's LayerNorm
 * passes that on, so logits move by a few steps of the logits' scale. We allow 2.5 % of the row's
 * largest |logit| (about 6 steps of 1/255); the reference sentences measured 0.45–1.44 %. A wrong
 * graph (another layer's state, a missing bias or LayerNorm) is off by tens of percent.
 */
const FP32_TOLERANCE = 1e-4;
const Q8_ONE_ROW_RELATIVE = 0.025;

describe('MLM head split off the fixture', () => {
  let dir: string;
  before(async () => (dir = await tempDir('head')));
  after(() => fs.rm(dir, { recursive: true, force: true }));

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`${dtype}: on the last hidden state it gives the full model's logits at each position`, async () => {
      const tapped = tapHiddenStates(await fs.readFile(onnxFile(dtype)));
      assert.ok(tapped.head, 'no head split off');
      assert.equal(tapped.head.quantized, dtype === 'q8');
      const encoder = await session(tapped.bytes);
      const head = await session(tapped.head.bytes);
      const lastName = tapped.taps.outputs.at(-1)!;
      for (const ids of await sentences()) {
        const reference = await fullLogits(dtype, ids);
        const last = (await encoder.run(feeds(ids), [lastName]))[lastName].data as Float32Array;
        const all = ids.map((_, i) => i);
        const whole = compare(await runHead(head, last, all), reference, all);
        assert.ok(whole.diff <= FP32_TOLERANCE, `${dtype}, all ${ids.length} rows at once: max difference ${whole.diff}`);
        for (const row of all) {
          const one = compare(await runHead(head, last, [row]), reference, [row]);
          const bound = dtype === 'fp32' ? FP32_TOLERANCE : Q8_ONE_ROW_RELATIVE * one.scale;
          assert.ok(one.diff <= bound, `${dtype}, row ${row} alone: max difference ${one.diff} (bound ${bound})`);
        }
      }
      await Promise.all([encoder.release(), head.release()]);
    });

    it(`${dtype}: the prepared head (optimized, from the cache) matches the full model at a target`, async () => {
      const ids = (await sentences())[1];
      const target = ids.indexOf(2924); // "bank"
      const reference = await fullLogits(dtype, ids);
      const preparedDir = path.join(dir, dtype);
      for (const expected of ['built', 'prepared'] as const) {
        const opened = await openModel({ onnxPath: onnxFile(dtype), threads: 1, preparedDir });
        assert.equal(opened.source, expected);
        assert.ok(opened.head);
        const lastName = opened.taps.outputs.at(-1)!;
        const last = (await opened.session.run(feeds(ids), [lastName]))[lastName].data as Float32Array;
        const head = await opened.head();
        assert.equal(await opened.head(), head, 'opened once');
        const { diff, scale } = compare(await runHead(head, last, [target]), reference, [target]);
        assert.ok(diff <= (dtype === 'fp32' ? FP32_TOLERANCE : Q8_ONE_ROW_RELATIVE * scale), `${expected}: max difference ${diff}`);
        await Promise.all([opened.session.release(), head.release()]);
      }
    });
  }

  it('is absent from a graph without logits', async () => {
    const tapped = tapHiddenStates(await fs.readFile(onnxFile('fp32')));
    assert.equal(tapHiddenStates(tapped.bytes).head, undefined);
  });
});

/**
 * A toy "model": x → Relu → `last` → MatMul W → Add b (or a second graph input) → `logits`, at a
 * given opset (ReduceLogSumExp takes its axes as an attribute before opset 18, as an input since).
 */
function toyModel(opset: number, biasFromInput = false): { model: onnx.IModelProto; w: number[][]; b: number[] } {
  const w = [
    [1, 0, -1, 2, 0.5, 0],
    [0, 1, 1, -2, 0.5, 3],
    [2, -1, 0, 0, 1, 1],
    [0, 0, 1, 1, -1, 2],
  ];
  const b = [0.1, -0.2, 0.3, 0, 0.05, -1];
  const float = onnx.TensorProto.DataType.FLOAT;
  const info = (name: string, dims: (string | number)[]) => ({ name, type: { tensorType: { elemType: float, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } });
  return {
    w,
    b,
    model: {
      irVersion: 8,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        name: 'toy',
        node: [
          { opType: 'Relu', input: ['x'], output: ['last'] },
          { opType: 'MatMul', input: ['last', 'W'], output: ['mm'] },
          { opType: 'Add', input: ['mm', biasFromInput ? 'y' : 'b'], output: ['logits'] },
        ],
        initializer: [
          { name: 'W', dataType: float, dims: [4, 6], floatData: w.flat() },
          { name: 'b', dataType: float, dims: [6], floatData: b },
        ],
        input: [info('x', ['n', 4]), ...(biasFromInput ? [info('y', [6])] : [])],
        output: [info('logits', ['n', 6])],
      },
    },
  };
}

describe('splitHead on small graphs', () => {
  for (const opset of [14, 18]) {
    it(`opset ${opset}: ranks the candidates and gives the log-normalizer of all logits`, async () => {
      const { model, w, b } = toyModel(opset);
      const split = splitHead(model, 'last', 4);
      assert.ok(split);
      assert.equal(split.quantized, false);
      const head = await ort.InferenceSession.create(split.bytes);
      // The head starts after the Relu, so a negative state passes through unchanged.
      const x = [0.5, -1, 2, 1];
      const bias = Float32Array.from([0, 0, -Infinity, 0, 0, -Infinity]);
      const out = await head.run({
        [HEAD.hidden]: new ort.Tensor('float32', Float32Array.from(x), [1, 4]),
        [HEAD.candidateBias]: new ort.Tensor('float32', bias, [6]),
        [HEAD.k]: new ort.Tensor('int64', BigInt64Array.of(3n), [1]),
      });
      const logits = b.map((bv, v) => bv + x.reduce((sum, xh, h) => sum + xh * w[h][v], 0));
      const want = [0, 1, 3, 4].sort((p, q) => logits[q] - logits[p]).slice(0, 3);
      assert.deepEqual([...(out[HEAD.topIds].data as BigInt64Array)].map(Number), want);
      (out[HEAD.topLogits].data as Float32Array).forEach((l, i) => assert.ok(Math.abs(l - logits[want[i]]) < 1e-5));
      const lse = Math.log(logits.reduce((sum, l) => sum + Math.exp(l), 0));
      assert.ok(Math.abs((out[HEAD.logNormalizer].data as Float32Array)[0] - lse) < 1e-5);
      await head.release();
    });
  }

  it('refuses logits that depend on another graph input, or that do not come from the given state', () => {
    assert.equal(splitHead(toyModel(14, true).model, 'last', 4), undefined);
    assert.equal(splitHead(toyModel(14).model, 'not-a-value', 4), undefined);
  });
});
