/**
 * Teaching senses from the editor: "Teach Sense…" on the word under the cursor or the selection
 * (pick one of the word's taught senses or create one; this occurrence in its sentence becomes an
 * example), "Show Taught Senses" (the Taught Senses view), and Rename, Forget and Delete, from the
 * view's items or the palette. The engine edits the files (locked, re-read, atomic), so
 * an edit never loses what another window or a hand edit wrote. In an untrusted workspace the
 * workspace file is never written without asking.
 */
import * as vscode from 'vscode';
import type { TaughtExample, TaughtSense, TaughtWord } from '../../shared/engineProtocol';
import { isCancellation } from '../../shared/errors';
import { sentenceContext } from '../../shared/inventory';
import { openExample } from '../taughtExamples';
import { sourceName } from '../taughtPaths';
import type { TaughtSenses } from '../taughtSenses';
import { TAUGHT_VIEW, taughtNode } from '../taughtSensesView';
import { inventory } from '../wordInventory';
import { isOneWord, wordAt } from '../wordnetWords';
import type { CommandDeps } from './deps';

interface Occurrence {
  readonly document: vscode.TextDocument;
  /** The word as written and its place in the document. */
  readonly surface: string;
  readonly range: vscode.Range;
}

export async function teachSense(deps: CommandDeps, arg?: unknown): Promise<void> {
  const taught = deps.taught;
  const state = await taught.current();
  // Before asking anything: the example could not be written into a broken file.
  const broken = taught.broken([(taught.workspaceFile ?? taught.userFile).fsPath]);
  if (broken) {
    await taught.showBroken(broken, 'cannot teach a sense now');
    return;
  }
  const occurrence = await occurrenceOf(arg);
  if (!occurrence) {
    void vscode.window.showInformationMessage('BERT Word Sense: put the cursor on a word (or select one) to teach one of its senses.');
    return;
  }
  const { document, surface, range } = occurrence;
  const lemma = inventory.findAt(surface, 0)?.word ?? surface.toLowerCase().replace(/['’]s?$/, '');
  const senses = state?.words.find((w) => w.word === lemma)?.senses ?? [];

  type Pick = vscode.QuickPickItem & { readonly sense?: TaughtSense };
  const picked = await vscode.window.showQuickPick<Pick>(
    [
      ...senses.map((sense) => ({ label: sense.label, description: `${sense.examples.length} example${sense.examples.length === 1 ? '' : 's'}`, detail: sense.description, sense })),
      { label: '$(add) New sense…', description: `of “${lemma}”` },
    ],
    { title: `BERT Word Sense: teach a sense of “${lemma}”`, placeHolder: 'The sense this occurrence has' },
  );
  if (!picked) return;
  let label: string | undefined;
  let description: string | undefined;
  if (!picked.sense) {
    label = (await vscode.window.showInputBox({ title: `New sense of “${lemma}”`, prompt: 'Its label, e.g. “kernel (operating system)”', validateInput: (v) => (v.trim() ? undefined : 'A sense needs a label.') }))?.trim();
    if (!label) return;
    description = (await vscode.window.showInputBox({ title: `New sense of “${lemma}”: ${label}`, prompt: 'A one-line description (optional: Enter to skip)' }))?.trim() || undefined;
  }
  const store = await storeToWrite(taught);
  if (store === null) return;
  const toWorkspace = taught.workspaceFile !== undefined && (store === undefined || store === taught.workspaceFile.fsPath);

  const text = document.getText();
  const start = document.offsetAt(range.start);
  const context = sentenceContext(text, { start, end: start + surface.length });
  try {
    const engine = deps.host.engine();
    const { result, state: next } = await engine.call('teach', {
      word: surface,
      ...(picked.sense ? { sense: picked.sense.id } : { label, description }),
      sentence: context.text,
      start: context.start,
      end: context.end,
      source: { file: sourceName(document.uri, toWorkspace, workspaceFolder()), line: range.start.line + 1 },
      ...(store && { store }),
    });
    taught.apply(next);
    const what = result.created ? `new sense “${label}”` : `“${picked.label}”`;
    vscode.window.setStatusBarMessage(result.added ? `$(check) BERT Word Sense: taught ${what} of “${result.word}”` : `BERT Word Sense: this example of ${what} was already taught`, 6_000);
  } catch (error) {
    if (!isCancellation(error)) deps.host.fail('Teaching a sense', error);
  }
}

/**
 * The occurrence to teach: a hover link's `[uri, line, character]`, else the selection (one word),
 * else the word under the cursor.
 */
async function occurrenceOf(arg: unknown): Promise<Occurrence | undefined> {
  if (Array.isArray(arg) && typeof arg[0] === 'string' && Number.isInteger(arg[1]) && Number.isInteger(arg[2])) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg[0], true));
    return occurrenceAt(document, new vscode.Position(arg[1] as number, arg[2] as number));
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    const selected = document.getText(selection).trim();
    if (!isOneWord(selected)) return undefined;
    const start = document.offsetAt(selection.start) + document.getText(selection).indexOf(selected);
    return { document, surface: selected, range: new vscode.Range(document.positionAt(start), document.positionAt(start + selected.length)) };
  }
  return occurrenceAt(document, selection.active);
}

function occurrenceAt(document: vscode.TextDocument, position: vscode.Position): Occurrence | undefined {
  const word = wordAt(document.lineAt(position.line).text, position.character);
  return word && { document, surface: word.surface, range: new vscode.Range(position.line, word.start, position.line, word.end) };
}

/**
 * Where a new example goes: the workspace file by default (undefined: the engine's first store);
 * in an untrusted workspace only after asking, else the user's own file. Null: the user cancelled.
 */
async function storeToWrite(taught: TaughtSenses): Promise<string | undefined | null> {
  if (vscode.workspace.isTrusted || !taught.workspaceFile) return taught.workspaceFile ? undefined : taught.userFile.fsPath;
  const workspace = 'Write to this workspace';
  const user = 'Keep in my user senses';
  const choice = await vscode.window.showWarningMessage(
    'This workspace is not trusted. Write the taught example into its .vscode/word-senses.json, or keep it in your own senses (they follow you across workspaces)?',
    { modal: true },
    workspace,
    user,
  );
  return choice === workspace ? taught.workspaceFile.fsPath : choice === user ? taught.userFile.fsPath : null;
}

function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** "Show Taught Senses": the Taught Senses view, revealed and focused. */
export async function showTaughtSenses(): Promise<void> {
  await vscode.commands.executeCommand(`${TAUGHT_VIEW}.focus`);
}

/** A click on an example of the view: where it was taught. */
export async function openTaughtExample(deps: CommandDeps, arg: unknown): Promise<void> {
  const node = taughtNode(arg);
  if (node?.kind === 'example') await openExample(node.example, deps.taught);
}

type SenseAction = 'rename' | 'forget' | 'delete';
const ACTIONS: Record<SenseAction, string> = { rename: 'Rename Sense', forget: 'Forget an Example', delete: 'Delete Sense' };

/**
 * "Rename Sense…", "Forget Example…", "Delete Sense…": on the view's item they were invoked from,
 * else (the palette) on a taught sense picked first.
 */
export async function editTaughtSense(deps: CommandDeps, action: SenseAction, arg?: unknown): Promise<void> {
  const node = taughtNode(arg);
  if (node && node.kind !== 'word') {
    await act(deps, node.word, node.sense, action, node.kind === 'example' ? node.example : undefined);
    return;
  }
  const state = await deps.taught.current();
  const items = (state?.words ?? [])
    .filter((word) => !node || word.word === node.word.word)
    .flatMap((word) => word.senses.map((sense) => ({ label: sense.label, description: `${word.word} · ${sense.examples.length} example(s)`, word, sense })));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('BERT Word Sense: no taught senses yet. Put the cursor on a word and run “Teach Sense…”.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `BERT Word Sense: ${ACTIONS[action]}`, placeHolder: 'Taught sense' });
  if (picked) await act(deps, picked.word, picked.sense, action);
}

/** Does `action` to the sense (`example`: the one to forget, else it is picked). */
async function act(deps: CommandDeps, word: TaughtWord, sense: TaughtSense, action: SenseAction, example?: TaughtExample): Promise<void> {
  // An edit goes to every file that has the sense: none may be broken.
  const broken = deps.taught.broken();
  if (broken) {
    await deps.taught.showBroken(broken, `cannot ${ACTIONS[action].toLowerCase()} now`);
    return;
  }
  try {
    const engine = deps.host.engine();
    if (action === 'rename') {
      const label = (await vscode.window.showInputBox({ title: `Rename “${sense.label}”`, value: sense.label, validateInput: (v) => (v.trim() ? undefined : 'A sense needs a label.') }))?.trim();
      if (label) deps.taught.apply(await engine.call('renameSense', { word: word.word, sense: sense.id, label }));
    } else if (action === 'forget') {
      const e =
        example ??
        (await vscode.window.showQuickPick(
          sense.examples.map((e) => ({ label: e.sentence, example: e })),
          { title: `Forget an example of “${sense.label}”` },
        ))?.example;
      if (e) deps.taught.apply((await engine.call('forget', { word: word.word, sense: sense.id, sentence: e.sentence, start: e.start, end: e.end })).state);
    } else {
      const sure = await vscode.window.showWarningMessage(`Delete the sense “${sense.label}” of “${word.word}” with its ${sense.examples.length} example(s)?`, { modal: true }, 'Delete');
      if (sure === 'Delete') deps.taught.apply(await engine.call('deleteSense', { word: word.word, sense: sense.id }));
    }
  } catch (error) {
    if (!isCancellation(error)) deps.host.fail(`Editing the sense “${sense.label}”`, error);
  }
}
