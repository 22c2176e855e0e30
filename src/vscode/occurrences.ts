/**
 * The results of "Analyze Selection", per document: the decorations show them and the plot panel
 * adds them to a word's plot. Edits on their lines drop them; edits above them move them.
 */
import * as vscode from 'vscode';
import type { Classification } from '../shared/engineProtocol';

export interface Occurrence {
  /** Where the target word is in the document (kept up to date with edits). */
  readonly range: vscode.Range;
  readonly result: Classification;
  /** `renderKey` of the settings the result was computed with: another key means it is stale. */
  readonly basis: string;
  /** From a capped index that the background build replaces (see answerBasis.ts). */
  readonly provisional: boolean;
}

export class OccurrenceStore implements vscode.Disposable {
  private readonly byDocument = new Map<string, Occurrence[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fired with the document whose occurrences changed. */
  readonly onDidChange = this.changed.event;

  /** Results of a new analysis of `uri` replace the old ones. */
  replace(uri: vscode.Uri, occurrences: readonly Occurrence[]): void {
    if (occurrences.length === 0) this.byDocument.delete(uri.toString());
    else this.byDocument.set(uri.toString(), [...occurrences]);
    this.changed.fire(uri);
  }

  /**
   * A newer answer for an analysed occurrence (a hover computed it with the current settings and
   * index): it replaces the old one, so hover and annotation agree. Other places are left alone.
   */
  refresh(uri: vscode.Uri, update: Occurrence): void {
    const list = this.byDocument.get(uri.toString());
    const i = list?.findIndex((o) => o.range.isEqual(update.range)) ?? -1;
    if (!list || i < 0) return;
    const old = list[i];
    if (old.basis === update.basis && sameAnswer(old.result, update.result)) return;
    list[i] = update;
    this.changed.fire(uri);
  }

  forDocument(uri: vscode.Uri): readonly Occurrence[] {
    return this.byDocument.get(uri.toString()) ?? [];
  }

  /** Every analysed occurrence of `word`, over all documents, with its document (for the plot). */
  entries(word: string): (Occurrence & { readonly uri: vscode.Uri })[] {
    const found: (Occurrence & { readonly uri: vscode.Uri })[] = [];
    for (const [key, list] of this.byDocument) {
      for (const o of list) if (o.result.target.word === word) found.push({ ...o, uri: vscode.Uri.parse(key) });
    }
    return found;
  }

  /** Words with at least one analysed occurrence. */
  words(): string[] {
    const words = new Set<string>();
    for (const list of this.byDocument.values()) for (const o of list) words.add(o.result.target.word);
    return [...words].sort();
  }

  /** Follow an edit (`followEdit`): an occurrence on an edited line is dropped, its sense may have changed. */
  applyEdit(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const list = this.byDocument.get(key);
    if (!list) return;
    const followed = followEdit(list, event.contentChanges);
    if (followed === list) return;
    if (followed.length === 0) this.byDocument.delete(key);
    else this.byDocument.set(key, [...followed]);
    this.changed.fire(event.document.uri);
  }

  /** The document was closed: its results go. */
  forget(uri: vscode.Uri): void {
    if (this.byDocument.delete(uri.toString())) this.changed.fire(uri);
  }

  dispose(): void {
    this.byDocument.clear();
    this.changed.dispose();
  }
}

/** Same sense from the same index stage and classifier: nothing a view shows changed. */
function sameAnswer(a: Classification, b: Classification): boolean {
  return a.winner.sense === b.winner.sense && a.indexStage === b.indexStage && a.classifier.method === b.classifier.method && a.winner.score === b.winner.score;
}

/**
 * Places after edits: those on the edited lines are dropped, those below move by the lines added or
 * removed. `changes` are applied in order, each in the coordinates left by the one before, as the
 * document applies them. The same array when nothing changed.
 */
export function followEdit<T extends { readonly range: vscode.Range }>(list: readonly T[], changes: readonly vscode.TextDocumentContentChangeEvent[]): readonly T[] {
  let out = list;
  let moved = false;
  for (const change of changes) {
    const first = change.range.start.line;
    const last = change.range.end.line;
    const delta = countLines(change.text) - (last - first);
    out = out.flatMap((o) => {
      if (o.range.end.line < first) return [o];
      if (o.range.start.line > last) {
        if (delta === 0) return [o];
        moved = true;
        return [{ ...o, range: new vscode.Range(o.range.start.translate(delta), o.range.end.translate(delta)) }];
      }
      return [];
    });
  }
  return out.length === list.length && !moved ? list : out;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
