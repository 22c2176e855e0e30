/**
 * CoarseWSD-20 benchmark of the sense engine (Loureiro et al. 2021, 1-NN recipe), against the
 * most-frequent-sense baseline and the paper's BERT-base accuracies.
 *
 *   npm run bench:wsd -- --model <dir|hub id> --data <CoarseWSD-20 dir> [options]   (--help lists them)
 *
 * Without `--recipe` the table mode prints a row per recipe: the paper's (compared with the paper)
 * and the product's (the extension's defaults).
 * `--layers` and `--pooling` also take comma lists (one table per combination). The data is
 * CC BY-NC 4.0 and is only read from `--data`; nothing of it is written into the repository
 * (results hold metrics only). The pieces live in bench/wsd/: options, context, evaluate,
 * markdown, report and one `run*.ts` per mode.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBench } from './cli';
import { createContext, newEngine } from './wsd/context';
import { intList, modeOf, parseWsdArgs } from './wsd/options';
import { writeReport, type Report } from './wsd/report';
import { runCaps } from './wsd/runCaps';
import { runCompare } from './wsd/runCompare';
import { runConfidence } from './wsd/runConfidence';
import { runShots } from './wsd/runShots';
import { runTeach } from './wsd/runTeach';
import { runTables } from './wsd/runTables';
import { runTune } from './wsd/runTune';
import { runWordnet } from './wsd/runWordnet';

async function main(): Promise<void> {
  const started = performance.now();
  const args = parseWsdArgs();
  const ctx = createContext(args);
  const mode = modeOf(args);
  const report: Report = { title: `CoarseWSD-20, ${path.basename(ctx.model)} (${mode})`, markdown: [], json: {} };

  // With --fresh-cache the main engine's training vectors go to a temporary folder (real build times).
  const freshMain = args['fresh-cache'] && mode !== 'caps' ? await fsp.mkdtemp(path.join(os.tmpdir(), 'wsd-bench-')) : undefined;
  const engine = newEngine(ctx, ctx.data, freshMain ?? ctx.cacheDir);
  try {
    const t = performance.now();
    await engine.load();
    ctx.log(`Loaded ${ctx.model} (${engine.numLayers} layers) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    switch (mode) {
      case 'compare':
        await runCompare(ctx, engine, path.resolve(args['compare-vectors']!), report);
        break;
      case 'tune':
        await runTune(ctx, engine, report);
        break;
      case 'confidence':
        await runConfidence(ctx, engine, report);
        break;
      case 'shots':
        await runShots(ctx, engine, intList(args.shots!, 'shots'), args, report);
        break;
      case 'teach':
        await runTeach(ctx, engine, intList(args.teach!, 'teach'), args, report);
        break;
      case 'caps':
        await runCaps(ctx, engine, intList(args.caps!, 'caps'), args, report);
        break;
      case 'table':
        await runTables(ctx, engine, args, report);
        break;
      case 'wordnet':
        await runWordnet(ctx, engine, report);
        break;
      default:
        throw new Error(`unknown mode ${mode satisfies never}`);
    }
  } finally {
    await engine.dispose();
    if (freshMain) await fsp.rm(freshMain, { recursive: true, force: true });
  }

  const { model, data, words } = ctx;
  const seconds = (performance.now() - started) / 1000;
  writeReport(report, { mode, model, data, words, seconds, layers: args.layers, pooling: args.pooling, out: args.out });
}

runBench(main);
