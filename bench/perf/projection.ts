/**
 * Time to lay out a word's plot with each projection (PCA, UMAP, t-SNE) at 1,000 and 5,000 points
 * and at 128 (the test model) and 768 (bert-base) dimensions. The vectors are synthetic: 4
 * Gaussian clusters (a 4-sense word) with seeded centres, so the run needs neither model nor data
 * and the layouts are the ones the engine would compute for vectors of that shape. Wall time, the
 * process's CPU time, and the longest the event loop waited meanwhile (the work runs in slices).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { projectPoints } from '../../src/senses/projection';
import { gaussian, seededRandom } from '../../src/senses/random';
import type { ProjectionMethod } from '../../src/senses/types';
import { log, ms } from './measure';
import type { PerfResults } from './results';

const SIZES = [1_000, 5_000];
const DIMS = [128, 768];
const METHODS: readonly ProjectionMethod[] = ['pca', 'umap', 'tsne'];
const CLUSTERS = 4;

export async function measureProjections(results: PerfResults): Promise<void> {
  const runs: Record<string, unknown>[] = [];
  for (const dims of DIMS) {
    for (const points of SIZES) {
      const vectors = clustered(points, dims);
      for (const method of METHODS) {
        const delay = monitorEventLoopDelay({ resolution: 5 });
        delay.enable();
        const cpu = process.cpuUsage();
        const t = performance.now();
        const layout = await projectPoints(vectors, [], method);
        const wallMs = performance.now() - t;
        const { user, system } = process.cpuUsage(cpu);
        delay.disable();
        const cpuMs = (user + system) / 1000;
        const label = `Projection ${method}, ${points} points × ${dims} dims (synthetic, ${CLUSTERS} clusters)`;
        runs.push({ method, points, dims, wallMs, cpuMs, maxEventLoopDelayMs: delay.max / 1e6, projection: layout.projection });
        results.row(label, `${ms(wallMs)}, CPU ${ms(cpuMs)} (event loop held ≤ ${ms(delay.max / 1e6)})`);
        log(`${label}: ${ms(wallMs)}, CPU ${ms(cpuMs)}`);
      }
    }
  }
  results.json.projections = runs;
}

/** `n` vectors in `CLUSTERS` Gaussian clusters: centres 3 apart per dimension, unit noise. */
function clustered(n: number, dims: number): Float32Array[] {
  const normal = gaussian(seededRandom(11));
  const centres = Array.from({ length: CLUSTERS }, () => Float32Array.from({ length: dims }, () => normal() * 3));
  return Array.from({ length: n }, (_, i) => Float32Array.from(centres[i % CLUSTERS], (c) => c + normal()));
}
