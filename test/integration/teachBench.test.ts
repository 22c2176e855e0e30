import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { teachWordData } from '../../bench/wsd/teachSet';
import { silentLogger } from '../../src/shared/logger';
import { Dataset } from '../../src/senses/dataset';
import { SenseEngine } from '../../src/senses/senseEngine';
import { FIXTURE_MODEL, fixtureEngine, MINI_DATASET, PAPER_ENGINE, PAPER_RUN, tempDir } from './helpers';

const SUM4 = PAPER_RUN;

/** `bench:wsd --teach` must give the numbers of `--shots`: a taught training set is the same index as that set read as a dataset. */
describe('a training split taught through the store equals it read as a dataset', () => {
  let dir: string;
  before(async () => (dir = await tempDir('teach-bench')));
  after(() => fs.rm(dir, { recursive: true, force: true }));

  for (const word of ['bank', 'bass']) {
    it(`${word}: same senses, sense vectors and decisions`, async () => {
      const store = path.join(dir, word, 'word-senses.json');
      const dataset = new Dataset({ folder: MINI_DATASET, cacheDir: dir, allowNetwork: false, logger: silentLogger });
      const train = await dataset.load(word, 'train');
      const writer = new SenseEngine({ ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir: dir, allowNetwork: false, coarsewsd20: false, taughtStores: [store] });
      await teachWordData(writer, train);
      await writer.dispose();

      const taught = new SenseEngine({ ...PAPER_ENGINE, model: FIXTURE_MODEL, cacheDir: path.join(dir, 'c1'), allowNetwork: false, coarsewsd20: false, taughtStores: [store] });
      const read = fixtureEngine({ cacheDir: path.join(dir, 'c2') });
      try {
        const a = await taught.senseIndex(word, SUM4);
        const b = await read.senseIndex(word, SUM4);
        assert.deepEqual(a.senses.toSorted(), b.senses.toSorted());
        assert.equal(a.examples.length, train.examples.length);
        for (const [s, sense] of b.senses.entries()) {
          const t = a.senses.indexOf(sense);
          assert.equal(a.counts[t], b.counts[s]);
          assert.deepEqual(a.centroids[t], b.centroids[s], `sense vector of ${sense}`);
          assert.equal(a.labels[t], b.labels[s]);
        }
        const test = await dataset.load(word, 'test');
        for (const e of test.examples) {
          const text = e.sentence;
          const [x, y] = await Promise.all([taught.classify(text, e.start, SUM4), read.classify(text, e.start, SUM4)]);
          assert.equal(x?.winner.sense, y?.winner.sense, text);
          assert.equal(x?.winner.score, y?.winner.score, text);
        }
      } finally {
        await taught.dispose();
        await read.dispose();
      }
    });
  }
});
