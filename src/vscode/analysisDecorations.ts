/**
 * Shows "Analyze Selection" results without ever hiding the document's text: a coloured underline
 * under each analysed word (one decoration type per colour) and the sense as an inlay hint after it,
 * without the word it follows (`bank → geography`). Inlay hints take part in word wrap, unlike
 * decoration after-text, which pushes the end of a wrapped line past the right edge. VS Code cuts a
 * line's hints at `editor.inlayHints.maximumLength` characters (43 by default): the underline's
 * colour and the tooltip still tell every occurrence's sense. A result computed with other settings than the current ones, or from a
 * capped index, says so in its hint and its tooltip; a low-confidence answer (src/shared/confidence.ts)
 * gets a `?` after its label and the hover's "Low confidence" line in its tooltip.
 */
import * as vscode from 'vscode';
import { isLowConfidence } from '../shared/confidence';
import { shortLabel } from '../shared/senseLabels';
import type { Classification } from '../shared/engineProtocol';
import { escapeMarkdown, lowConfidenceLine, substitutesLine } from './hoverMarkdown';
import type { Occurrence, OccurrenceStore } from './occurrences';

/** Theme colours of charts, so the senses stay readable in every theme. */
const PALETTE = ['charts.blue', 'charts.red', 'charts.green', 'charts.orange', 'charts.purple', 'charts.yellow'];
const STALE_COLOUR = 'disabledForeground';

export class AnalysisDecorations implements vscode.Disposable, vscode.InlayHintsProvider {
  private readonly types = [...PALETTE, STALE_COLOUR].map((colour) =>
    vscode.window.createTextEditorDecorationType({
      borderColor: new vscode.ThemeColor(colour),
      borderStyle: colour === STALE_COLOUR ? 'none none dashed none' : 'none none solid none',
      borderWidth: '0 0 2px 0',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  private readonly hintsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsChanged.event;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * @param currentBasis `renderKey` of the current settings.
   * @param onDidChangeSettings fired when results may have become stale.
   */
  constructor(
    private readonly store: OccurrenceStore,
    private readonly currentBasis: () => string,
    onDidChangeSettings: vscode.Event<void>,
  ) {
    this.disposables.push(
      store.onDidChange((uri) => this.renderDocument(uri)),
      onDidChangeSettings(() => this.renderAll()),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
      this.hintsChanged,
    );
    this.renderAll();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const basis = this.currentBasis();
    return this.store
      .forDocument(document.uri)
      .filter((o) => range.contains(o.range.end))
      .map((o) => {
        const stale = o.basis !== basis;
        const label = shortLabel(o.result.target.word, o.result.winner.label);
        const hint = new vscode.InlayHint(o.range.end, `→ ${label}${isLowConfidence(o.result) ? ' ?' : ''}${stale ? ' (stale)' : ''}`);
        hint.paddingLeft = true;
        hint.tooltip = summary(o, stale);
        return hint;
      });
  }

  private renderAll(): void {
    this.hintsChanged.fire();
    vscode.window.visibleTextEditors.forEach((e) => this.render(e));
  }

  private renderDocument(uri: vscode.Uri): void {
    this.hintsChanged.fire();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri.toString()) this.render(editor);
    }
  }

  private render(editor: vscode.TextEditor): void {
    const basis = this.currentBasis();
    const byType: vscode.DecorationOptions[][] = this.types.map(() => []);
    for (const o of this.store.forDocument(editor.document.uri)) {
      const type = o.basis === basis ? colourIndex(o.result) % PALETTE.length : PALETTE.length;
      byType[type].push({ range: o.range });
    }
    this.types.forEach((type, i) => editor.setDecorations(type, byType[i]));
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

function summary({ result, provisional }: Occurrence, stale: boolean): vscode.MarkdownString {
  const scores = result.senses.map((s) => `${escapeMarkdown(s.label)} ${s.score.toFixed(2)}`).join(' · ');
  const notes = [
    isLowConfidence(result) ? lowConfidenceLine(result) : '',
    stale ? 'Computed with other settings: run Analyze Selection again (a hover updates one word).' : '',
    provisional ? 'From the first sample of training sentences; a hover after the full index is built updates it.' : '',
  ].filter(Boolean);
  const substitutes = result.substitutes?.length ? `\n\n${substitutesLine(result.substitutes)}` : '';
  const md = new vscode.MarkdownString(
    `**${escapeMarkdown(result.target.word)}** → *${escapeMarkdown(result.winner.label)}* ` +
      `(margin ${result.margin.toFixed(2)})\n\n${scores}${substitutes}${notes.map((n) => `\n\n${n}`).join('')}`,
  );
  md.supportHtml = false;
  return md;
}
