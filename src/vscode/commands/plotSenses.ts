/**
 * "BERT Word Sense: Plot Senses": the word comes from the argument (the hover's link), the word
 * under the cursor, or a pick from the inventory; the plot panel does the rest. Finding the word
 * needs no engine; the panel asks the host for the current one on every plot.
 */
import * as vscode from 'vscode';
import { plotOccurrences } from '../documentOccurrences';
import { isPlotControls } from '../../shared/webviewMessages';
import { SensePlotPanel, type PlotEngine, type SensePlotPanelOptions } from '../panels/SensePlotPanel';
import { inventory } from '../wordInventory';
import type { CommandDeps } from './index';

/** Characters around the cursor given to `findAt` (it only needs the word itself). */
const CURSOR_REACH = 64;
/** Lines of the active document searched for the word picker (a huge file is not scanned whole). */
const MAX_PICK_LINES = 5_000;

export async function plotSenses(deps: CommandDeps, arg?: unknown): Promise<void> {
  // From the editor context menu the argument is the document's URI, not a word.
  const word = inventoryWord(arg) ?? wordUnderCursor() ?? (await pickWord(deps.occurrences.words(), wordsOfActiveDocument()));
  if (!word) return;
  // The webview takes the focus: remember the document the plot is about now.
  const document = vscode.window.activeTextEditor?.document;
  const { vector, maxExamplesPerSense } = deps.host.settings.run;
  SensePlotPanel.createOrShow(
    deps.extensionUri,
    plotEngine(deps),
    plotOptions(deps, word, document, { layers: vector.layers, pooling: vector.pooling, maxExamplesPerSense }),
  );
}

/**
 * Brings back the plot after a window reload with the word, layers, pooling and cap the page kept
 * in its state (`vscode.setState`); a state that is not a valid plot closes the panel.
 */
export function plotSerializer(deps: CommandDeps): vscode.WebviewPanelSerializer {
  return {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const controls = isRecord(state) && isPlotControls(state.controls) ? state.controls : undefined;
      if (!controls || !inventory.words.includes(controls.word)) {
        panel.dispose();
        return;
      }
      const { word, ...defaults } = controls;
      SensePlotPanel.revive(panel, deps.extensionUri, plotEngine(deps), plotOptions(deps, word, undefined, defaults));
    },
  };
}

function plotEngine({ host }: CommandDeps): PlotEngine {
  return {
    getService: async () => {
      void host.ensureLoaded(); // notification and status bar while the panel waits for the model
      const engine = await host.engine();
      return {
        get numLayers() {
          return engine.loadedModel?.numLayers;
        },
        plot: (word, occurrences, run, options) => engine.call('plot', { word, occurrences, run }, options),
      };
    },
    onDidReset: host.onDidReset,
    model: () => host.settings.engine.model,
  };
}

function plotOptions(
  { host, occurrences, workspaceOccurrences, log }: CommandDeps,
  word: string,
  document: vscode.TextDocument | undefined,
  defaults: SensePlotPanelOptions['defaults'],
): SensePlotPanelOptions {
  return {
    word,
    defaults,
    classifier: host.settings.run.classifier,
    getOccurrences: async (w) => plotOccurrences(occurrences, document, w, await workspaceOccurrences.occurrences(w)),
    log: (level, message) => log[level](message),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function inventoryWord(arg: unknown): string | undefined {
  if (typeof arg !== 'string') return undefined;
  const word = arg.trim().toLowerCase();
  return inventory.words.includes(word) ? word : undefined;
}

function wordUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document } = editor;
  const offset = document.offsetAt(editor.selection.active);
  const start = document.positionAt(Math.max(0, offset - CURSOR_REACH));
  const text = document.getText(new vscode.Range(start, document.positionAt(offset + CURSOR_REACH)));
  return inventory.findAt(text, offset - document.offsetAt(start))?.word;
}

/** Inventory words occurring in the active editor's document, in order of first occurrence. */
function wordsOfActiveDocument(): string[] {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) return [];
  return [...new Set(inventory.findAll(document.getText(new vscode.Range(0, 0, MAX_PICK_LINES, 0))).map((t) => t.word))];
}

/** Inventory words: those of the active document first, then the analysed ones, then the rest. */
async function pickWord(analysed: readonly string[], inDocument: readonly string[]): Promise<string | undefined> {
  const items: vscode.QuickPickItem[] = [
    ...inDocument.map((w) => ({ label: w, description: 'in this document' })),
    ...analysed.filter((w) => !inDocument.includes(w)).map((w) => ({ label: w, description: 'analyzed in a document' })),
    ...inventory.words.filter((w) => !analysed.includes(w) && !inDocument.includes(w)).map((w) => ({ label: w })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'BERT Word Sense: Plot Senses',
    placeHolder: 'Word to plot (CoarseWSD-20)',
  });
  return picked?.label;
}
