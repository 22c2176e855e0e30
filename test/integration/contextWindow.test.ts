/**
 * The context window: training sentences and document contexts longer than `contextWindow` ids
 * are cut to a window centred on the target, the same way for both, and cached per window.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SenseEngine } from '../../src/senses/senseEngine';
import { fixtureEngine, PAPER_RUN, tempDir } from './helpers';

const SUM4 = PAPER_RUN;
const SHORT = 'They rowed to the bank of the river.';
// About 60 ids, the target in the middle: a 16-id window sees only its neighbourhood.
const LONG =
  'After a long morning of walking through the hills and the forests of the valley, with the dogs running ahead, ' +
  'they rowed to the bank of the river, ' +
  'where the old mill had stood for three hundred years before the great flood took it away one spring night.';

describe('context window', () => {
  let cacheDir: string;
  let narrow: SenseEngine;
  let whole: SenseEngine;
  before(async () => {
    cacheDir = await tempDir('window');
    narrow = fixtureEngine({ cacheDir, contextWindow: 16 });
    whole = fixtureEngine({ cacheDir, contextWindow: 0 });
  });
  after(async () => {
    await narrow.dispose();
    await whole.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('cuts a long context around the target and leaves a short one whole', async () => {
    const long = (await narrow.classify(LONG, LONG.indexOf('bank') + 1, SUM4))!;
    const longWhole = (await whole.classify(LONG, LONG.indexOf('bank') + 1, SUM4))!;
    assert.ok(maxDiff(long.vector, longWhole.vector) > 1e-3, 'a 16-id window changes the vector of a 60-id context');
    const short = (await narrow.classify(SHORT, SHORT.indexOf('bank') + 1, SUM4))!;
    const shortWhole = (await whole.classify(SHORT, SHORT.indexOf('bank') + 1, SUM4))!;
    assert.ok(maxDiff(short.vector, shortWhole.vector) < 1e-5, 'a context within the window is not cut');
  });

  it('keeps training vectors per window: the same word, two windows, two cache files', async () => {
    await narrow.senseIndex('bank', SUM4);
    await whole.senseIndex('bank', SUM4);
    const files = (await fs.readdir(cacheDir, { recursive: true })).filter((f) => /bank\..*\.bwsv$/.test(String(f)));
    assert.deepEqual(files.map((f) => /\.w(\d+)\.bwsv$/.exec(String(f))?.[1]).sort(), ['128', '16']);
  });
});

function maxDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
