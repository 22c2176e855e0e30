/**
 * The occurrences the plot shows next to the training sentences: those kept by "Analyze Selection"
 * or, when the word was not analysed, its occurrences in the document the plot was opened from.
 * Only their sentences are needed (the engine embeds them with the plot's own layers and pooling),
 * so they are found here without the engine and without building any sense index.
 */
import type * as vscode from 'vscode';
import { sentenceContext } from '../shared/inventory';
import type { OccurrenceContext } from '../shared/engineProtocol';
import type { OccurrenceStore } from './occurrences';
import { inventory } from './wordInventory';

/** Occurrences of a word taken from the document for a plot (the rest are left out). */
const MAX_FROM_DOCUMENT = 100;

export function plotOccurrences(
  store: OccurrenceStore,
  document: vscode.TextDocument | undefined,
  word: string,
): readonly OccurrenceContext[] {
  const analysed = store.getOccurrences(word);
  if (analysed.length > 0 || !document || document.isClosed) return analysed;

  const text = document.getText();
  return inventory
    .findAll(text)
    .filter((t) => t.word === word)
    .slice(0, MAX_FROM_DOCUMENT)
    .map((target) => {
      const context = sentenceContext(text, target);
      return { target, context: context.text, contextStart: context.start, contextEnd: context.end };
    });
}
