import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineErrorCode } from '../../src/shared/errors';
import { project2d } from '../../src/senses/pca';
import { projectPoints, PROJECTION_SEED, type Layout } from '../../src/senses/projection';
import { nearestNeighbours } from '../../src/senses/projection/neighbours';
import { gaussian, seededRandom } from '../../src/senses/random';
import { reduceDimensions } from '../../src/senses/projection/reduce';
import { centredRows } from '../../src/senses/projection/rows';
import type { EngineProgress, ProjectionMethod } from '../../src/senses/types';

const METHODS: readonly ProjectionMethod[] = ['pca', 'umap', 'tsne'];

/** `n` vectors in `k` Gaussian clusters (point i in cluster i % k) whose centres are `spread` apart in scale. */
function clusters(n: number, dims: number, k: number, spread: number, seed = 7): Float32Array[] {
  const normal = gaussian(seededRandom(seed));
  const centres = Array.from({ length: k }, () => Float32Array.from({ length: dims }, () => normal() * spread));
  return Array.from({ length: n }, (_, i) => Float32Array.from(centres[i % k], (c) => c + normal()));
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function allFinite(layout: Layout): boolean {
  return layout.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

describe('projectPoints', () => {
  const data = clusters(80, 64, 2, 4);
  const fit = data.slice(0, 70);
  const extra = data.slice(70);

  for (const method of METHODS) {
    describe(method, () => {
      it('gives one finite 2-D point per vector, fitted ones first, and names its method', async () => {
        const layout = await projectPoints(fit, extra, method);
        assert.equal(layout.points.length, fit.length + extra.length);
        assert.ok(allFinite(layout));
        assert.equal(layout.projection.method, method);
        assert.equal(layout.note, undefined);
        assert.equal(layout.explained !== undefined, method === 'pca', 'explained variance only for PCA');
      });

      it('is reproducible: the same vectors give the same layout', async () => {
        const [a, b] = [await projectPoints(fit, extra, method), await projectPoints(fit, extra, method)];
        assert.deepEqual(a.points, b.points);
        assert.deepEqual(a.projection, b.projection);
      });

      it('separates two well-separated clusters', async () => {
        const { points } = await projectPoints(data, [], method);
        // Every point is nearer to its own cluster's 2-D mean than to the other's.
        const means = [0, 1].map((c) => {
          const own = points.filter((_, i) => i % 2 === c);
          return [own.reduce((s, p) => s + p[0], 0) / own.length, own.reduce((s, p) => s + p[1], 0) / own.length];
        });
        const wrong = points.filter((p, i) => distance(p, means[i % 2]) >= distance(p, means[1 - (i % 2)])).length;
        assert.equal(wrong, 0);
      });

      it('reports progress up to the total', async () => {
        const events: EngineProgress[] = [];
        await projectPoints(fit, extra, method, { onProgress: (p) => events.push(p) });
        assert.ok(events.length >= 2);
        for (const e of events) {
          assert.equal(e.kind, 'project');
          if (e.kind === 'project') assert.equal(e.method, method);
        }
        const last = events.at(-1);
        assert.ok(last?.kind === 'project' && last.done === last.total && last.total > 0);
      });

      it('rejects with the engine\'s cancelled error once the signal aborts', async () => {
        const controller = new AbortController();
        let after = 0;
        const run = projectPoints(clusters(400, 64, 3, 4), [], method, {
          signal: controller.signal,
          // UMAP and t-SNE: abort in the middle of the layout; PCA has one step, abort before it.
          onProgress: (p) => {
            if (controller.signal.aborted) after++;
            else if (method === 'pca' || (p.kind === 'project' && p.done > 0)) controller.abort();
          },
        });
        await assert.rejects(run, (error) => engineErrorCode(error) === 'cancelled');
        assert.equal(after, 0, 'no progress after the abort');
        await assert.rejects(projectPoints(fit, [], method, { signal: AbortSignal.abort() }), (error) => engineErrorCode(error) === 'cancelled');
      });
    });
  }

  it('UMAP and t-SNE fit their parameters to small point sets', async () => {
    for (const n of [4, 5, 12]) {
      const small = clusters(n, 16, 2, 4);
      const umap = await projectPoints(small, [], 'umap');
      assert.ok(allFinite(umap), `UMAP, ${n} points`);
      assert.ok(umap.projection.method === 'umap' && umap.projection.nNeighbors < n, `UMAP neighbours < ${n}`);
      const tsne = await projectPoints(small, [], 'tsne');
      assert.ok(allFinite(tsne), `t-SNE, ${n} points`);
      assert.ok(tsne.projection.method === 'tsne' && tsne.projection.perplexity < n, `perplexity < ${n}`);
    }
    const many = await projectPoints(clusters(200, 16, 2, 4), [], 'tsne');
    assert.ok(many.projection.method === 'tsne' && many.projection.perplexity === 30 && many.projection.seed === PROJECTION_SEED);
  });

  it('falls back to PCA, saying so, for fewer than 4 points', async () => {
    for (const n of [1, 2, 3]) {
      for (const method of ['umap', 'tsne'] as const) {
        const layout = await projectPoints(clusters(n, 8, 2, 4), [], method);
        assert.equal(layout.points.length, n);
        assert.ok(allFinite(layout));
        assert.equal(layout.projection.method, 'pca');
        assert.match(layout.note ?? '', new RegExp(`needs at least 4 points \\(there are ${n}\\): showing PCA`));
      }
    }
  });

  it('puts identical vectors at the origin and says why, for every method', async () => {
    const same = Array.from({ length: 6 }, () => Float32Array.from([0.5, -1, 2]));
    for (const method of METHODS) {
      const layout = await projectPoints(same.slice(0, 5), same.slice(5), method);
      assert.deepEqual(layout.points, Array.from({ length: 6 }, () => [0, 0]));
      assert.deepEqual(layout.explained, [0, 0]);
      assert.match(layout.note ?? '', /All 6 vectors are identical/);
    }
  });

  it('PCA: two points lie on PC1 with all the variance, none left for PC2', async () => {
    const layout = await projectPoints([Float32Array.from([1, 2, 3]), Float32Array.from([3, 2, 1])], [], 'pca');
    assert.ok(layout.explained && Math.abs(layout.explained[0] - 1) < 1e-9 && layout.explained[1] === 0, String(layout.explained));
    assert.equal(layout.points[0][1], 0);
    assert.ok(Math.abs(layout.points[0][0] - layout.points[1][0]) > 0);
  });
});

describe('projection helpers', () => {
  it('reduceDimensions keeps the distances of data that lies in a few dimensions', async () => {
    // 120 points of rank 8 in 300 dimensions: the 50-dimensional subspace holds all of it.
    const normal = gaussian(seededRandom(3));
    const basis = Array.from({ length: 8 }, () => Float64Array.from({ length: 300 }, normal));
    const vectors = Array.from({ length: 120 }, () => {
      const w = Array.from({ length: 8 }, normal);
      return Float32Array.from({ length: 300 }, (_, c) => w.reduce((s, wi, b) => s + wi * basis[b][c], 0));
    });
    const rows = centredRows(vectors);
    const reduced = await reduceDimensions(rows, 50, seededRandom(1));
    assert.equal(reduced.d, 50);
    const dist = (m: typeof rows, i: number, j: number) => {
      let s = 0;
      for (let c = 0; c < m.d; c++) s += (m.data[i * m.d + c] - m.data[j * m.d + c]) ** 2;
      return Math.sqrt(s);
    };
    for (const [i, j] of [[0, 1], [5, 77], [119, 40]]) {
      assert.ok(Math.abs(dist(rows, i, j) - dist(reduced, i, j)) < 1e-3 * dist(rows, i, j), `${i}-${j}`);
    }
  });

  it('nearestNeighbours agrees with sorting all distances', async () => {
    const rows = centredRows(clusters(60, 5, 3, 2));
    const found = await nearestNeighbours(rows, 7);
    for (const i of [0, 17, 59]) {
      const others = Array.from({ length: 60 }, (_, j) => j)
        .filter((j) => j !== i)
        .map((j) => ({ j, d: Math.hypot(...Array.from({ length: 5 }, (_, c) => rows.data[i * 5 + c] - rows.data[j * 5 + c])) }))
        .sort((a, b) => a.d - b.d || a.j - b.j);
      assert.deepEqual([...found.indices.subarray(i * 7, i * 7 + 7)], others.slice(0, 7).map((o) => o.j));
      found.distances.subarray(i * 7, i * 7 + 7).forEach((d, r) => assert.ok(Math.abs(d - others[r].d) < 1e-9));
    }
    await assert.rejects(nearestNeighbours(rows, 60), RangeError);
  });
});

describe('PCA through the principal subspace', () => {
  it('finds the components and explained variance that ml-pca finds on all the dimensions', async () => {
    // 300 vectors of 200 dimensions, variance decaying over the directions, plus noise.
    const normal = gaussian(seededRandom(5));
    const scales = Array.from({ length: 200 }, (_, c) => 10 / (1 + c));
    const fit = Array.from({ length: 300 }, () => Float32Array.from(scales, (s) => s * normal()));
    const extra = [Float32Array.from(scales, (s) => 2 * s)];
    const direct = project2d(fit, extra);
    const layout = await projectPoints(fit, extra, 'pca');
    assert.ok(layout.explained);
    layout.explained.forEach((e, c) => assert.ok(Math.abs(e - direct.explained[c]) < 1e-4, `PC${c + 1}: ${e} vs ${direct.explained[c]}`));
    // The same axes up to their sign.
    for (const c of [0, 1]) {
      const sign = Math.sign(layout.points[0][c] * direct.points[0][c]);
      layout.points.forEach((p, i) => assert.ok(Math.abs(p[c] - sign * direct.points[i][c]) < 1e-3 * (1 + Math.abs(p[c])), `point ${i}, PC${c + 1}`));
    }
  });
});
