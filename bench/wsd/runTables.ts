/**
 * The default run: one per-word table per (layers, pooling) combination with the chosen
 * classifier, and a summary table when there is more than one.
 */
import type { VectorOptions } from '../../src/shared/engineProtocol';
import type { ClassifierOptions, SenseEngine } from '../../src/senses';
import { markdownTable } from '../report';
import type { Context } from './context';
import { evaluate } from './evaluate';
import { pct, throughputLine, wordTable } from './markdown';
import { intList, type WsdArgs } from './options';
import { classifierName } from './predict';
import type { Report } from './report';

export async function runTables(ctx: Context, engine: SenseEngine, args: WsdArgs, report: Report): Promise<void> {
  const layers = intList(args.layers!, 'layers');
  const poolings = args.pooling!.split(',').map((p) => p.trim());
  const cap = intList(args['max-examples-per-sense']!, 'max-examples-per-sense')[0];
  if (args.classifier !== 'knn' && args.classifier !== 'centroid' && args.classifier !== 'probe') throw new Error('--classifier is centroid, knn or probe');
  const classifier: ClassifierOptions =
    args.classifier === 'knn' ? { method: 'knn', k: intList(args.k!, 'k')[0], weighted: args.weighted! } : { method: args.classifier };
  const name = classifierName(classifier);
  const summaryRows: string[][] = [];
  const runs: Record<string, unknown> = {};
  for (const pooling of poolings) {
    for (const k of layers) {
      const vector = { layers: k, pooling } as VectorOptions;
      const label = `last ${k} ${pooling}, ${name}${cap ? `, ≤${cap}/sense` : ''}`;
      const run = await evaluate(ctx, engine, engine, vector, cap, [classifier], label);
      report.markdown.push(`### ${label}\n\n${wordTable(run, name)}\n\n${throughputLine(run.summary)}`);
      const s = run.summary;
      summaryRows.push([label, pct(s.scores[name].accuracy), pct(s.scores[name].macroF1), pct(s.mfs.accuracy), pct(s.mfs.macroF1), pct(s.paperAccuracy)]);
      runs[label] = run;
    }
  }
  if (summaryRows.length > 1) {
    report.markdown.push(`### Summary (macro average over words)\n\n${markdownTable(['configuration', 'acc', 'macro-F1', 'MFS acc', 'MFS F1', 'paper acc'], summaryRows)}`);
  }
  report.json.runs = runs;
}
