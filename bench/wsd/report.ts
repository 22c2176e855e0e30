/**
 * The WSD report: the sections the runs add, then the printed Markdown and the `.md` / `.json`
 * result files.
 */
import * as path from 'node:path';
import { writeResults } from '../report';

/** What a run adds to: Markdown sections and entries of the JSON result. */
export interface Report {
  readonly title: string;
  readonly markdown: string[];
  readonly json: Record<string, unknown>;
}

/** Everything the JSON result holds besides the runs' entries. */
export interface ReportMeta {
  readonly mode: string;
  readonly model: string;
  readonly data: string;
  readonly words: readonly string[];
  readonly layers: string | undefined;
  readonly pooling: string | undefined;
  readonly seconds: number;
  readonly out: string;
}

/** Prints the report's Markdown on stdout and writes it with its JSON to `<out>/wsd-<mode>-<time>.{md,json}`. */
export function writeReport(report: Report, meta: ReportMeta): void {
  const command = `npm run bench:wsd -- ${process.argv.slice(2).join(' ')}`;
  const markdown =
    `## ${report.title}\n\n` +
    `\`${command}\` — wall time ${meta.seconds.toFixed(1)} s. Macro-F1: mean per-sense F1 over the senses present in the gold or the predicted labels (scikit-learn macro); ` +
    `MFS: the most frequent sense of the word's full training split, predicted for every test sentence; "mean" rows are unweighted means over the words (like the paper's table).\n\n` +
    `${report.markdown.join('\n\n')}\n`;
  console.log(markdown);
  const { model, data, words, seconds, mode, layers, pooling } = meta;
  const json = JSON.stringify({ command, model, data, words, seconds, mode, layers, pooling, ...report.json }, null, 2);
  const [md, js] = writeResults(path.resolve(meta.out), `wsd-${mode}`, { md: markdown, json });
  console.error(`Wrote ${md} and ${js}`);
}
