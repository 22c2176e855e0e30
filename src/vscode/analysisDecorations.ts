/**
 * Shows analysed occurrences as ` → label` after each word, one decoration type per colour,
 * in every visible editor of the document. Decorations are per editor, so they are set again
 * when an editor shows the document again.
 */
import * as vscode from 'vscode';
import type { Classification } from '../senses/types';
import { escapeMarkdown } from './hoverMarkdown';
import type { OccurrenceStore } from './occurrences';

/** Theme colours of charts, so the senses stay readable in every theme. */
const PALETTE = ['charts.blue', 'charts.red', 'charts.green', 'charts.orange', 'charts.purple', 'charts.yellow'];

export class AnalysisDecorations implements vscode.Disposable {
  private readonly types = PALETTE.map((colour) =>
    vscode.window.createTextEditorDecorationType({
      after: { color: new vscode.ThemeColor(colour), fontStyle: 'italic', margin: '0 0 0 0.2em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: OccurrenceStore) {
    this.disposables.push(
      store.onDidChange((uri) => this.renderDocument(uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.render(e));
  }

  private renderDocument(uri: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri.toString()) this.render(editor);
    }
  }

  private render(editor: vscode.TextEditor): void {
    const byColour: vscode.DecorationOptions[][] = PALETTE.map(() => []);
    for (const { range, result } of this.store.forDocument(editor.document.uri)) {
      byColour[colourIndex(result) % PALETTE.length].push({
        range,
        hoverMessage: summary(result),
        renderOptions: { after: { contentText: ` → ${result.winner.label}` } },
      });
    }
    this.types.forEach((type, i) => editor.setDecorations(type, byColour[i]));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.types.forEach((t) => t.dispose());
  }
}

/** The winner's place among the word's senses in a fixed order, so a sense keeps its colour. */
function colourIndex(result: Classification): number {
  const order = result.senses.map((s) => s.sense).sort();
  return Math.max(0, order.indexOf(result.winner.sense));
}

function summary(result: Classification): vscode.MarkdownString {
  const scores = result.senses.map((s) => `${escapeMarkdown(s.label)} ${s.score.toFixed(2)}`).join(' · ');
  const md = new vscode.MarkdownString(
    `**${escapeMarkdown(result.target.word)}** → *${escapeMarkdown(result.winner.label)}* ` +
      `(margin ${result.margin.toFixed(2)})\n\n${scores}`,
  );
  md.supportHtml = false;
  return md;
}
