import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { OnnxSession } from '../../src/bert/onnxSession';
import { SenseEngine } from '../../src/senses/senseEngine';
import { FIXTURE_MODEL, fixtureEngine, PAPER_ENGINE, PAPER_RUN, tempDir } from './helpers';

const SUM4 = PAPER_RUN;

describe('bad input gives a sense or a clean "no sense", never an exception', () => {
  let cacheDir: string;
  let engine: SenseEngine;
  before(async () => {
    cacheDir = await tempDir('bad');
    engine = fixtureEngine({ cacheDir });
  });
  after(async () => {
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  const sense = async (text: string, offset = text.indexOf('bank') + 1) => (await engine.classify(text, offset, SUM4))?.winner.sense;

  it('an unknown or misspelled option is an error naming the valid ones (an old name does not pass silently)', async () => {
    await assert.rejects(engine.classify('The bank.', 5, { ...SUM4, maxPerSense: 3 } as never), /unknown run option "maxPerSense" \(valid: vector, classifier, maxExamplesPerSense/);
    assert.throws(() => new SenseEngine({ ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir, allowNetwork: false, window: 16 } as never), /unknown engine option "window" \(valid: model, dtype/);
  });

  it('empty and punctuation-only text: no sense', async () => {
    assert.equal(await engine.classify('', 0, SUM4), undefined);
    assert.deepEqual(await engine.classifyAll('', SUM4), []);
    assert.deepEqual(await engine.classifyAll('!!! ... ??? ;;; ---', SUM4), []);
  });

  it('a 5 MB document and a 200 k-character line', async () => {
    const big = `${'Lorem ipsum dolor sit amet. '.repeat(180_000)}The bank raised its rates.`;
    assert.ok(big.length > 5_000_000);
    const all = await engine.classifyAll(big, SUM4);
    assert.equal(all.length, 1);
    assert.ok(all[0].context.length < 100);
    const line = `${'x'.repeat(100_000)} the bank of the river ${'y'.repeat(100_000)}`;
    assert.ok(await sense(line));
  });

  it('binary-looking text, other scripts, emoji and combining marks', async () => {
    assert.ok(await sense('\u0000\u0001\uFFFD\u0007 bank \u0000\u00ff\u0010'));
    assert.ok(await sense('銀行 bank 在河边 — Банк на берегу bank'));
    assert.ok(await sense('😀🏦 the bank 🌊 e\u0301\u0301 river'));
    assert.ok(await sense('bank'));
  });

  it('a sentence wrapped or hyphenated across a line break', async () => {
    const wrapped = (await engine.classify('We sat on the\nbank of the\nriver.', 15, SUM4))!;
    assert.equal(wrapped.context, 'We sat on the bank of the river.');
    const hyphen = (await engine.classify('the river-\nbank was steep', 12, SUM4))!;
    assert.equal(hyphen.target.word, 'bank');
  });

  for (const where of ['start', 'middle', 'end'] as const) {
    it(`a sentence far longer than the model window, word at its ${where}`, async () => {
      const filler = 'and the long sentence goes on '.repeat(100);
      const text = where === 'start' ? `bank ${filler}` : where === 'end' ? `${filler} bank` : `${filler} bank ${filler}`;
      const r = (await engine.classify(text, text.indexOf('bank') + 1, SUM4))!;
      assert.equal(r.target.word, 'bank');
      assert.ok(Number.isFinite(r.winner.score));
    });
  }
});

describe('concurrency', () => {
  it('100 requests at once with a settings change mid-flight: each result matches its own request', async () => {
    const cacheDir = await tempDir('conc');
    const engine = fixtureEngine({ cacheDir });
    const requests = Array.from({ length: 100 }, (_, i) => {
      const word = i % 3 === 0 ? 'bass' : 'bank';
      const text = `Sentence ${i}: the ${word} ${i % 2 ? 'of the river' : 'and the guitar'} number ${i}.`;
      const layers = i < 50 ? 4 : 2;
      return { text, offset: text.indexOf(word) + 1, word, options: { ...PAPER_RUN, vector: { layers, pooling: 'sum' as const } } };
    });
    const results = await Promise.all(requests.map((r) => engine.classify(r.text, r.offset, r.options)));
    for (const [i, r] of results.entries()) {
      assert.equal(r?.target.word, requests[i].word);
      assert.equal(r?.context, requests[i].text);
      assert.equal(r?.options.layers, requests[i].options.vector.layers);
    }
    // Sequential answers are the same as the concurrent ones.
    for (const i of [0, 49, 50, 99]) {
      const again = await engine.classify(requests[i].text, requests[i].offset, requests[i].options);
      assert.deepEqual([...again!.vector], [...results[i]!.vector]);
    }
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });
});

describe('shared forward passes', () => {
  it('hovers over the same sentence, whichever word, share one forward pass', async () => {
    const cacheDir = await tempDir('share');
    const engine = fixtureEngine({ cacheDir });
    const text = 'The bass player stood on the bank of the river.';
    await Promise.all([engine.senseIndex('bank', SUM4), engine.senseIndex('bass', SUM4)]);
    const original = OnnxSession.prototype.run;
    let passes = 0;
    OnnxSession.prototype.run = async function (...args) {
      const result = await original.apply(this, args);
      if (result.forwarded) passes++;
      return result;
    };
    try {
      const offsets = Array.from({ length: 20 }, (_, i) => (i % 2 ? text.indexOf('bank') : text.indexOf('bass')) + 1);
      const results = await Promise.all(offsets.map((o) => engine.classify(text, o, SUM4)));
      assert.equal(passes, 1);
      assert.deepEqual(new Set(results.map((r) => r?.target.word)), new Set(['bank', 'bass']));
    } finally {
      OnnxSession.prototype.run = original;
      await engine.dispose();
      await fs.rm(cacheDir, { recursive: true });
    }
  });
});
