/**
 * "BERT Word Sense: Analyze Workspace": collects the dataset words' occurrences from the files of the
 * `languages` setting across the workspace (under a cancellable notification; files read before and
 * unchanged are not read again), then offers the words found, most frequent first: the one picked
 * is plotted with all its occurrences, each point opening its file.
 */
import * as vscode from 'vscode';
import { isCancellation } from '../../shared/errors';
import { capNote } from '../documentOccurrences';
import type { CommandDeps } from './deps';
import { plotSenses } from './plotSenses';

export async function analyzeWorkspace(deps: CommandDeps): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('BERT Word Sense: open a folder to analyze its files.');
    return;
  }
  const { host, workspaceOccurrences } = deps;
  const engine = host.engine();
  const config = host.settings;
  let result;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'BERT Word Sense: reading the workspace', cancellable: true },
      (progress, token) => workspaceOccurrences.collect(engine, config.languages, config.workspaceMaxFiles, progress, token),
    );
  } catch (error) {
    if (!isCancellation(error)) host.fail('Analyzing the workspace', error, () => void analyzeWorkspace(deps));
    return;
  }
  const words = await workspaceOccurrences.words();
  const limit = result.truncated ? ` (the first ${config.workspaceMaxFiles} files: see the workspaceMaxFiles setting)` : '';
  if (words.length === 0) {
    void vscode.window.showInformationMessage(`BERT Word Sense: no dataset word in the ${result.files} file(s) of ${config.languages.join(', ')}${limit}.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    words.map((w) => ({ label: w.word, description: pickDescription(w.occurrences, w.files) })),
    { title: `BERT Word Sense: ${result.files} file(s) read${limit}`, placeHolder: 'Word to plot with its occurrences in the workspace' },
  );
  if (picked) await plotSenses(deps, picked.label);
}

/** `504 occurrences in 3 files · 500 of 504 occurrences shown — the plot keeps at most 500`. */
export function pickDescription(occurrences: number, files: number): string {
  const counts = `${occurrences} occurrence${occurrences === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  const cut = capNote(occurrences);
  return cut ? `${counts} · ${cut}` : counts;
}
