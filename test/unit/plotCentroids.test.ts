/**
 * Where a sense centroid lands on the plot: inside the chart's data range and its own sense's points
 * for every layout, at the mean of those points, which under PCA is the projection of the centroid
 * vector itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanVector } from '../../src/bert/vectors';
import { plotData } from '../../src/senses/plot';
import { projectPoints } from '../../src/senses/projection';
import { gaussian, seededRandom } from '../../src/senses/random';
import type { SenseIndex } from '../../src/senses/senseIndex';
import type { PlotPoint, ProjectionMethod } from '../../src/senses/types';

const DIMS = 32;
const SENSES = 4;
const PER_SENSE = 15;

/** Four Gaussian clusters of unequal spread, like the senses of a word: one tight, one wide. */
function index(): SenseIndex {
  const normal = gaussian(seededRandom(11));
  const centres = Array.from({ length: SENSES }, () => Float32Array.from({ length: DIMS }, () => normal() * 3));
  const senseOf = Int32Array.from({ length: SENSES * PER_SENSE }, (_, i) => i % SENSES);
  const vectors = [...senseOf].map((s) => Float32Array.from(centres[s], (c) => c + normal() * (0.5 + s)));
  const senses = Array.from({ length: SENSES }, (_, s) => `sense${s}`);
  return {
    word: 'bank',
    senses,
    labels: senses,
    sources: senses.map(() => 'coarsewsd20' as const),
    descriptions: senses.map(() => undefined),
    options: { layers: 1, pooling: 'sum' },
    examples: vectors.map((_, i) => ({ sentence: `sentence ${i}`, sense: senses[senseOf[i]] }) as SenseIndex['examples'][number]),
    senseOf,
    vectors,
    units: vectors,
    centroids: senses.map((_, s) => meanVector(vectors.filter((_, i) => senseOf[i] === s), DIMS)),
    counts: senses.map(() => PER_SENSE),
  };
}

function range(points: readonly PlotPoint[]): { x: [number, number]; y: [number, number] } {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...ys), Math.max(...ys)] };
}

const inside = (p: PlotPoint, r: ReturnType<typeof range>) => p.x >= r.x[0] && p.x <= r.x[1] && p.y >= r.y[0] && p.y <= r.y[1];

describe('sense centroids on the plot', () => {
  const senseIndex = index();
  for (const method of ['tsne', 'umap', 'pca'] as const satisfies readonly ProjectionMethod[]) {
    it(`${method}: every centroid is inside the chart's data range and its sense's points, at their mean`, async () => {
      const data = await plotData(senseIndex, [], senseIndex.options, 0, method);
      assert.equal(data.projection.method, method);
      const train = data.points.filter((p) => p.kind === 'train');
      const centroids = data.points.filter((p) => p.kind === 'centroid');
      assert.equal(centroids.length, SENSES, 'one centroid per sense');
      const all = range(train);
      for (const c of centroids) {
        const own = train.filter((p) => p.sense === c.sense);
        assert.ok(inside(c, all), `${c.sense} at (${c.x}, ${c.y}) is outside the data range ${JSON.stringify(all)}`);
        assert.ok(inside(c, range(own)), `${c.sense} is outside its own points`);
        const mean = [own.reduce((a, p) => a + p.x, 0) / own.length, own.reduce((a, p) => a + p.y, 0) / own.length];
        assert.ok(Math.hypot(c.x - mean[0], c.y - mean[1]) < 1e-9, `${c.sense} is at the mean of its points`);
      }
    });
  }

  it('pca: the mean of the projected points is the projection of the centroid vector (PCA is linear)', async () => {
    const data = await plotData(senseIndex, [], senseIndex.options, 0, 'pca');
    const projected = await projectPoints(senseIndex.vectors, senseIndex.centroids, 'pca');
    const centroids = data.points.filter((p) => p.kind === 'centroid');
    centroids.forEach((c, s) => {
      const [x, y] = projected.points[senseIndex.vectors.length + s];
      assert.ok(Math.hypot(c.x - x, c.y - y) < 1e-4, `${c.sense}: (${c.x}, ${c.y}) vs (${x}, ${y})`);
    });
  });
});
