import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineError, isCancellation } from '../../src/shared/errors';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { EngineProgress } from '../../src/senses/types';
import { FIXTURE_MODEL, fixtureEngine, PAPER_RUN, tempDir } from './helpers';

const SUM4 = PAPER_RUN;
const at = (text: string, word: string) => text.indexOf(word) + 1;

describe('SenseEngine on the fixture model and a hand-made mini dataset', () => {
  let cacheDir: string;
  let engine: SenseEngine;
  before(async () => {
    cacheDir = await tempDir('engine');
    engine = fixtureEngine({ cacheDir });
  });
  after(async () => {
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('classifies with every sense, winner, margin, neighbours and the sentence as context', async () => {
    const text = 'Intro line.\n\nThey rowed to the bank of the river. Then lunch.';
    const r = (await engine.classify(text, at(text, 'bank'), SUM4))!;
    assert.equal(r.target.word, 'bank');
    assert.equal(r.context, 'They rowed to the bank of the river.');
    assert.equal(r.context.slice(r.contextStart, r.contextEnd), 'bank');
    assert.deepEqual(r.senses.map((s) => s.sense).sort(), ['bank_bank', 'bank_bank_(geography)']);
    assert.equal(r.winner, r.senses[0]);
    assert.ok(r.senses[0].score >= r.senses[1].score);
    assert.ok(Math.abs(r.margin - (r.senses[0].score - r.senses[1].score)) < 1e-12);
    assert.equal(r.neighbours.length, 2);
    for (const n of r.neighbours) assert.equal(n.sentence.slice(n.targetStart, n.targetEnd), 'bank');
    assert.equal(r.vector.length, 128);
  });

  it('is undefined for text without an inventory word', async () => {
    assert.equal(await engine.classify('Nothing to see here.', 3, SUM4), undefined);
  });

  it('layer choice and pooling change the vector as the recipe says', async () => {
    const text = 'the bank approved the loan';
    const sum4 = (await engine.classify(text, 5, SUM4))!;
    const mean4 = (await engine.classify(text, 5, { ...PAPER_RUN, vector: { layers: 4, pooling: 'mean' } }))!;
    const sum1 = (await engine.classify(text, 5, { ...PAPER_RUN, vector: { layers: 1, pooling: 'sum' } }))!;
    sum4.vector.forEach((v, i) => assert.ok(Math.abs(v / 4 - mean4.vector[i]) < 1e-5));
    assert.notDeepEqual([...sum1.vector], [...sum4.vector]);
    await assert.rejects(engine.classify(text, 5, { ...PAPER_RUN, vector: { layers: 0, pooling: 'sum' } }), RangeError);
  });

  it("uses the model's depth for a deeper layer setting, and says so once", async () => {
    const notices: unknown[] = [];
    const deep = fixtureEngine({ cacheDir, onNotice: (n) => notices.push(n) });
    try {
      const text = 'the bank approved the loan';
      const all = (await deep.classify(text, 5, SUM4))!;
      const nine = (await deep.classify(text, 5, { ...PAPER_RUN, vector: { layers: 9, pooling: 'sum' } }))!;
      await deep.classify(text, 5, { ...PAPER_RUN, vector: { layers: 9, pooling: 'sum' } });
      assert.deepEqual(nine.options, { layers: 4, pooling: 'sum' });
      assert.deepEqual([...nine.vector], [...all.vector]);
      assert.deepEqual(notices, [{ kind: 'layers-clamped', model: FIXTURE_MODEL, requested: 9, depth: 4 }]);
    } finally {
      await deep.dispose();
    }
  });

  it('classifies every occurrence in a document, plurals and possessives included', async () => {
    const text = "The bank's vault was full.\nBanks of the river flooded. A bass sang low.";
    const all = await engine.classifyAll(text, SUM4);
    assert.deepEqual(all.map((r) => [r.target.word, r.target.surface]), [['bank', "bank's"], ['bank', 'Banks'], ['bass', 'bass']]);
    assert.equal(all[2].senses.length, 3);
  });

  it('plots training points, centroids and document occurrences with PCA axes', async () => {
    const docs = await engine.classifyAll('We fished from the bank. The bank raised rates.', SUM4);
    const plot = await engine.plot('bank', docs, { ...PAPER_RUN, vector: { layers: 2, pooling: 'mean' } });
    const count = (kind: string) => plot.points.filter((p) => p.kind === kind).length;
    assert.equal(count('train'), 10);
    assert.equal(count('centroid'), 2);
    assert.equal(count('document'), 2);
    assert.deepEqual(plot.senses.map((s) => s.label), ['bank (financial institution)', 'bank (geography)']);
    assert.equal(plot.projection.method, 'pca');
    assert.ok(plot.explained && plot.explained[0] > 0 && plot.explained[0] + plot.explained[1] <= 1 + 1e-9);
    assert.deepEqual(plot.options, { layers: 2, pooling: 'mean' });
    await assert.rejects(engine.plot('banana', [], SUM4), EngineError);
  });

  it('plots with UMAP and t-SNE on request: the same plot twice, progress, no variance, cancellable', async () => {
    const docs = await engine.classifyAll('We fished from the bank. The bank raised rates.', SUM4);
    for (const projection of ['umap', 'tsne'] as const) {
      const events: EngineProgress[] = [];
      const run = () => engine.plot('bank', docs, { ...SUM4, projection, onProgress: (p) => events.push(p) });
      const [a, b] = [await run(), await run()];
      assert.equal(a.projection.method, projection);
      assert.equal(a.explained, undefined);
      assert.equal(a.points.length, 14);
      assert.ok(a.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
      assert.deepEqual(b.points, a.points, 'seeded: reproducible');
      assert.ok(events.some((e) => e.kind === 'project' && e.method === projection && e.done === e.total));
      const controller = new AbortController();
      const cancelled = engine.plot('bank', docs, {
        ...SUM4,
        projection,
        signal: controller.signal,
        onProgress: (p) => p.kind === 'project' && controller.abort(),
      });
      await assert.rejects(cancelled, isCancellation);
    }
  });

  it('answers for the probe with the centroid until it is trained, then with its probabilities, cached on disk', async () => {
    const text = 'They rowed to the bank of the river.';
    const probe = { ...SUM4, classifier: { method: 'probe' } as const };
    const first = (await engine.classify(text, at(text, 'bank'), probe))!;
    assert.deepEqual(first.classifier, { method: 'centroid' });
    assert.deepEqual(first.requested, { method: 'probe' });
    const trained = (await engine.classify(text, at(text, 'bank'), { ...probe, awaitProbe: true }))!;
    assert.deepEqual(trained.classifier, { method: 'probe' });
    assert.equal(trained.requested, undefined);
    assert.ok(Math.abs(trained.senses.reduce((a, s) => a + s.score, 0) - 1) < 1e-9);
    // The nearest training sentences still come from the exemplar search.
    assert.deepEqual(trained.neighbours, first.neighbours);
    const [folder] = await fs.readdir(path.join(cacheDir, 'indexes'));
    const files = await fs.readdir(path.join(cacheDir, 'indexes', folder, 'probes'));
    assert.deepEqual(files.filter((f) => f.startsWith('bank.last4sum.') && f.endsWith('.probe.json')).length, 1);
  });

  it('caps training examples per sense', async () => {
    const index = await engine.senseIndex('bank', { ...SUM4, maxExamplesPerSense: 3 });
    assert.deepEqual(index.counts, [3, 3]);
  });
});

describe('SenseEngine capped indexes', () => {
  it('answers from a capped index, then completes the full index in the background', async () => {
    const cacheDir = await tempDir('background');
    const engine = fixtureEngine({ cacheDir });
    const capped = { ...SUM4, maxExamplesPerSense: 2, completeIndexInBackground: true };
    assert.deepEqual((await engine.senseIndex('bank', capped)).counts, [2, 2]);
    let index = await engine.senseIndex('bank', capped);
    for (let i = 0; i < 200 && index.counts[0] < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      index = await engine.senseIndex('bank', capped);
    }
    assert.deepEqual(index.counts, [5, 5]);
    assert.deepEqual((await engine.senseIndex('bank', { ...SUM4, maxExamplesPerSense: 2 })).counts, [2, 2], 'a plain capped request stays capped');
    await engine.dispose();

    // A later session finds every vector stored and starts with the full index.
    const later = fixtureEngine({ cacheDir });
    assert.deepEqual((await later.senseIndex('bank', capped)).counts, [5, 5]);
    await later.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });
});

describe('SenseEngine caching and faults', () => {
  it('reuses the on-disk vectors: a second engine builds nothing, a corrupt cache is rebuilt', async () => {
    const cacheDir = await tempDir('reuse');
    const events: EngineProgress[] = [];
    const make = () => fixtureEngine({ cacheDir });
    const first = make();
    const a = (await first.classify('the bank of the river', 5, { ...SUM4, onProgress: (p) => events.push(p) }))!;
    await first.dispose();
    assert.ok(events.some((e) => e.kind === 'index' && e.total === 10));

    events.length = 0;
    const second = make();
    const b = (await second.classify('the bank of the river', 5, { ...SUM4, onProgress: (p) => events.push(p) }))!;
    await second.dispose();
    assert.deepEqual(events.filter((e) => e.kind === 'index'), []);
    assert.deepEqual(b.senses.map((s) => s.score), a.senses.map((s) => s.score));

    const [folder] = await fs.readdir(path.join(cacheDir, 'indexes'));
    const [name] = (await fs.readdir(path.join(cacheDir, 'indexes', folder))).filter((f) => /^bank\.\w+\.last4\.w\d+\.bwsv$/.test(f));
    const file = path.join(cacheDir, 'indexes', folder, name);
    await fs.truncate(file, 100);
    events.length = 0;
    const third = make();
    const c = (await third.classify('the bank of the river', 5, { ...SUM4, onProgress: (p) => events.push(p) }))!;
    await third.dispose();
    assert.ok(events.some((e) => e.kind === 'index' && e.total === 10), 'corrupt cache was not rebuilt');
    assert.deepEqual(c.senses.map((s) => s.score), a.senses.map((s) => s.score));
    await fs.rm(cacheDir, { recursive: true });
  });

  it('cancels an index build, keeps what it had, and the next call completes', async () => {
    const cacheDir = await tempDir('cancel');
    const engine = fixtureEngine({ cacheDir });
    await engine.load();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(engine.classify('the bank', 5, { ...SUM4, signal: controller.signal }), (e: unknown) => isCancellation(e));
    const r = await engine.classify('the bank', 5, SUM4);
    assert.equal(r?.target.word, 'bank');
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });

  it('disposing with forward passes in flight settles them and refuses new work', async () => {
    const cacheDir = await tempDir('dispose');
    const engine = fixtureEngine({ cacheDir });
    await engine.senseIndex('bank', SUM4);
    const texts = Array.from({ length: 12 }, (_, i) => `Story ${i}: ${'and so on '.repeat(i * 5)} the bank of the river.`);
    const running = Promise.allSettled(texts.map((t) => engine.classify(t, t.indexOf('bank') + 1, SUM4)));
    await engine.dispose();
    const settled = await running;
    for (const s of settled) {
      if (s.status === 'fulfilled') assert.equal(s.value?.target.word, 'bank');
      else assert.ok(isCancellation(s.reason), String(s.reason));
    }
    await assert.rejects(engine.classify('the bank', 5, SUM4), (e: unknown) => isCancellation(e));
    await fs.rm(cacheDir, { recursive: true });
  });

  it('reports a dataset folder that lacks the word', async () => {
    const cacheDir = await tempDir('noword');
    const engine = fixtureEngine({ cacheDir });
    await assert.rejects(engine.classify('The crane lifted steel.', 5, SUM4), (e: unknown) => e instanceof EngineError && e.code === 'dataset-missing' && /crane/.test(e.message));
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });

  it('retries a failed model load after the folder is fixed', async () => {
    const cacheDir = await tempDir('retry');
    const folder = path.join(cacheDir, 'model');
    const engine = fixtureEngine({ model: folder, cacheDir });
    await assert.rejects(engine.load(), (e: unknown) => e instanceof EngineError && e.code === 'model-not-found');
    await fs.cp(FIXTURE_MODEL, folder, { recursive: true });
    await engine.load();
    assert.equal(engine.numLayers, 4);
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true });
  });
});
