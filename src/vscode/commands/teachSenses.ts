/**
 * Teaching senses from the editor: "Teach Sense…" on the word under the cursor or the selection
 * (pick one of the word's taught senses or create one; this occurrence in its sentence becomes an
 * example), and "Show Taught Senses" (words, senses and examples, each example opening where it was
 * taught, with Forget, Rename and Delete). The engine edits the files (locked, re-read, atomic), so
 * an edit never loses what another window or a hand edit wrote. In an untrusted workspace the
 * workspace file is never written without asking.
 */
import * as vscode from 'vscode';
import type { TaughtSense, TaughtState, TaughtWord } from '../../shared/engineProtocol';
import { describeError, isCancellation } from '../../shared/errors';
import { sentenceContext } from '../../shared/inventory';
import { sourceName, sourceTarget } from '../taughtPaths';
import type { TaughtSenses } from '../taughtSenses';
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
  const occurrence = await occurrenceOf(arg);
  if (!occurrence) {
    void vscode.window.showInformationMessage('BERT Word Sense: put the cursor on a word (or select one) to teach one of its senses.');
    return;
  }
  const { document, surface, range } = occurrence;
  const taught = deps.taught;
  const state = await taught.current();
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

type ListItem = vscode.QuickPickItem & { readonly word: TaughtWord; readonly sense?: TaughtSense; readonly example?: TaughtSense['examples'][number] };

/** Every taught word, sense and example; picking an example opens where it was taught (or its line in the file). */
export async function showTaughtSenses(deps: CommandDeps): Promise<void> {
  const state = await deps.taught.current();
  if (!state || state.words.length === 0) {
    void vscode.window.showInformationMessage('BERT Word Sense: no taught senses yet. Put the cursor on a word and run “Teach Sense…”.');
    return;
  }
  const picked = await vscode.window.showQuickPick<ListItem>(listItems(state, deps.taught), {
    title: `BERT Word Sense: taught senses (${state.words.length} word${state.words.length === 1 ? '' : 's'})`,
    placeHolder: 'Pick an example to go to it, or a sense to rename, delete or forget examples of',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  if (picked.example) {
    await openExample(picked.example, deps.taught);
    return;
  }
  if (picked.sense) await editSense(deps, picked.word, picked.sense);
}

function listItems(state: TaughtState, taught: TaughtSenses): ListItem[] {
  return state.words.flatMap((word) => [
    { label: word.word, kind: vscode.QuickPickItemKind.Separator, word },
    ...word.senses.flatMap((sense): ListItem[] => [
      { label: `$(symbol-enum) ${sense.label}`, description: `${sense.examples.length} example${sense.examples.length === 1 ? '' : 's'} · ${sense.id}`, detail: sense.description, word, sense },
      ...sense.examples.map((example) => ({
        label: `$(quote) ${example.sentence}`,
        description: example.source ? `${describeSource(example, example.source.file, taught)}:${example.source.line}` : undefined,
        word,
        sense,
        example,
      })),
    ]),
  ]);
}

type Example = TaughtSense['examples'][number];

function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Anything but the user's own file may have come with the workspace. */
function resolveSource(example: Example, file: string, taught: TaughtSenses) {
  return sourceTarget(file, example.store !== taught.userFile.fsPath, workspaceFolder());
}

function describeSource(example: Example, file: string, taught: TaughtSenses): string {
  const target = resolveSource(example, file, taught);
  return 'uri' in target ? vscode.workspace.asRelativePath(target.uri) : file;
}

/**
 * Where the example was taught from when known and a file it may open, else its entry in the
 * taught-senses file.
 */
async function openExample(example: Example, taught: TaughtSenses): Promise<void> {
  const source = example.source && { target: resolveSource(example, example.source.file, taught), line: example.source.line };
  if (source && 'refused' in source.target) void vscode.window.showWarningMessage(`BERT Word Sense: not opening the example's source: ${source.target.refused}. Showing its entry in the taught-senses file instead.`);
  const target = source && 'uri' in source.target ? { uri: source.target.uri, line: source.line } : { uri: vscode.Uri.file(example.store), line: example.storeLine };
  try {
    const at = new vscode.Position(Math.max(0, target.line - 1), 0);
    await vscode.window.showTextDocument(target.uri, { selection: new vscode.Range(at, at) });
  } catch (error) {
    void vscode.window.showErrorMessage(`BERT Word Sense: could not open ${target.uri.toString()}: ${describeError(error, { causes: false })}`);
  }
}

type SenseAction = 'rename' | 'forget' | 'delete';
const ACTIONS: readonly { readonly label: string; readonly action: SenseAction }[] = [
  { label: 'Rename Sense…', action: 'rename' },
  { label: 'Forget an Example…', action: 'forget' },
  { label: 'Delete Sense', action: 'delete' },
];

async function editSense(deps: CommandDeps, word: TaughtWord, sense: TaughtSense): Promise<void> {
  const picked = await vscode.window.showQuickPick(ACTIONS, { title: `${word.word}: ${sense.label}` });
  if (picked) await act(deps, word, sense, picked.action);
}

/** "Rename Sense…", "Forget Example…", "Delete Sense…": pick a taught sense, then do it. */
export async function editTaughtSense(deps: CommandDeps, action: SenseAction): Promise<void> {
  const state = await deps.taught.current();
  const items = (state?.words ?? []).flatMap((word) => word.senses.map((sense) => ({ label: sense.label, description: `${word.word} · ${sense.examples.length} example(s)`, word, sense })));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('BERT Word Sense: no taught senses yet. Put the cursor on a word and run “Teach Sense…”.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `BERT Word Sense: ${ACTIONS.find((a) => a.action === action)!.label.replace('…', '')}`, placeHolder: 'Taught sense' });
  if (picked) await act(deps, picked.word, picked.sense, action);
}

async function act(deps: CommandDeps, word: TaughtWord, sense: TaughtSense, action: SenseAction): Promise<void> {
  try {
    const engine = deps.host.engine();
    if (action === 'rename') {
      const label = (await vscode.window.showInputBox({ title: `Rename “${sense.label}”`, value: sense.label, validateInput: (v) => (v.trim() ? undefined : 'A sense needs a label.') }))?.trim();
      if (label) deps.taught.apply(await engine.call('renameSense', { word: word.word, sense: sense.id, label }));
    } else if (action === 'forget') {
      const example = await vscode.window.showQuickPick(
        sense.examples.map((e) => ({ label: e.sentence, example: e })),
        { title: `Forget an example of “${sense.label}”` },
      );
      if (example) {
        const { example: e } = example;
        deps.taught.apply((await engine.call('forget', { word: word.word, sense: sense.id, sentence: e.sentence, start: e.start, end: e.end })).state);
      }
    } else {
      const sure = await vscode.window.showWarningMessage(`Delete the sense “${sense.label}” of “${word.word}” with its ${sense.examples.length} example(s)?`, { modal: true }, 'Delete');
      if (sure === 'Delete') deps.taught.apply(await engine.call('deleteSense', { word: word.word, sense: sense.id }));
    }
  } catch (error) {
    if (!isCancellation(error)) deps.host.fail(`Editing the sense “${sense.label}”`, error);
  }
}
