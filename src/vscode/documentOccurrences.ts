/**
 * The occurrences the plot shows next to the training sentences: those kept by "Analyze Selection"
 * or, when the word was not analysed, its occurrences in the document the plot was opened from.
 * The engine re-embeds them with the plot's own layers and pooling, so any vector setting will do.
 */
import * as vscode from 'vscode';
import type { Classification, RunOptions, WordSenseService } from '../senses/types';
import type { OccurrenceStore } from './occurrences';

/** Occurrences of a word classified on the fly for a plot (the rest are left out). */
const MAX_ON_THE_FLY = 100;
/** Context around each occurrence given to the engine, as for hovers. */
const REACH = 2_000;

export async function plotOccurrences(
  service: WordSenseService,
  store: OccurrenceStore,
  document: vscode.TextDocument | undefined,
  word: string,
  vector: RunOptions['vector'],
  signal: AbortSignal,
): Promise<readonly Classification[]> {
  const analysed = store.getOccurrences(word);
  if (analysed.length > 0 || !document || document.isClosed) return analysed;

  const text = document.getText();
  const targets = service.findTargets(text).filter((t) => t.word === word).slice(0, MAX_ON_THE_FLY);
  const found: Classification[] = [];
  for (const target of targets) {
    if (signal.aborted) break;
    const start = Math.max(0, target.start - REACH);
    const slice = text.slice(start, target.end + REACH);
    const result = await service.classify(slice, target.start - start, { vector, signal });
    if (result) found.push(result);
  }
  return found;
}
