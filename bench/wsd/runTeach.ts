/**
 * `--teach`: the n-shot training sets taught as taught senses (`teachSet.ts`: written to a temporary
 * store file through `SenseEngine.teach`, then read back by a fresh engine with CoarseWSD-20 turned
 * off), each evaluated on the full test set with centroids; beside them the same sets read as a
 * dataset (`--shots`, which must give the same numbers) and the full training data.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Dataset, SenseEngine } from '../../src/senses';
import { mean, std } from '../metrics';
import { markdownTable } from '../report';
import { newEngine, type Context } from './context';
import { evaluate, type Summary } from './evaluate';
import { pct } from './markdown';
import type { WsdArgs } from './options';
import type { Report } from './report';
import { linkSet } from './runShots';
import { teachWordData } from './teachSet';

const CENTROID = [{ method: 'centroid' }] as const;

export async function runTeach(ctx: Context, engine: SenseEngine, shots: readonly number[], args: WsdArgs, report: Report): Promise<void> {
  const vector = ctx.run.vector;
  const nshot = path.resolve(args.nshot ?? path.join(ctx.data, '..', 'coarsewsd20-nshot'));
  const rows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const n of shots) {
    const words = ctx.words.filter((w) => [1, 2, 3].every((set) => fs.existsSync(path.join(nshot, `set${set}`, `${w}_${n}`))));
    const missing = ctx.words.filter((w) => !words.includes(w));
    if (missing.length > 0) ctx.log(`[${n}-shot] no n-shot set for ${missing.join(', ')}: left out`);
    const shotCtx: Context = { ...ctx, words };
    const taught: Summary[] = [];
    const asDataset: Summary[] = [];
    let teachSeconds = 0;
    for (const set of [1, 2, 3]) {
      const links = await linkSet(ctx, nshot, set, n, words);
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'wsd-teach-'));
      const store = path.join(dir, '.vscode', 'word-senses.json');
      try {
        const t = performance.now();
        const writer = new SenseEngine({ model: ctx.model, dtype: ctx.settings.dtype, contextWindow: ctx.settings.contextWindow, cacheDir: dir, allowNetwork: false, coarsewsd20: false, taughtStores: [store] });
        const sets = new Dataset({ folder: links, cacheDir: dir, allowNetwork: false, logger: ctx.logger });
        for (const word of words) await teachWordData(writer, await sets.load(word, 'train'));
        await writer.dispose();
        teachSeconds += (performance.now() - t) / 1000;

        const reader = new SenseEngine({ model: ctx.model, dtype: ctx.settings.dtype, contextWindow: ctx.settings.contextWindow, cacheDir: ctx.cacheDir, allowNetwork: false, coarsewsd20: false, taughtStores: [store] });
        const listing = await reader.taughtSenses();
        const problems = listing.stores.flatMap((s) => s.problems);
        if (problems.length > 0) throw new Error(`the taught store has problems: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
        try {
          const run = await evaluate(shotCtx, reader, engine, vector, 0, CENTROID, `${n}-shot set${set} taught`);
          taught.push(run.summary);
          runs[`${n}-shot set${set} taught`] = { ...run, missing };
        } finally {
          await reader.dispose();
        }
      } finally {
        await fsp.rm(dir, { recursive: true, force: true });
      }
      const setEngine = newEngine(ctx, links, ctx.cacheDir);
      try {
        asDataset.push((await evaluate(shotCtx, setEngine, engine, vector, 0, CENTROID, `${n}-shot set${set} dataset`)).summary);
      } finally {
        await setEngine.dispose();
      }
    }
    const cells = (list: Summary[]) => {
      const acc = list.map((s) => s.scores.centroid.accuracy);
      const f1 = list.map((s) => s.scores.centroid.macroF1);
      return [`${pct(mean(acc))} ± ${pct(std(acc))}`, `${pct(mean(f1))} ± ${pct(std(f1))}`];
    };
    const same = taught.every((s, i) => s.scores.centroid.accuracy === asDataset[i].scores.centroid.accuracy && s.scores.centroid.macroF1 === asDataset[i].scores.centroid.macroF1);
    rows.push([
      String(n),
      `${words.length}${missing.length ? ` (no ${missing.join(', ')})` : ''}`,
      ...taught.map((s) => `${pct(s.scores.centroid.accuracy)} / ${pct(s.scores.centroid.macroF1)}`),
      ...cells(taught),
      cells(asDataset).join(' / '),
      same ? 'yes' : 'NO',
      `${teachSeconds.toFixed(1)} s`,
    ]);
  }
  const full = await evaluate(ctx, engine, engine, vector, 0, CENTROID, 'full train');
  const fullAcc = pct(full.summary.scores.centroid.accuracy);
  const fullF1 = pct(full.summary.scores.centroid.macroF1);
  rows.push(['all (dataset)', String(ctx.words.length), '', '', '', fullAcc, fullF1, '', '', '']);
  report.markdown.push(
    `### Taught n-shot senses (last ${vector.layers} ${vector.pooling}, centroid; acc / macro-F1 per set; ± = sample std over the 3 sets)\n\n` +
      markdownTable(
        ['shots', 'words', 'set1 taught', 'set2 taught', 'set3 taught', 'acc mean ± std', 'macro-F1 mean ± std', '--shots acc / F1', 'same as --shots', 'teaching (3 sets)'],
        rows,
      ),
  );
  report.json.teach = { runs, full: full.summary };
}
