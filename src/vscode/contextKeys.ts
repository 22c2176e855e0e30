/**
 * The context keys that package.json's `when` clauses read, so commands show only where they
 * apply: the editor context menu's entries in the languages of `bertWordSense.languages` (Teach
 * Sense only on a word), the taught-sense commands once something is taught. Decided from the
 * editor alone (the cursor's line and a regular expression, never the engine) and sent to VS Code
 * only when a value changes, as selections change on every keystroke.
 */
import * as vscode from 'vscode';
import { readConfig, SECTION } from './config';
import { isOneWord, wordAt } from './wordnetWords';

/** Longest selection read to see whether it is one word. */
const MAX_SELECTION = 1_000;

export const ContextKey = {
  /** At least one taught sense (Show, Rename, Forget, Delete). */
  hasTaughtSenses: 'bertWordSense.hasTaughtSenses',
  /** The active editor's language is one of `bertWordSense.languages`. */
  supportedEditor: 'bertWordSense.supportedEditor',
  /** The cursor is on a word, or the selection is one word: what Teach Sense takes. */
  wordUnderCursor: 'bertWordSense.wordUnderCursor',
} as const;

export type ContextKey = (typeof ContextKey)[keyof typeof ContextKey];

/** What the keys need of the taught senses (`TaughtSenses`). */
export interface TaughtSensesState {
  readonly onDidChange: vscode.Event<void>;
  readonly hasSenses: boolean;
}

export class ContextKeys implements vscode.Disposable {
  private readonly sent = new Map<ContextKey, boolean>();
  private languages = languagesSetting();
  private readonly disposables: vscode.Disposable[];

  constructor(taught: TaughtSensesState) {
    this.disposables = [
      taught.onDidChange(() => this.set(ContextKey.hasTaughtSenses, taught.hasSenses)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateEditor()),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.updateEditor();
      }),
      // "Change Language Mode" reopens the document under its new language.
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d === vscode.window.activeTextEditor?.document) this.updateEditor();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SECTION}.languages`)) return;
        this.languages = languagesSetting();
        this.updateEditor();
      }),
    ];
    this.set(ContextKey.hasTaughtSenses, taught.hasSenses);
    this.updateEditor();
  }

  private updateEditor(): void {
    const editor = vscode.window.activeTextEditor;
    const supported = editor !== undefined && this.languages.includes(editor.document.languageId);
    this.set(ContextKey.supportedEditor, supported);
    this.set(ContextKey.wordUnderCursor, editor !== undefined && supported && hasWord(editor));
  }

  private set(key: ContextKey, value: boolean): void {
    if (this.sent.get(key) === value) return;
    this.sent.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function languagesSetting(): readonly string[] {
  return readConfig(vscode.workspace.getConfiguration(SECTION)).languages;
}

/** Teach Sense's rule: a selection of one word, else the word at the cursor. */
function hasWord({ document, selection }: vscode.TextEditor): boolean {
  if (selection.isEmpty) return wordAt(document.lineAt(selection.active.line).text, selection.active.character) !== undefined;
  // A large selection is not read on every cursor move: no word with its spaces is that long.
  if (document.offsetAt(selection.end) - document.offsetAt(selection.start) > MAX_SELECTION) return false;
  return isOneWord(document.getText(selection).trim());
}
