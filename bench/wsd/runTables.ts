/**
 * The default run: one per-word table per recipe (without `--recipe`: the paper's, compared with
 * the paper, and the product's) and per (layers, pooling) combination, and a summary table when
 * there is more than one.
 */
import type { VectorOptions } from '../../src/shared/engineProtocol';
import type { ClassifierOptions, SenseEngine } from '../../src/senses';
import { callSettingsOf, type Recipe } from '../../src/shared/settings';
import { markdownTable } from '../report';
import { newEngine, testCacheKey, type Context } from './context';
import { evaluate } from './evaluate';
import { pct, throughputLine, wordTable } from './markdown';
import { wsdSettings, type WsdArgs } from './options';
import { classifierName } from './predict';
import type { Report } from './report';

/**
 * `engine` serves the context's own settings; another recipe gets an engine of its own (its
 * weights and window may differ), in the same cache.
 */
export async function runTables(ctx: Context, engine: SenseEngine, args: WsdArgs, report: Report): Promise<void> {
  const recipes: readonly Recipe[] = args.recipe ? [args.recipe as Recipe] : ['paper', 'product'];
  const summaryRows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const recipe of recipes) {
    const settings = wsdSettings(args, recipe);
    const own = JSON.stringify(settings) === JSON.stringify(ctx.settings);
    const run = callSettingsOf(settings);
    const recipeCtx: Context = { ...ctx, settings, run, testCacheKey: testCacheKey(ctx.model, settings, ctx.data) };
    const recipeEngine = own ? engine : newEngine(recipeCtx, ctx.data, ctx.cacheDir, settings);
    const knn = run.classifier.method === 'knn' ? { ...run.classifier, weighted: args.weighted! } : undefined;
    const classifier: ClassifierOptions = knn ?? run.classifier;
    const name = classifierName(classifier);
    // The lists of --layers and --pooling (checked by wsdSettings), else the recipe's own.
    const layers = (args.layers ?? String(settings.layers)).split(',').map(Number);
    const poolings = (args.pooling ?? settings.pooling).split(',').map((p) => p.trim());
    try {
      for (const pooling of poolings) {
        for (const k of layers) {
          const vector = { layers: k, pooling } as VectorOptions;
          const cap = settings.maxExamplesPerSense;
          const label = `${recipe}: window ${settings.contextWindow || 'sentence'}, ${settings.dtype}, last ${k} ${pooling}, ${name}${cap ? `, ≤${cap}/sense` : ''}`;
          const result = await evaluate(recipeCtx, recipeEngine, recipeEngine, vector, cap, [classifier], label);
          report.markdown.push(`### ${label}\n\n${wordTable(result, name, recipe === 'paper')}\n\n${throughputLine(result.summary)}`);
          const s = result.summary;
          const paper = recipe === 'paper' ? pct(s.paperAccuracy) : '';
          summaryRows.push([label, pct(s.scores[name].accuracy), pct(s.scores[name].macroF1), pct(s.mfs.accuracy), pct(s.mfs.macroF1), paper]);
          runs[label] = result;
        }
      }
    } finally {
      if (!own) await recipeEngine.dispose();
    }
  }
  if (summaryRows.length > 1) {
    report.markdown.push(`### Summary (macro average over words; the paper's row is compared with the paper)\n\n${markdownTable(['configuration', 'acc', 'macro-F1', 'MFS acc', 'MFS F1', 'paper acc'], summaryRows)}`);
  }
  report.json.runs = runs;
}
