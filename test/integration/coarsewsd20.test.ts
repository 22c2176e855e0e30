import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../../src/shared/logger';
import { COARSEWSD20_WORDS, Dataset } from '../../src/senses/dataset';

/**
 * CoarseWSD-20 is CC BY-NC 4.0 and never part of this repository: these tests read it from
 * $COARSEWSD20_DIR or ../shared/data/coarsewsd20 and are skipped when neither exists.
 */
const candidates = [process.env.COARSEWSD20_DIR, path.resolve(__dirname, '../../../shared/data/coarsewsd20')];
const folder = candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'bank', 'train.data.txt')));
const skip = folder ? false : 'CoarseWSD-20 not found: set COARSEWSD20_DIR or place it at ../shared/data/coarsewsd20';

describe('CoarseWSD-20 reader on the real dataset', { skip }, () => {
  const dataset = new Dataset({ folder, cacheDir: '/nonexistent', allowNetwork: false, logger: silentLogger });

  for (const word of COARSEWSD20_WORDS) {
    it(`${word}: every example's target span is a form of the word, every sense is known`, async () => {
      for (const split of ['train', 'test'] as const) {
        const data = await dataset.load(word, split);
        const lines = fs.readFileSync(path.join(folder!, word, `${split}.data.txt`), 'utf8').split('\n').filter(Boolean).length;
        assert.equal(data.examples.length, lines);
        const senses = new Set(data.senses);
        for (const e of data.examples) {
          assert.ok(senses.has(e.sense));
          assert.ok(e.sentence.slice(e.start, e.end).includes(word), `${word}: "${e.sentence.slice(e.start, e.end)}"`);
        }
      }
    });
  }
});
