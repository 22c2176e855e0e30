/**
 * `--caps`: the examples-per-sense curve, one evaluation per cap on the training sentences per
 * sense (centroid). With `--fresh-cache` each cap embeds its training sentences anew.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SenseEngine } from '../../src/senses';
import { markdownTable } from '../report';
import { newEngine, type Context } from './context';
import { evaluate } from './evaluate';
import { pct, rate } from './markdown';
import type { WsdArgs } from './options';
import type { Report } from './report';

export async function runCaps(ctx: Context, engine: SenseEngine, caps: readonly number[], args: WsdArgs, report: Report): Promise<void> {
  const vector = ctx.run.vector;
  const rows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const cap of caps) {
    // With --fresh-cache every cap embeds its training sentences anew, so its build time is real.
    const fresh = args['fresh-cache'] ? await fsp.mkdtemp(path.join(os.tmpdir(), 'wsd-bench-')) : undefined;
    const indexEngine = fresh ? newEngine(ctx, ctx.data, fresh) : engine;
    try {
      const run = await evaluate(ctx, indexEngine, engine, vector, cap, [{ method: 'centroid' }], `cap ${cap || 'all'}`);
      const s = run.summary;
      rows.push([
        cap === 0 ? 'all' : String(cap),
        String(s.nTrain),
        pct(s.scores.centroid.accuracy),
        pct(s.scores.centroid.macroF1),
        pct(s.mfs.macroF1),
        s.indexSeconds.toFixed(1),
        s.embeddedTrain > 0 ? rate(s.embeddedTrain, s.indexSeconds) : 'cached',
      ]);
      runs[String(cap)] = run;
    } finally {
      if (fresh) {
        await indexEngine.dispose();
        await fsp.rm(fresh, { recursive: true, force: true });
      }
    }
  }
  report.markdown.push(
    `### Examples-per-sense curve (last ${vector.layers} ${vector.pooling}, centroid)\n\n` +
      markdownTable(['max per sense', 'train sentences', 'acc', 'macro-F1', 'MFS F1', 'index build s', 'sentences/s'], rows),
  );
  report.json.caps = runs;
}
