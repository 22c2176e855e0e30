/**
 * Your occurrences in a plot that VS Code restored after a window reload. The page kept their
 * places in its state (`SavedOccurrences`, nothing of their vectors); each is looked up again in its
 * document and kept when the word is still there, so the plot embeds them afresh from the text as
 * it is now. A place that lost its word (the document changed or is gone) is counted, not guessed.
 */
import * as vscode from 'vscode';
import type { SavedOccurrences } from '../shared/webviewMessages';
import { locatedOccurrence, MAX_PLOTTED_OCCURRENCES, type FoundAgain, type LocatedOccurrence } from './documentOccurrences';
import { inventory } from './wordInventory';

export type OpenDocument = (uri: vscode.Uri) => Thenable<vscode.TextDocument>;

const openDocument: OpenDocument = (uri) => vscode.workspace.openTextDocument(uri);

export async function findAgain(saved: SavedOccurrences, open: OpenDocument = openDocument): Promise<FoundAgain> {
  const places = saved.places.slice(0, MAX_PLOTTED_OCCURRENCES);
  const byFile = new Map<string, typeof places>();
  for (const place of places) byFile.set(place.uri, [...(byFile.get(place.uri) ?? []), place]);
  const occurrences: LocatedOccurrence[] = [];
  let missing = 0;
  for (const [uri, here] of byFile) {
    const document = await reopen(uri, open);
    if (!document) {
      missing += here.length;
      continue;
    }
    const text = document.getText();
    for (const place of here) {
      const offset = document.offsetAt(new vscode.Position(place.line, place.character));
      const target = inventory.findAt(text, offset);
      if (target && target.word === saved.word && target.start === offset) occurrences.push(locatedOccurrence(document, text, target));
      else missing++;
    }
  }
  return { occurrences, missing };
}

/** The document at `uri`, or undefined when it cannot be opened (deleted, moved). */
export async function reopen(uri: string, open: OpenDocument = openDocument): Promise<vscode.TextDocument | undefined> {
  try {
    return await open(vscode.Uri.parse(uri, true));
  } catch {
    return undefined;
  }
}
