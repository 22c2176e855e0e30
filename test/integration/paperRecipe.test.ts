/**
 * `--recipe paper` is the paper's 1-NN recipe exactly: its per-sentence predictions (the engine's
 * classify path with the preset's settings) equal those of the whole-sentence centroid path built
 * by hand here (every training sentence whole, the sum of the last 4 layers, fp32, the sense mean,
 * the highest cosine).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { cosine, meanVector } from '../../src/bert/vectors';
import { Dataset, SenseEngine } from '../../src/senses';
import { silentLogger } from '../../src/shared/logger';
import { callSettingsOf, engineSettingsOf, runSettings } from '../../src/shared/settings';
import { FIXTURE_MODEL, MINI_DATASET, tempDir } from './helpers';

describe('the paper recipe', () => {
  let cacheDir: string;
  const paper = runSettings({ model: FIXTURE_MODEL, datasetFolder: MINI_DATASET, allowNetwork: false }, 'paper');
  let engine: SenseEngine;
  let reference: SenseEngine;

  before(async () => {
    cacheDir = await tempDir('paper-recipe');
    engine = new SenseEngine({ ...engineSettingsOf(paper), cacheDir: `${cacheDir}/paper` });
    reference = new SenseEngine({ model: FIXTURE_MODEL, dtype: 'fp32', contextWindow: 0, datasetFolder: MINI_DATASET, cacheDir: `${cacheDir}/reference`, allowNetwork: false });
  });
  after(async () => {
    await engine.dispose();
    await reference.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('is the whole sentence, centroids over every example, the last 4 layers summed, fp32, no substitutes', () => {
    assert.deepEqual(
      { window: paper.contextWindow, classifier: paper.classifier, max: paper.maxExamplesPerSense, background: paper.completeIndexInBackground, layers: paper.layers, pooling: paper.pooling, dtype: paper.dtype, substitutes: paper.substitutes },
      { window: 0, classifier: 'centroid', max: 0, background: false, layers: 4, pooling: 'sum', dtype: 'fp32', substitutes: 'off' },
    );
  });

  it('predicts every test sentence as the whole-sentence centroid path does', async () => {
    const dataset = new Dataset({ folder: MINI_DATASET, cacheDir: `${cacheDir}/datasets`, allowNetwork: false, logger: silentLogger });
    const run = callSettingsOf(paper);
    const vector = { layers: 4, pooling: 'sum' as const };
    let compared = 0;
    for (const word of ['bank', 'bass']) {
      const train = await dataset.load(word, 'train');
      const test = await dataset.load(word, 'test');
      const trainVectors = await reference.embedExamples(train.examples, { vector });
      const centroids = train.senses.map((sense) =>
        meanVector(train.examples.flatMap((e, i) => (e.sense === sense && trainVectors[i] ? [trainVectors[i]!] : [])), trainVectors.find(Boolean)!.length),
      );
      const testVectors = await reference.embedExamples(test.examples, { vector });
      for (const [i, e] of test.examples.entries()) {
        const v = testVectors[i];
        if (!v) continue;
        const scores = centroids.map((c) => cosine(v, c));
        const expected = train.senses[scores.indexOf(Math.max(...scores))];
        const target = { word, surface: e.sentence.slice(e.start, e.end), start: e.start, end: e.end };
        const got = await engine.classifyTarget(e.sentence, target, run);
        assert.equal(got?.winner.sense, expected, `${word} test ${i}: ${e.sentence}`);
        compared++;
      }
    }
    assert.ok(compared > 0, 'no test sentence was compared');
  });
});
