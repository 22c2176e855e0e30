/**
 * `--shots`: the n-shot training sets (3 sets per n), each evaluated on the full test set with
 * centroids; one row per n with the per-set scores and their mean ± sample std.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { SenseEngine } from '../../src/senses';
import { mean, std } from '../metrics';
import { markdownTable } from '../report';
import { newEngine, type Context } from './context';
import { evaluate, type Summary } from './evaluate';
import { pct } from './markdown';
import type { WsdArgs } from './options';
import type { Report } from './report';

export async function runShots(ctx: Context, engine: SenseEngine, shots: readonly number[], args: WsdArgs, report: Report): Promise<void> {
  const vector = ctx.run.vector;
  const nshot = path.resolve(args.nshot ?? path.join(ctx.data, '..', 'coarsewsd20-nshot'));
  const rows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const n of shots) {
    const perSet: Summary[] = [];
    // Words with too few training sentences for a sense have no `word_n` folder (e.g. no 30-shot set
    // for deck): they are left out of that row, which says over how many words it averages.
    const words = ctx.words.filter((w) => [1, 2, 3].every((set) => fs.existsSync(path.join(nshot, `set${set}`, `${w}_${n}`))));
    const missing = ctx.words.filter((w) => !words.includes(w));
    if (missing.length > 0) ctx.log(`[${n}-shot] no n-shot set for ${missing.join(', ')}: left out`);
    const shotCtx: Context = { ...ctx, words };
    for (const set of [1, 2, 3]) {
      const links = await linkSet(ctx, nshot, set, n, words);
      const setEngine = newEngine(ctx, links, ctx.cacheDir);
      try {
        const run = await evaluate(shotCtx, setEngine, engine, vector, 0, [{ method: 'centroid' }], `${n}-shot set${set}`);
        perSet.push(run.summary);
        runs[`${n}-shot set${set}`] = { ...run, words: run.words, missing };
      } finally {
        await setEngine.dispose();
      }
    }
    const f1 = perSet.map((s) => s.scores.centroid.macroF1);
    const acc = perSet.map((s) => s.scores.centroid.accuracy);
    rows.push([
      String(n),
      `${words.length}${missing.length ? ` (no ${missing.join(', ')})` : ''}`,
      ...perSet.map((s) => `${pct(s.scores.centroid.accuracy)} / ${pct(s.scores.centroid.macroF1)}`),
      `${pct(mean(acc))} ± ${pct(std(acc))}`,
      `${pct(mean(f1))} ± ${pct(std(f1))}`,
      `${pct(perSet[0].mfs.accuracy)} / ${pct(perSet[0].mfs.macroF1)}`,
    ]);
  }
  report.markdown.push(
    `### n-shot (last ${vector.layers} ${vector.pooling}, centroid; acc / macro-F1 per set, mean over the row's words; ± = sample std over the 3 sets)\n\n` +
      markdownTable(['shots', 'words', 'set1 acc / F1', 'set2 acc / F1', 'set3 acc / F1', 'acc mean ± std', 'macro-F1 mean ± std', 'MFS acc / F1 (full train)'], rows),
  );
  report.json.shots = runs;
}

/**
 * The engine reads one sub-folder per word: a folder (in the cache) of symlinks word → setK/word_n.
 * Returns that folder.
 */
export async function linkSet(ctx: Context, nshot: string, set: number, n: number, words: readonly string[]): Promise<string> {
  const links = path.join(ctx.cacheDir, 'nshot-links', `set${set}-${n}`);
  await fsp.mkdir(links, { recursive: true });
  for (const word of words) {
    const target = path.join(nshot, `set${set}`, `${word}_${n}`);
    if (!fs.existsSync(target)) throw new Error(`missing n-shot folder ${target}`);
    const link = path.join(links, word);
    if (!fs.existsSync(link)) await fsp.symlink(target, link, 'dir');
  }
  return links;
}
