/**
 * WordNet results of "Analyze Selection" (setting `wordnetInAnalysis`): a dotted underline under
 * each marked word and its best sense as an inlay hint (`kernel → the choicest or most essential…`),
 * with the ranking in the tooltip. Kept apart from the dataset annotations: those feed the plot and
 * are refreshed by hovers, these are only shown. Edits and closing the document drop them as they
 * drop the dataset ones.
 */
import * as vscode from 'vscode';
import type { WordNetRanking } from '../shared/engineProtocol';
import { followEdit } from './occurrences';
import { wordNetHoverMarkdown } from './wordnetHoverMarkdown';

export interface WordNetAnnotation {
  readonly range: vscode.Range;
  readonly ranking: WordNetRanking;
  /** `renderKey` of the settings it was computed with: another key means it is stale. */
  readonly basis: string;
}

/** Characters of the gloss in a hint: VS Code cuts a line's hints at 43 by default. */
const HINT_GLOSS = 30;

export class WordNetAnnotations implements vscode.Disposable, vscode.InlayHintsProvider {
  private readonly byDocument = new Map<string, readonly WordNetAnnotation[]>();
  private readonly underline = vscode.window.createTextEditorDecorationType({
    borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    borderStyle: 'none none dotted none',
    borderWidth: '0 0 1px 0',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly hintsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsChanged.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly currentBasis: () => string,
    onDidChangeSettings: vscode.Event<void>,
  ) {
    this.disposables = [
      onDidChangeSettings(() => this.hintsChanged.fire()),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
      vscode.workspace.onDidChangeTextDocument((e) => this.applyEdit(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.replace(d.uri, [])),
      this.hintsChanged,
    ];
  }

  /** The results of a new analysis of `uri` replace the old ones. */
  replace(uri: vscode.Uri, annotations: readonly WordNetAnnotation[]): void {
    if (annotations.length === 0 && !this.byDocument.has(uri.toString())) return;
    if (annotations.length === 0) this.byDocument.delete(uri.toString());
    else this.byDocument.set(uri.toString(), annotations);
    this.changed(uri);
  }

  forDocument(uri: vscode.Uri): readonly WordNetAnnotation[] {
    return this.byDocument.get(uri.toString()) ?? [];
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const basis = this.currentBasis();
    return this.forDocument(document.uri)
      .filter((a) => range.contains(a.range.end))
      .map((a) => {
        const stale = a.basis !== basis;
        const hint = new vscode.InlayHint(a.range.end, `→ ${hintGloss(a.ranking.senses[0].gloss)}${stale ? ' (stale)' : ''}`);
        hint.paddingLeft = true;
        const md = new vscode.MarkdownString(wordNetHoverMarkdown(a.ranking, { top: 3 }) + (stale ? '\n\nComputed with other settings: run Analyze Selection again.' : ''));
        md.supportHtml = false;
        hint.tooltip = md;
        return hint;
      });
  }

  private applyEdit(event: vscode.TextDocumentChangeEvent): void {
    const list = this.byDocument.get(event.document.uri.toString());
    if (!list) return;
    const followed = followEdit(list, event.contentChanges);
    if (followed !== list) this.replace(event.document.uri, followed);
  }

  private changed(uri: vscode.Uri): void {
    this.hintsChanged.fire();
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) this.render(editor);
  }

  private render(editor: vscode.TextEditor): void {
    editor.setDecorations(this.underline, this.forDocument(editor.document.uri).map((a) => ({ range: a.range })));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.underline.dispose();
    this.byDocument.clear();
  }
}

/** The gloss's first clause, cut at a word to fit a hint. */
export function hintGloss(gloss: string): string {
  const clause = gloss.split(/[;(]/)[0].trim();
  if (clause.length <= HINT_GLOSS) return clause;
  const cut = clause.slice(0, HINT_GLOSS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > HINT_GLOSS / 3 ? cut.slice(0, space) : cut}…`;
}
