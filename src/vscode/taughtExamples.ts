/**
 * Where a taught example was taught from: its source as a name to show and a place to open (the
 * word in its line), or, when it has none or may not be opened, its entry in the taught-senses file.
 */
import * as vscode from 'vscode';
import type { TaughtExample } from '../shared/engineProtocol';
import { describeError } from '../shared/errors';
import { sourceTarget, type SourceTarget } from './taughtPaths';
import type { TaughtSenses } from './taughtSenses';

/** The taught-senses files as the VS Code side knows them. */
type Files = Pick<TaughtSenses, 'userFile' | 'uriOf'>;

function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Anything but the user's own file may have come with the workspace: its sources open only files of the workspace. */
function target(example: TaughtExample, files: Files): SourceTarget | undefined {
  return example.source && sourceTarget(example.source.file, example.store !== files.userFile.fsPath, workspaceFolder());
}

/** "notes/os.md:12", or the taught-senses file's line when the example has no source to open. */
export function describeExample(example: TaughtExample, files: Files): string {
  const to = target(example, files);
  if (example.source && to) return `${'uri' in to ? vscode.workspace.asRelativePath(to.uri) : example.source.file}:${example.source.line}`;
  return `${vscode.workspace.asRelativePath(files.uriOf(example.store))}:${example.storeLine}`;
}

/** Opens where the example was taught, with its word selected; else its entry in the taught-senses file. */
export async function openExample(example: TaughtExample, files: Files): Promise<void> {
  const to = target(example, files);
  if (to && 'refused' in to) void vscode.window.showWarningMessage(`BERT Word Sense: not opening the example's source: ${to.refused}. Showing its entry in the taught-senses file instead.`);
  const uri = to && 'uri' in to ? to.uri : files.uriOf(example.store);
  const line = Math.max(0, (to && 'uri' in to ? example.source!.line : example.storeLine) - 1);
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const selection = to && 'uri' in to && line < document.lineCount ? wordInLine(document.lineAt(line).text, line, example) : undefined;
    const at = new vscode.Position(Math.min(line, Math.max(0, document.lineCount - 1)), 0);
    await vscode.window.showTextDocument(document, { selection: selection ?? new vscode.Range(at, at) });
  } catch (error) {
    void vscode.window.showErrorMessage(`BERT Word Sense: could not open ${uri.toString()}: ${describeError(error, { causes: false })}`);
  }
}

/**
 * The example's word in the line it was taught from (the line may have changed since): of the
 * word's occurrences there, the one whose text before it matches the sentence's the longest.
 */
export function wordInLine(text: string, line: number, example: Pick<TaughtExample, 'sentence' | 'start' | 'end'>): vscode.Range | undefined {
  const word = example.sentence.slice(example.start, example.end);
  const before = example.sentence.slice(0, example.start);
  let best: { at: number; score: number } | undefined;
  for (let at = text.indexOf(word); at >= 0 && word; at = text.indexOf(word, at + 1)) {
    let score = 0;
    while (score < at && score < before.length && text[at - 1 - score] === before[before.length - 1 - score]) score++;
    if (!best || score > best.score) best = { at, score };
  }
  return best && new vscode.Range(line, best.at, line, best.at + word.length);
}
