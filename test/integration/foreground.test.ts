import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { EngineNotice, OccurrenceContext } from '../../src/senses/types';
import { runSettings, callSettingsOf } from '../../src/shared/settings';
import { FIXTURE_MODEL, tempDir } from './helpers';

/**
 * Hovers while background completion runs need words with many examples per sense: CoarseWSD-20
 * (CC BY-NC 4.0, never in this repository) from $COARSEWSD20_DIR or ../shared/data/coarsewsd20,
 * skipped when neither exists.
 */
const candidates = [process.env.COARSEWSD20_DIR, path.resolve(__dirname, '../../../shared/data/coarsewsd20')];
const folder = candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'seal', 'train.data.txt')));
const skip = folder ? false : 'CoarseWSD-20 not found: set COARSEWSD20_DIR or place it at ../shared/data/coarsewsd20';

/** The product's settings (a progressive index), with a smaller cap so completion ends soon on the test model. */
const PRODUCT = runSettings({ maxExamplesPerSense: 30, classifier: 'centroid' });
const RUN = callSettingsOf(PRODUCT);
const SEAL = 'The seal of the king was pressed into the red wax on the letter.';
const BANK = 'They walked along the bank of the river at dawn.';

describe('hovers before background work', { skip }, () => {
  it('answers a repeat hover from memory, lets no background run start during a hover, and tells when answers change', async () => {
    const notices: EngineNotice[] = [];
    const engine = new SenseEngine({ model: FIXTURE_MODEL, dtype: PRODUCT.dtype, contextWindow: PRODUCT.contextWindow, datasetFolder: folder, cacheDir: await tempDir('foreground'), allowNetwork: false, onNotice: (n) => notices.push(n) });
    try {
      const first = (await engine.classify(SEAL, SEAL.indexOf('seal'), RUN))!;
      assert.equal(first.indexStage, 'first');

      // The background completion of seal is under way; the same occurrence again costs no forward pass.
      const passes = engine.forwardPasses;
      const again = (await engine.classify(SEAL, SEAL.indexOf('seal'), RUN))!;
      assert.equal(engine.forwardPasses, passes);
      assert.deepEqual(again.vector, first.vector);

      // A new word's hover (its sentence, then its first index) while seal's batches wait: none starts in between.
      const background = engine.runsStarted!.background;
      let during = NaN;
      const bank = (await engine.foreground(async () => {
        const answer = await engine.classify(BANK, BANK.indexOf('bank'), RUN);
        during = engine.runsStarted!.background;
        return answer;
      }))!;
      assert.equal(bank.indexStage, 'first');
      assert.equal(during, background);
      assert.ok(engine.runsStarted!.hover > 0);

      // Completion upgrades seal and says so; the occurrence is decided again from its cached embedding.
      const occurrence: OccurrenceContext = { target: first.target, context: first.context, contextStart: first.contextStart, contextEnd: first.contextEnd };
      for (let i = 0; i < 1200 && (await engine.reclassify([occurrence], RUN))[0]!.indexStage !== 'full'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.ok(notices.some((n) => n.kind === 'senses-changed' && n.word === 'seal'));
      const passesBefore = engine.forwardPasses;
      const [redecided] = await engine.reclassify([occurrence], RUN);
      const hovered = (await engine.classify(SEAL, SEAL.indexOf('seal'), RUN))!;
      assert.equal(engine.forwardPasses, passesBefore, 'decided again from the cached embedding');
      assert.equal(redecided!.indexStage, 'full');
      assert.deepEqual(
        redecided!.senses.map((s) => [s.sense, s.score]),
        hovered.senses.map((s) => [s.sense, s.score]),
      );
    } finally {
      await engine.dispose();
    }
  });
});
