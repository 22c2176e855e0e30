import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { WordNetDatabase } from '../../src/senses/wordnet';
import { ancestors, coarseAssignment, pathLength } from '../../bench/wsd/wordnetCoarse';
import { chooseMargin, chooseWeights, type Scored } from '../../bench/wsd/wordnetTune';

describe('bench:wsd --inventory wordnet helpers', () => {
  const db = new WordNetDatabase(path.resolve(__dirname, '../fixtures/wordnet-mini'));
  after(() => db.close());

  it('measures hypernym paths and assigns synsets to the nearest mapped sense', async () => {
    assert.deepEqual(await ancestors(db, 352), new Map([[352, 0], [133, 1]]));
    assert.equal(pathLength(new Map([[1, 0], [9, 2]]), new Map([[2, 0], [9, 1]])), 3);
    assert.equal(pathLength(new Map([[1, 0]]), new Map([[2, 0]])), Infinity);
    // The slope synset is the river bank's hypernym: it joins the geography sense; the institution joins finance.
    const assigned = await coarseAssignment(db, [352, 532, 133, 250], new Map([['geo', 352], ['fin', 532]]));
    assert.deepEqual(assigned, new Map([[352, 'geo'], [532, 'fin'], [133, 'geo'], [250, 'fin']]));
  });

  it('chooses the weights that classify validation best', () => {
    // Gloss cosines point to the wrong sense, example cosines to the right one: examples must win.
    const s: Scored = { exampleCos: [0.9, 0.2], glossCos: [0.1, 0.9], tagCounts: [0, 10], gold: 0 };
    const best = chooseWeights([[s, s]]);
    assert.equal(best.accuracy, 1);
    assert.ok(best.exampleWeight >= 0.75);
  });

  it('puts the uncertain threshold between wrong winners’ small margins and right ones’ large margins', () => {
    const t = chooseMargin([0.01, 0.02, 0.03, 0.2, 0.3], [false, false, true, true, true]);
    assert.equal(t, 0.03);
    assert.equal(chooseMargin([0.1, 0.2], [true, true]), 0);
  });
});
