/**
 * The occurrences the plot shows next to the training sentences: yours first (those kept by
 * "Analyze Selection" or, when the word was not analysed, its occurrences in the document the plot
 * was opened from, or those a restored plot found again after a window reload), then those of the
 * other files of the workspace ("Analyze Workspace"). Only their sentences are needed (the engine
 * embeds them with the plot's own layers and pooling), and each carries its file and position, so a
 * click on its point opens it. The caps on them are here, and a plot says when one cut some (a
 * WordNet word's occurrences are capped by the engine, which says how many there were).
 */
import type * as vscode from 'vscode';
import type { OccurrenceContext, OccurrenceLocation, TargetMatch } from '../shared/engineProtocol';
import { sentenceContext } from '../shared/inventory';
import type { OccurrenceStore } from './occurrences';
import { inventory } from './wordInventory';

/** Occurrences of a word taken from the document for a plot (the rest are left out). */
export const MAX_FROM_DOCUMENT = 100;
/** Occurrences of a word in one plot: each is embedded, so a plot stays seconds, not minutes. */
export const MAX_PLOTTED_OCCURRENCES = 500;

export type LocatedOccurrence = OccurrenceContext & { readonly location: OccurrenceLocation };

export interface PlotOccurrences {
  /** Yours, then the workspace's, at most `MAX_PLOTTED_OCCURRENCES`. */
  readonly occurrences: readonly OccurrenceContext[];
  /** The places of yours among them: what a window reload needs to find them again. */
  readonly yours: readonly OccurrenceLocation[];
  /** What a cap left out, in words for the plot's status line. */
  readonly notes: readonly string[];
}

/** Yours as a restored plot found them again in their documents. */
export interface FoundAgain {
  readonly occurrences: readonly LocatedOccurrence[];
  /** Places no longer holding the word (the document changed or is gone). */
  readonly missing: number;
}

export function plotOccurrences(
  store: OccurrenceStore,
  document: vscode.TextDocument | undefined,
  word: string,
  workspace: readonly OccurrenceContext[] = [],
  restored?: FoundAgain,
): PlotOccurrences {
  const notes: string[] = [];
  const analysed: LocatedOccurrence[] = store.entries(word).map(({ uri, range, result }) => ({ ...result, location: { uri: uri.toString(), line: range.start.line, character: range.start.character } }));
  let mine: readonly LocatedOccurrence[] = analysed;
  if (analysed.length === 0 && restored) {
    mine = restored.occurrences;
    if (restored.missing > 0) notes.push(missingNote(restored.missing, restored.missing + restored.occurrences.length));
  } else if (analysed.length === 0 && document && !document.isClosed) {
    const all = documentOccurrences(document, word);
    mine = all.slice(0, MAX_FROM_DOCUMENT);
    const cut = capNote(all.length, MAX_FROM_DOCUMENT, ' of this document', 'the plot takes at most');
    if (cut) notes.push(cut);
  }
  // A file of the editor wins over its saved copy in the workspace store.
  const files = new Set(mine.map((o) => o.location.uri));
  const others = workspace.filter((o) => o.location && !files.has(o.location.uri));
  const all = [...mine, ...others];
  const cut = capNote(all.length, MAX_PLOTTED_OCCURRENCES);
  if (cut) notes.push(cut);
  const occurrences = all.slice(0, MAX_PLOTTED_OCCURRENCES);
  return { occurrences, yours: mine.slice(0, MAX_PLOTTED_OCCURRENCES).map((o) => o.location), notes };
}

/**
 * `500 of 504 occurrences shown — the plot keeps at most 500`, or undefined when the cap cut
 * nothing. The picker of Analyze Workspace says the same before the plot opens.
 */
export function capNote(found: number, max = MAX_PLOTTED_OCCURRENCES, where = '', rule = 'the plot keeps at most'): string | undefined {
  if (found <= max) return undefined;
  return `${max.toLocaleString('en')} of ${found.toLocaleString('en')} occurrences${where} shown — ${rule} ${max.toLocaleString('en')}`;
}

function missingNote(missing: number, total: number): string {
  return missing === 1
    ? `1 of your ${total} occurrences from before the reload is no longer in its document`
    : `${missing} of your ${total} occurrences from before the reload are no longer in their documents`;
}

/** Every occurrence of `word` in the document, in its sentence and with its place. */
function documentOccurrences(document: vscode.TextDocument, word: string): LocatedOccurrence[] {
  const text = document.getText();
  return inventory
    .findAll(text)
    .filter((t) => t.word === word)
    .map((target) => locatedOccurrence(document, text, target));
}

export function locatedOccurrence(document: vscode.TextDocument, text: string, target: TargetMatch): LocatedOccurrence {
  const context = sentenceContext(text, target);
  const at = document.positionAt(target.start);
  return { target, context: context.text, contextStart: context.start, contextEnd: context.end, location: { uri: document.uri.toString(), line: at.line, character: at.character } };
}
