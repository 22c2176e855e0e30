/**
 * "BERT Word Sense: Plot Senses": the word comes from the argument (the hover's link), the word
 * under the cursor, or a pick from the inventory; the plot panel does the rest. A dataset word is
 * plotted with its training sentences; any other word (with the `wordnet` setting on) with its
 * WordNet synsets. Finding the word needs no engine; the panel asks the host for the current one on
 * every plot.
 */
import * as vscode from 'vscode';
import { COARSEWSD20_WORDS, MAX_WORD_LENGTH } from '../../shared/words';
import { capNote, plotOccurrences } from '../documentOccurrences';
import type { OccurrenceContext } from '../../shared/engineProtocol';
import { isPlotControls, isSavedOccurrences, type SavedOccurrences } from '../../shared/webviewMessages';
import { SensePlotPanel, type PanelOccurrences, type PlotEngine, type SensePlotPanelOptions } from '../panels/SensePlotPanel';
import { findAgain, reopen } from '../restoredOccurrences';
import { taughtNode } from '../taughtSensesView';
import { inventory } from '../wordInventory';
import { isFunctionWord } from '../../shared/stopWords';
import { isOneWord, wordNetWordAt } from '../wordnetWords';
import type { CommandDeps } from './deps';

/** Characters around the cursor given to `findAt` (it only needs the word itself). */
const CURSOR_REACH = 64;
/** Lines of the active document searched for the word picker (a huge file is not scanned whole). */
const MAX_PICK_LINES = 5_000;

export async function plotSenses(deps: CommandDeps, arg?: unknown): Promise<void> {
  // From the editor context menu the argument is the document's URI, not a word.
  const wordnet = deps.host.settings.wordnet;
  // From the Taught Senses view the argument is the word's item.
  const word = argumentWord(taughtNode(arg)?.word.word ?? arg, wordnet) ?? wordUnderCursor(wordnet) ?? (await pickWord(deps.occurrences.words(), wordsOfActiveDocument()));
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
 * in its state (`vscode.setState`), and your occurrences: the document it was opened from is opened
 * again, and the places of the ones shown are looked up in their documents on every plot of that
 * word (`findAgain`). A state that is not a valid plot closes the panel.
 */
export function plotSerializer(deps: CommandDeps): vscode.WebviewPanelSerializer {
  return {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const { controls, saved } = restoredState(state);
      if (!controls || !isPlottable(controls.word, true)) {
        // A browser's own reload can unload the page before the workbench saved the panel's state.
        deps.log.info('The plot panel came back from the reload without a plot it could show, so it was closed: run Plot Senses again.');
        panel.dispose();
        return;
      }
      const { word, ...defaults } = controls;
      const document = saved?.document ? await reopen(saved.document) : undefined;
      SensePlotPanel.revive(panel, deps.extensionUri, plotEngine(deps), plotOptions(deps, word, document, defaults, saved));
    },
  };
}

/** The plot's controls and your occurrences' places from the page's state, each when valid. */
export function restoredState(state: unknown): { controls?: SensePlotPanelOptions['defaults'] & { word: string }; saved?: SavedOccurrences } {
  if (!isRecord(state) || !isPlotControls(state.controls)) return {};
  return { controls: state.controls, ...(isSavedOccurrences(state.saved) ? { saved: state.saved } : {}) };
}

function plotEngine(deps: CommandDeps): PlotEngine {
  const { host } = deps;
  return {
    getService: async () => {
      const engine = host.engine();
      return {
        get numLayers() {
          return engine.loadedModel?.numLayers;
        },
        plot: async (word, occurrences, run, options) => {
          if (isDatasetWord(word)) return engine.call('plot', { word, occurrences, run }, { ...options, retryLoad: true });
          const data = await engine.call('plotWordNet', { word, occurrences, run }, { ...options, retryLoad: true });
          if (!data) throw new Error(`WordNet has no word "${word}".`);
          return data;
        },
      };
    },
    onDidReset: host.onDidReset,
    onDidChangeSenses: host.onDidChangeSenses,
    model: () => host.settings.engine.model,
    words: () => {
      const taught = taughtWords(deps).filter((w) => !(COARSEWSD20_WORDS as readonly string[]).includes(w)).sort();
      return [...COARSEWSD20_WORDS, ...taught];
    },
    taughtWords: () => taughtWords(deps),
    onDidChangeTaught: deps.taught.onDidChange,
  };
}

/** The words with taught senses, as last listed (the plot never starts the engine to know them). */
function taughtWords({ taught }: CommandDeps): string[] {
  return (taught.last?.words ?? []).map((w) => w.word);
}

/** `restored`: your occurrences' places from before a window reload. */
function plotOptions(
  { host, occurrences, workspaceOccurrences, log }: CommandDeps,
  word: string,
  document: vscode.TextDocument | undefined,
  defaults: SensePlotPanelOptions['defaults'],
  restored?: SavedOccurrences,
): SensePlotPanelOptions {
  const saved = (w: string, places: SavedOccurrences['places']): SavedOccurrences => ({ word: w, ...(document ? { document: document.uri.toString() } : {}), places });
  return {
    word,
    defaults,
    run: host.settings.run,
    getOccurrences: async (w): Promise<PanelOccurrences> => {
      if (!isDatasetWord(w)) {
        const { occurrences: found, notes } = await wordNetOccurrences(host, document, w);
        return { occurrences: found, notes, saved: saved(w, []) };
      }
      const again = restored?.word === w ? await findAgain(restored) : undefined;
      const found = plotOccurrences(occurrences, document, w, await workspaceOccurrences.occurrences(w), again);
      return { occurrences: found.occurrences, notes: found.notes, saved: saved(w, found.yours) };
    },
    log: (level, message) => log[level](message),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isDatasetWord(word: string): boolean {
  return inventory.words.includes(word);
}

/** A dataset word, or (with WordNet) any one word of letters that is not a function word. */
function isPlottable(word: string, wordnet: boolean): boolean {
  return isDatasetWord(word) || (wordnet && isOneWord(word) && word.length <= MAX_WORD_LENGTH && !isFunctionWord(word));
}

function argumentWord(arg: unknown, wordnet: boolean): string | undefined {
  if (typeof arg !== 'string') return undefined;
  const word = arg.trim().toLowerCase();
  return isPlottable(word, wordnet) ? word : undefined;
}

/**
 * The document's occurrences of a WordNet word's lemma (any inflection), each with its place, and a
 * note when the engine's cap on them cut some.
 */
async function wordNetOccurrences(
  host: CommandDeps['host'],
  document: vscode.TextDocument | undefined,
  word: string,
): Promise<{ occurrences: OccurrenceContext[]; notes: string[] }> {
  if (!document || document.isClosed) return { occurrences: [], notes: [] };
  const { occurrences, found } = await host.engine().call('wordNetOccurrences', { text: document.getText(), word });
  const cut = capNote(found, occurrences.length, ' of this document', 'the plot takes at most');
  return {
    occurrences: occurrences.map((o) => {
      const at = document.positionAt(o.target.start);
      return { ...o, location: { uri: document.uri.toString(), line: at.line, character: at.character } };
    }),
    notes: cut ? [cut] : [],
  };
}

function wordUnderCursor(wordnet: boolean): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document } = editor;
  const offset = document.offsetAt(editor.selection.active);
  const start = document.positionAt(Math.max(0, offset - CURSOR_REACH));
  const text = document.getText(new vscode.Range(start, document.positionAt(offset + CURSOR_REACH)));
  const at = offset - document.offsetAt(start);
  const found = inventory.findAt(text, at)?.word;
  if (found || !wordnet) return found;
  const other = wordNetWordAt(text, at);
  return other && isPlottable(other.surface.toLowerCase(), true) ? other.surface.toLowerCase() : undefined;
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
    placeHolder: 'Word to plot (CoarseWSD-20 or taught)',
  });
  return picked?.label;
}
