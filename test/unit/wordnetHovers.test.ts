import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { sentenceContext } from '../../src/shared/inventory';
import { wordAt } from '../../src/shared/words';
import { WordNetSenses, type Embedder } from '../../src/senses/wordnet';

/** Which words get a WordNet hover by default, on the packaged WordNet 3.1 and wink's stop words (no model). */
describe('WordNet hovers: ambiguous words only by default', async () => {
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'wordnet-hovers-'));
  let embedded = 0;
  // Counts the model work a ranking asks for, and has none to give: a skipped word never gets here.
  const embedder = {
    embedExamples: async () => {
      embedded++;
      throw new Error('no model in this test');
    },
  } as unknown as Embedder;
  const wordnet = new WordNetSenses({ embedder, cacheDir });
  after(async () => {
    await wordnet.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });
  const context = (text: string, word: string) => sentenceContext(text, wordAt(text, text.indexOf(word))!);

  it('skips stop words, and words whose lemma is one (went is go)', async () => {
    assert.equal(await wordnet.isAmbiguous(context('She went home early.', 'went')), false);
    assert.equal(await wordnet.isAmbiguous(context('It was very cold.', 'very')), false);
    assert.equal(await wordnet.isAmbiguous(context('They made a cake.', 'made')), false);
  });

  it('skips a word whose lemma has one sense in its part of speech', async () => {
    assert.equal(await wordnet.isAmbiguous(context('We saw the giraffe there.', 'giraffe')), false);
    assert.equal(await wordnet.isAmbiguous(context('Leaves need photosynthesis to grow.', 'photosynthesis')), false);
  });

  it('keeps a word with senses to choose from', async () => {
    assert.equal(await wordnet.isAmbiguous(context('The plant makes cars.', 'plant')), true);
    assert.equal(await wordnet.isAmbiguous(context('The cells divided quickly.', 'cells')), true);
  });

  it("rankSpan skips before any model work with 'ambiguous', and ranks every word with 'all'", async () => {
    const text = 'We saw the giraffe there.';
    const span = wordAt(text, text.indexOf('giraffe'))!;
    const options = { vector: { layers: 4, pooling: 'sum' as const } };
    assert.equal(await wordnet.rankSpan(text, span, { ...options, hovers: 'ambiguous' }), undefined);
    assert.equal(embedded, 0);
    await assert.rejects(wordnet.rankSpan(text, span, { ...options, hovers: 'all' }), /no model/);
    assert.ok(embedded > 0);
  });
});
