/**
 * Markdown pieces of the WSD report: percentages, rates, the per-word score table and the
 * throughput sentence under it.
 */
import { markdownTable, pct } from '../report';
import type { Evaluation, Summary } from './evaluate';

export { pct };

/** `n` per `s` seconds, rounded; `–` when either is 0. */
export const rate = (n: number, s: number) => (n > 0 && s > 0 ? (n / s).toFixed(0) : '–');

export function throughputLine(s: Summary): string {
  const index = s.embeddedTrain > 0
    ? `index build: ${s.embeddedTrain} training sentences embedded in ${s.indexSeconds.toFixed(1)} s (${rate(s.embeddedTrain, s.indexSeconds)} sentences/s)`
    : `index build: ${s.nTrain} training vectors read from the cache in ${s.indexSeconds.toFixed(1)} s`;
  const test = s.testEmbedded > 0
    ? `test: ${s.testEmbedded} sentences embedded in ${s.testEmbedSeconds.toFixed(1)} s + classified in ${s.classifySeconds.toFixed(1)} s (${rate(s.testEmbedded, s.testEmbedSeconds + s.classifySeconds)} sentences/s)`
    : `test: ${s.nTest} sentence vectors from the cache, classified in ${s.classifySeconds.toFixed(1)} s (${rate(s.nTest, s.classifySeconds)} sentences/s)`;
  return `${index}; ${test}.`;
}

/** One row per word with the classifier's and the MFS baseline's scores, then the mean row. */
/** Per-word scores; `paper`: with the paper's accuracies beside (only a run of its recipe compares). */
export function wordTable(run: Evaluation, classifier: string, paper = true): string {
  const rows = run.words.map((w) => [
    w.word,
    String(w.nTest),
    pct(w.scores[classifier].accuracy),
    pct(w.scores[classifier].macroF1),
    pct(w.mfs.accuracy),
    pct(w.mfs.macroF1),
    ...(paper ? [pct(w.paperAccuracy)] : []),
  ]);
  const s = run.summary;
  rows.push(['**mean**', String(s.nTest), `**${pct(s.scores[classifier].accuracy)}**`, `**${pct(s.scores[classifier].macroF1)}**`, pct(s.mfs.accuracy), pct(s.mfs.macroF1), ...(paper ? [pct(s.paperAccuracy)] : [])]);
  return markdownTable(['word', 'n test', 'acc', 'macro-F1', 'MFS acc', 'MFS F1', ...(paper ? ['paper acc (BERT-base)'] : [])], rows);
}
