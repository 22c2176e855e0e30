/**
 * The occurrences the plot shows next to the training sentences: those kept by "Analyze Selection"
 * or, when the word was not analysed, its occurrences in the document the plot was opened from;
 * then those of the other files of the workspace ("Analyze Workspace"). Only their sentences are
 * needed (the engine embeds them with the plot's own layers and pooling), and each carries its file
 * and position, so a click on its point opens it.
 */
import type * as vscode from 'vscode';
import type { OccurrenceContext, OccurrenceLocation } from '../shared/engineProtocol';
import { sentenceContext } from '../shared/inventory';
import type { OccurrenceStore } from './occurrences';
import { inventory } from './wordInventory';

/** Occurrences of a word taken from the document for a plot (the rest are left out). */
const MAX_FROM_DOCUMENT = 100;
/** Occurrences of a word in one plot: each is embedded, so a plot stays seconds, not minutes. */
const MAX_PLOTTED = 500;

export function plotOccurrences(
  store: OccurrenceStore,
  document: vscode.TextDocument | undefined,
  word: string,
  workspace: readonly OccurrenceContext[] = [],
): readonly OccurrenceContext[] {
  const analysed = store.entries(word).map(({ uri, range, result }) => ({ ...result, location: { uri: uri.toString(), line: range.start.line, character: range.start.character } }));
  const fromDocument = analysed.length > 0 || !document || document.isClosed ? [] : documentOccurrences(document, word);
  const mine = [...analysed, ...fromDocument];
  // A file of the editor wins over its saved copy in the workspace store.
  const files = new Set(mine.map((o) => o.location.uri));
  const others = workspace.filter((o) => o.location && !files.has(o.location.uri));
  return [...mine, ...others].slice(0, MAX_PLOTTED);
}

function documentOccurrences(document: vscode.TextDocument, word: string): (OccurrenceContext & { readonly location: OccurrenceLocation })[] {
  const text = document.getText();
  return inventory
    .findAll(text)
    .filter((t) => t.word === word)
    .slice(0, MAX_FROM_DOCUMENT)
    .map((target) => {
      const context = sentenceContext(text, target);
      const at = document.positionAt(target.start);
      return { target, context: context.text, contextStart: context.start, contextEnd: context.end, location: { uri: document.uri.toString(), line: at.line, character: at.character } };
    });
}
