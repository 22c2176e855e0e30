import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIRST_PER_SENSE } from '../../src/senses/senseEngine';
import type { Classification } from '../../src/senses/types';
import { fixtureEngine, PAPER_RUN, tempDir } from './helpers';

/**
 * The progressive index needs words with more than a handful of examples per sense: CoarseWSD-20
 * (CC BY-NC 4.0, never in this repository) from $COARSEWSD20_DIR or ../shared/data/coarsewsd20,
 * skipped when neither exists.
 */
const candidates = [process.env.COARSEWSD20_DIR, path.resolve(__dirname, '../../../shared/data/coarsewsd20')];
const folder = candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'seal', 'train.data.txt')));
const skip = folder ? false : 'CoarseWSD-20 not found: set COARSEWSD20_DIR or place it at ../shared/data/coarsewsd20';

const SUM4 = PAPER_RUN;
const TEXT = 'The seal of the king was pressed into the red wax on the letter.';
const OFFSET = TEXT.indexOf('seal') + 1;

describe('progressive sense index', { skip }, () => {
  it('answers a new word from a first sample, then from the capped and the full index, ending where a full index answers', async () => {
    const cacheDir = await tempDir('progressive');
    const engine = fixtureEngine({ datasetFolder: folder, cacheDir });
    const hover = { ...SUM4, maxExamplesPerSense: 30, completeIndexInBackground: true };
    const first = (await engine.classify(TEXT, OFFSET, hover))!;
    assert.equal(first.indexStage, 'first');
    assert.deepEqual(first.senses.map((s) => s.examples), Array(4).fill(FIRST_PER_SENSE));

    let result: Classification = first;
    for (let i = 0; i < 600 && result.indexStage !== 'full'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      result = (await engine.classify(TEXT, OFFSET, hover))!;
    }
    assert.equal(result.indexStage, 'full');
    await engine.dispose();

    // The final answer is the full index's: the same as an engine asked for all examples at once.
    const plain = fixtureEngine({ datasetFolder: folder, cacheDir: await tempDir('progressive-plain') });
    const full = (await plain.classify(TEXT, OFFSET, { ...SUM4, maxExamplesPerSense: 0 }))!;
    assert.equal(full.indexStage, 'full');
    assert.deepEqual(
      result.senses.map((s) => [s.sense, s.examples]),
      full.senses.map((s) => [s.sense, s.examples]),
    );
    result.senses.forEach((s, i) => assert.ok(Math.abs(s.score - full.senses[i].score) < 1e-5));
    await plain.dispose();

    // A later session finds every vector stored and answers from the full index at once.
    const later = fixtureEngine({ datasetFolder: folder, cacheDir });
    assert.equal((await later.classify(TEXT, OFFSET, hover))!.indexStage, 'full');
    await later.dispose();
    await fs.promises.rm(cacheDir, { recursive: true });
  });
});
