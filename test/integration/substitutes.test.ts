import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { BertEncoder, type TokenPrediction } from '../../src/bert/bertEncoder';
import { tapHiddenStates } from '../../src/bert/onnxTap';
import { targetInput, type TargetInput } from '../../src/bert/wordPieces';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { EngineProgress, RunOptions, Substitute } from '../../src/senses/types';
import { silentLogger, type Logger } from '../../src/shared/logger';
import { copyModel, FIXTURE_MODEL, fixtureEngine, PAPER_RUN, tempDir } from './helpers';

const MASK = 103;
const TOP = 16;
/** fp32 head logits are within 1e-4 of the full model's (mlmHead.test.ts), so probabilities within 2e-4 relative. */
const PROBABILITY_RELATIVE = 1e-3;
const VECTOR = { layers: 4, pooling: 'sum' as const };

const RIVER = 'We sat on the bank of the river and watched the boats.';
/** "crankshaft" is two WordPieces (crank ##shaft) in bert-base-uncased's vocabulary. */
const CRANKSHAFT = 'He fixed the crankshaft of the engine.';

/**
 * The full, original model's ranking at one position, as an oracle written apart from the code under
 * test: softmax over the vocabulary, then the tokens that are words (no `[…]` specials, no `##`
 * pieces, a letter in them), best first.
 */
class Reference {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly vocab: readonly string[],
  ) {}

  static async open(): Promise<Reference> {
    const vocab = (await fs.readFile(path.join(FIXTURE_MODEL, 'vocab.txt'), 'utf8')).split('\n');
    return new Reference(await ort.InferenceSession.create(path.join(FIXTURE_MODEL, 'onnx/model.onnx')), vocab);
  }

  async words(ids: readonly number[], position: number): Promise<TokenPrediction[]> {
    const dims = [1, ids.length];
    const out = await this.session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(ids.length), dims),
    });
    const all = out.logits.data as Float32Array;
    const size = all.length / ids.length;
    const logits = all.subarray(position * size, (position + 1) * size);
    const max = Math.max(...logits);
    const sum = logits.reduce((s, l) => s + Math.exp(l - max), 0);
    return [...logits.keys()]
      .filter((id) => /\p{L}/u.test(this.vocab[id]) && !this.vocab[id].startsWith('##') && !/^\[.*\]$/.test(this.vocab[id]))
      .sort((a, b) => logits[b] - logits[a])
      .map((id) => ({ token: this.vocab[id], probability: Math.exp(logits[id] - max) / sum }));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

const toTokens = (substitutes: readonly Substitute[]): TokenPrediction[] => substitutes.map((s) => ({ token: s.word, probability: s.probability }));

function assertSameRanking(got: readonly TokenPrediction[], want: readonly TokenPrediction[], what: string): void {
  assert.deepEqual(got.map((t) => t.token), want.slice(0, got.length).map((t) => t.token), what);
  got.forEach((t, i) => assert.ok(Math.abs(t.probability - want[i].probability) <= PROBABILITY_RELATIVE * want[i].probability, `${what}: ${t.token} ${t.probability} vs ${want[i].probability}`));
}

describe('MLM head predictions of BertEncoder (fp32 fixture)', () => {
  let dir: string;
  let encoder: BertEncoder;
  let reference: Reference;
  const input = (text: string, word: string): TargetInput => {
    const start = text.indexOf(word);
    return targetInput(encoder.aligner.pieces(text), { start, end: start + word.length }, encoder.special, encoder.info.maxLength)!;
  };
  before(async () => {
    dir = await tempDir('predict');
    encoder = await BertEncoder.load({ model: FIXTURE_MODEL, dtype: 'fp32', cacheDir: dir, allowNetwork: false, logger: silentLogger });
    reference = await Reference.open();
  });
  after(async () => {
    await encoder.dispose();
    await reference.release();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('unmasked: the full model’s top words at the target, from the same forward as its layers', async () => {
    const river = input(RIVER, 'bank');
    const [predicted] = await encoder.targetLayersAndTokens([river], 4, TOP);
    assert.equal(predicted.tokens.length, TOP);
    assertSameRanking(predicted.tokens, await reference.words(river.ids, river.targetPositions[0]), 'bank');
    const [layers] = await encoder.targetLayers([river], 4);
    assert.deepEqual([...predicted.layers], [...layers]);
  });

  it('unmasked, several pieces: predicts at the first piece', async () => {
    const crank = input(CRANKSHAFT, 'crankshaft');
    assert.equal(crank.targetPositions.length, 2);
    const [predicted] = await encoder.targetLayersAndTokens([crank], 4, TOP);
    assertSameRanking(predicted.tokens, await reference.words(crank.ids, crank.targetPositions[0]), 'crank');
  });

  it('masked: the full model’s top words at a [MASK] in place of all the target’s pieces', async () => {
    for (const [text, word] of [[RIVER, 'bank'], [CRANKSHAFT, 'crankshaft']]) {
      const target = input(text, word);
      const first = target.targetPositions[0];
      const masked = [...target.ids.slice(0, first), MASK, ...target.ids.slice(target.targetPositions.at(-1)! + 1)];
      const [predicted] = await encoder.maskedTokens([target], TOP);
      assertSameRanking(predicted, await reference.words(masked, first), word);
      const [unmasked] = await encoder.targetLayersAndTokens([target], 4, TOP);
      assert.notDeepEqual(predicted.map((t) => t.token), unmasked.tokens.map((t) => t.token), `${word}: masked and unmasked agree`);
    }
  });

  it('batches give what single inputs give', async () => {
    const inputs = [input(RIVER, 'bank'), input(CRANKSHAFT, 'crankshaft'), input('The bass was too loud.', 'bass')];
    const batched = await encoder.maskedTokens(inputs, TOP);
    for (let i = 0; i < inputs.length; i++) {
      const [single] = await encoder.maskedTokens([inputs[i]], TOP);
      assertSameRanking(batched[i], single, `input ${i}`);
    }
  });
});

describe('SenseEngine substitutes (fixture model, mini dataset)', () => {
  let cacheDir: string;
  let engine: SenseEngine;
  let encoder: BertEncoder;
  let reference: Reference;
  const options = (substitutes?: RunOptions['substitutes']): RunOptions => ({ ...PAPER_RUN, vector: VECTOR, ...(substitutes && { substitutes }) });
  /** The reference's words at the input the engine builds for `surface` in `text` (64-id window), or at a [MASK] there. */
  const referenceWords = async (text: string, surface: string, masked: boolean) => {
    const start = text.indexOf(surface);
    const target = targetInput(encoder.aligner.pieces(text), { start, end: start + surface.length }, encoder.special, 64)!;
    const position = target.targetPositions[0];
    const ids = masked ? [...target.ids.slice(0, position), MASK, ...target.ids.slice(target.targetPositions.at(-1)! + 1)] : target.ids;
    return reference.words(ids, position);
  };
  before(async () => {
    cacheDir = await tempDir('substitutes');
    engine = fixtureEngine({ cacheDir });
    encoder = await BertEncoder.load({ model: FIXTURE_MODEL, dtype: 'fp32', cacheDir: path.join(cacheDir, 'encoder'), allowNetwork: false, logger: silentLogger });
    reference = await Reference.open();
  });
  after(async () => {
    await engine.dispose();
    await encoder.dispose();
    await reference.release();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('lists the top 5 words without the word’s own forms, unmasked and masked', async () => {
    const forms: readonly string[] = ['bank', 'banks'];
    const excluded = new Set<string>();
    for (const [text, surface] of [
      [RIVER, 'bank'],
      ['The Banks of the river flooded.', 'Banks'],
    ]) {
      for (const mode of ['unmasked', 'masked'] as const) {
        const words = await referenceWords(text, surface, mode === 'masked');
        if (words.slice(0, 5).some((t) => forms.includes(t.token))) excluded.add(mode);
        const r = (await engine.classify(text, text.indexOf(surface) + 1, options(mode)))!;
        assert.ok(r.substitutes, `${surface} ${mode}: no substitutes`);
        assert.equal(r.substitutes.length, 5);
        assertSameRanking(
          toTokens(r.substitutes),
          words.filter((t) => !forms.includes(t.token)).slice(0, 5),
          `${surface} ${mode}`,
        );
      }
    }
    // The fixture's own top 5 include a form of the word in both modes, so the exclusion changed the answers.
    assert.deepEqual([...excluded].sort(), ['masked', 'unmasked']);
  });

  it('lists none when off, and refuses an unknown mode', async () => {
    assert.equal((await engine.classify(RIVER, RIVER.indexOf('bank') + 1, options()))!.substitutes, undefined);
    assert.equal((await engine.classify(RIVER, RIVER.indexOf('bank') + 1, options('off')))!.substitutes, undefined);
    await assert.rejects(engine.classify(RIVER, RIVER.indexOf('bank') + 1, { ...PAPER_RUN, vector: VECTOR, substitutes: 'both' as never }), /substitutes must be unmasked, masked or off \(got "both"\)/);
  });

  it('classifyAll: every occurrence gets its own, and masked progress counts both passes', async () => {
    // Sentences no earlier test embedded: cached embeddings would not be counted as passes.
    const text = 'We rowed to the bank at noon. The bass in that song was too loud. She paid the bank on Friday.';
    const progress: EngineProgress[] = [];
    const all = await engine.classifyAll(text, { ...options('masked'), onProgress: (p) => progress.push(p) });
    assert.equal(all.length, 3);
    for (const r of all) {
      const single = (await engine.classify(text, r.target.start + 1, options('masked')))!;
      // Batched rows are padded, which changes onnxruntime's summation order: the same words, probabilities within float rounding.
      assertSameRanking(toTokens(r.substitutes!), toTokens(single.substitutes!), r.target.surface);
    }
    const last = progress.filter((p) => p.kind === 'analyze').at(-1);
    assert.deepEqual(last, { kind: 'analyze', done: 6, total: 6 });
  });

  it('a model without an MLM head classifies without substitutes and says so once', async () => {
    const model = await copyModel(path.join(cacheDir, 'headless'));
    const file = path.join(model, 'onnx/model.onnx');
    await fs.writeFile(file, tapHiddenStates(await fs.readFile(file)).bytes);
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const headless = fixtureEngine({ model, cacheDir: path.join(cacheDir, 'headless-cache'), logger });
    try {
      for (let i = 0; i < 2; i++) {
        const r = (await headless.classify(RIVER, RIVER.indexOf('bank') + 1, options('unmasked')))!;
        assert.equal(r.winner.sense.startsWith('bank'), true);
        assert.equal(r.substitutes, undefined);
      }
      assert.equal(warnings.filter((w) => /no masked-language-model head/.test(w)).length, 1);
    } finally {
      await headless.dispose();
    }
  });
});
