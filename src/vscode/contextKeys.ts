/**
 * The context keys that package.json's `when` clauses read, so commands show only where they
 * apply: the editor context menu's entries in the languages of `bertWordSense.languages`
 * (`editorLangId in bertWordSense.supportedLanguages`), the taught-sense commands once something
 * is taught. Both change only with a setting or the taught senses, never with the cursor: VS Code
 * builds a context menu at once on the right-click, before a key sent from here on the cursor's
 * move could arrive, so a "word under the cursor" key would describe where the cursor was before.
 */
import * as vscode from 'vscode';
import { readConfig, SECTION } from './config';

export const ContextKey = {
  /** At least one taught sense (Show, Rename, Forget, Delete). */
  hasTaughtSenses: 'bertWordSense.hasTaughtSenses',
  /** The language ids of `bertWordSense.languages`, for `in`: a `config.` key gives a list as a JSON string, which `in` does not search. */
  supportedLanguages: 'bertWordSense.supportedLanguages',
} as const;

export type ContextKey = (typeof ContextKey)[keyof typeof ContextKey];

/** What the keys need of the taught senses (`TaughtSenses`). */
export interface TaughtSensesState {
  readonly onDidChange: vscode.Event<void>;
  readonly hasSenses: boolean;
}

export class ContextKeys implements vscode.Disposable {
  /** The last value sent of each key, as JSON. */
  private readonly sent = new Map<ContextKey, string>();
  private readonly disposables: vscode.Disposable[];

  constructor(taught: TaughtSensesState) {
    const languages = () => this.set(ContextKey.supportedLanguages, readConfig(vscode.workspace.getConfiguration(SECTION)).languages);
    this.disposables = [
      taught.onDidChange(() => this.set(ContextKey.hasTaughtSenses, taught.hasSenses)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.languages`)) languages();
      }),
    ];
    this.set(ContextKey.hasTaughtSenses, taught.hasSenses);
    languages();
  }

  private set(key: ContextKey, value: boolean | readonly string[]): void {
    const json = JSON.stringify(value);
    if (this.sent.get(key) === json) return;
    this.sent.set(key, json);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
