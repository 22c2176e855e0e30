/**
 * "BERT Word Sense: Plot Senses": the word comes from the argument (the hover's link), the word
 * under the cursor, or a pick from the inventory; the plot panel does the rest. Finding the word
 * needs no engine; the panel asks the host for the current one on every plot.
 */
import * as vscode from 'vscode';
import { plotOccurrences } from '../documentOccurrences';
import { SensePlotPanel } from '../panels/SensePlotPanel';
import { inventory } from '../wordInventory';
import type { CommandDeps } from './index';

/** Characters around the cursor given to `findAt` (it only needs the word itself). */
const CURSOR_REACH = 64;

export async function plotSenses(deps: CommandDeps, arg?: unknown): Promise<void> {
  const { host, occurrences } = deps;
  // From the editor context menu the argument is the document's URI, not a word.
  const word = inventoryWord(arg) ?? wordUnderCursor() ?? (await pickWord(occurrences.words()));
  if (!word) return;
  // The webview takes the focus: remember the document the plot is about now.
  const document = vscode.window.activeTextEditor?.document;
  const { vector, classifier, maxExamplesPerSense } = host.settings;
  SensePlotPanel.createOrShow(
    deps.extensionUri,
    {
      getService: () => {
        void host.ensureLoaded(); // notification and status bar while the panel waits for the model
        return host.service();
      },
      onDidReset: host.onDidReset,
    },
    {
      word,
      defaults: { layers: vector.layers, pooling: vector.pooling, maxPerSense: maxExamplesPerSense },
      classifier,
      getOccurrences: (w) => plotOccurrences(occurrences, document, w),
      log: (level, message) => deps.log[level](message),
    },
  );
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

/** Inventory words, the analysed ones first. */
async function pickWord(analysed: readonly string[]): Promise<string | undefined> {
  const items: vscode.QuickPickItem[] = [
    ...analysed.map((w) => ({ label: w, description: 'analyzed in a document' })),
    ...inventory.words.filter((w) => !analysed.includes(w)).map((w) => ({ label: w })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'BERT Word Sense: Plot Senses',
    placeHolder: 'Word to plot (CoarseWSD-20)',
  });
  return picked?.label;
}
