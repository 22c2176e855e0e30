import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyVector } from '../../src/senses/classify';
import type { WordData } from '../../src/senses/dataset';
import { buildSenseIndex, knnScores, nearestExamples, sampleIndices } from '../../src/senses/senseIndex';
import { poolLayers } from '../../src/bert/vectors';

/** Two senses in 2-D, each example stored as 2 layers × 2 dims (layer values chosen by hand). */
function word(points: [string, number[]][]): { data: WordData; means: Map<number, Float32Array> } {
  const data: WordData = {
    word: 'bank',
    fingerprint: 'test',
    senses: ['bank_bank', 'bank_bank_(geography)'],
    examples: points.map(([sense]) => ({ sentence: 'x bank y', start: 2, end: 6, sense })),
  };
  return { data, means: new Map(points.map(([, v], i) => [i, Float32Array.from(v)])) };
}

describe('poolLayers', () => {
  it('sums or averages the last k layers', () => {
    const means = Float32Array.from([1, 2, 10, 20, 100, 200]); // 3 layers × 2 dims
    assert.deepEqual([...poolLayers(means, 2, { layers: 2, pooling: 'sum' })], [110, 220]);
    assert.deepEqual([...poolLayers(means, 2, { layers: 2, pooling: 'mean' })], [55, 110]);
    assert.deepEqual([...poolLayers(means, 2, { layers: 1, pooling: 'sum' })], [100, 200]);
  });
});

describe('sense index and classifiers', () => {
  // Layer 2 (last) carries the signal; layer 1 is noise that cancels in the centroids.
  const { data, means } = word([
    ['bank_bank', [0, 1, 1, 0]],
    ['bank_bank', [0, -1, 3, 0]],
    ['bank_bank_(geography)', [1, 0, 0, 1]],
    ['bank_bank_(geography)', [-1, 0, 0, 3]],
    ['bank_bank_(geography)', [0, 0, 2.9, 0.5]], // an outlier that sits among the other sense
  ]);
  const index = buildSenseIndex(data, [0, 1, 2, 3, 4], means, 2, { layers: 1, pooling: 'sum' });

  it('makes each sense vector the mean of its training vectors', () => {
    assert.deepEqual([...index.centroids[0]], [2, 0]);
    assert.ok(Math.abs(index.centroids[1][0] - 2.9 / 3) < 1e-6);
    assert.ok(Math.abs(index.centroids[1][1] - 4.5 / 3) < 1e-6);
    assert.deepEqual(index.counts, [2, 3]);
    assert.deepEqual(index.labels, ['bank (financial institution)', 'bank (geography)']);
  });

  it('centroid 1-NN picks the sense with the highest cosine, with margin and neighbours', () => {
    const d = classifyVector(index, Float32Array.from([1, 0.1]), { method: 'centroid' });
    assert.equal(d.winner.sense, 'bank_bank');
    assert.ok(Math.abs(d.winner.score - 1 / Math.hypot(1, 0.1)) < 1e-6);
    assert.ok(Math.abs(d.margin - (d.senses[0].score - d.senses[1].score)) < 1e-12);
    assert.equal(d.neighbours.length, 2);
    assert.equal(d.neighbours[0].score >= d.neighbours[1].score, true);
  });

  it('k-NN votes: 1-NN follows the nearest example, majority of 3 can overrule it', () => {
    const v = Float32Array.from([2.9, 0.45]); // nearest example: the outlier (geography)
    assert.equal(classifyVector(index, v, { method: 'knn', k: 1, weighted: false }).winner.sense, 'bank_bank_(geography)');
    assert.equal(classifyVector(index, v, { method: 'knn', k: 3, weighted: false }).winner.sense, 'bank_bank');
    const shares = knnScores(index, v, 3, false);
    assert.deepEqual(shares.map((s) => Math.round(s * 3)), [2, 1]);
  });

  it('weighted k-NN weighs votes by cosine', () => {
    const v = Float32Array.from([0.2, 1]);
    const shares = knnScores(index, v, 5, true);
    assert.ok(Math.abs(shares[0] + shares[1] - 1) < 1e-9);
    assert.ok(shares[1] > shares[0]);
  });
});

describe('sampleIndices', () => {
  const { data } = word([
    ...Array.from({ length: 10 }, (): [string, number[]] => ['bank_bank', [0]]),
    ...Array.from({ length: 3 }, (): [string, number[]] => ['bank_bank_(geography)', [0]]),
  ]);
  it('keeps at most cap per sense, reproducibly', () => {
    const a = sampleIndices(data, 4);
    assert.equal(a.filter((i) => i < 10).length, 4);
    assert.equal(a.filter((i) => i >= 10).length, 3);
    assert.deepEqual(sampleIndices(data, 4), a);
    assert.deepEqual(sampleIndices(data, 0).length, 13);
  });
});

describe('nearestExamples', () => {
  it('returns the n most similar examples, best first, like a full sort', () => {
    const points: [string, number[]][] = Array.from({ length: 40 }, (_, i) => ['bank_bank', [Math.cos(i * 1.7), Math.sin(i * 1.7)]]);
    const { data, means } = word(points);
    const index = buildSenseIndex(data, points.map((_, i) => i), means, 2, { layers: 1, pooling: 'sum' });
    const v = Float32Array.from([0.3, -1]);
    for (const n of [1, 2, 5, 40, 50]) {
      const expected = index.units
        .map((u, example) => ({ example, score: u[0] * v[0] / Math.hypot(0.3, 1) + u[1] * v[1] / Math.hypot(0.3, 1) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, n);
      const got = nearestExamples(index, v, n);
      assert.deepEqual(got.map((g) => g.example), expected.map((e) => e.example), `n = ${n}`);
    }
  });
});
