/**
 * The Taught Senses view and the commands it drives, against the fake `vscode` module: its items,
 * labels, children and commands; sources written relative to the workspace and old absolute ones
 * read; a broken file reported once and refused by Teach before anything is asked.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type { TaughtExample, TaughtState, TaughtStoreState } from '../../src/shared/engineProtocol';
import { editTaughtSense, openTaughtExample, showTaughtSenses, teachSense } from '../../src/vscode/commands/teachSenses';
import type { CommandDeps } from '../../src/vscode/commands/deps';
import type { EngineHost } from '../../src/vscode/engineHost';
import { TaughtSenses } from '../../src/vscode/taughtSenses';
import { registerTaughtSensesView, shorten, TaughtSensesProvider, type TaughtNode } from '../../src/vscode/taughtSensesView';
import { FakeTextDocument } from '../fakes/textDocument';
import { EventEmitter, fake, TreeItemCollapsibleState, workspace, window } from '../fakes/vscode';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bws-view-'));
const folder = path.join(root, 'project');
const storage = path.join(root, 'storage');
const workspaceFile = path.join(folder, '.vscode', 'word-senses.json');
fs.mkdirSync(path.join(folder, 'notes'), { recursive: true });
fs.writeFileSync(path.join(folder, 'notes', 'os.md'), '# Notes\n\nSo the kernel schedules. The kernel schedules every process.\n');
after(() => fs.rmSync(root, { recursive: true, force: true }));

const example = (sentence: string, word: string, source?: string, line = 3, store = workspaceFile): TaughtExample => {
  const start = sentence.indexOf(word);
  return { sentence, start, end: start + word.length, store, storeLine: 7, ...(source && { source: { file: source, line } }) };
};

const STATE: TaughtState = {
  allWords: ['bank', 'kernel', 'python'],
  words: [
    {
      word: 'python',
      senses: [{ id: 'snake', label: 'python (snake)', examples: [example('The python swallowed the goat.', 'python')] }],
    },
    {
      word: 'kernel',
      senses: [
        {
          id: 'os',
          label: 'kernel (OS)',
          description: 'The core of an operating system.',
          examples: [
            example('The kernel schedules every process.', 'kernel', 'notes/os.md'),
            example('The kernel schedules every process.', 'kernel', `file://${folder}/notes/os.md`),
            example('A kernel panic.', 'kernel', 'file:///etc/passwd'),
          ],
        },
        { id: 'empty', label: 'kernel (nothing yet)', examples: [] },
      ],
    },
  ],
  stores: [{ file: workspaceFile, exists: true, problems: [] }],
};

const BROKEN: TaughtStoreState = {
  file: workspaceFile,
  exists: true,
  problems: [],
  broken: { file: workspaceFile, severity: 'error', message: 'JSON syntax: close brace expected.', offset: 40, length: 0, line: 3, column: 5 },
};

/** The engine's calls, each answered with the listing. */
const calls: { method: string; params: unknown }[] = [];
const host = {
  onDidReset: new EventEmitter<void>().event,
  engine: () => ({
    call: async (method: string, params: unknown) => {
      calls.push({ method, params });
      if (method === 'teach') return { result: { word: 'kernel', sense: 'os', created: false, added: true }, state: STATE };
      if (method === 'forget') return { removed: 1, state: STATE };
      return STATE;
    },
  }),
  logError: () => undefined,
  fail: (doing: string, error: unknown) => void fake.log.push({ level: 'error', message: `${doing}: ${String(error)}` }),
} as unknown as EngineHost;

workspace.workspaceFolders = [{ uri: vscode.Uri.file(folder), name: 'project', index: 0 }];
const log = window.createOutputChannel('test', { log: true }) as unknown as vscode.LogOutputChannel;
const taught = new TaughtSenses(host, vscode.Uri.file(storage), log);
const deps = { host, taught, log } as unknown as CommandDeps;
const provider = new TaughtSensesProvider(taught);

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);
const rows = (nodes: TaughtNode[]) => nodes.map((n) => provider.getTreeItem(n)).map((i) => `${label(i)} | ${i.description}`);
const find = (kind: TaughtNode['kind'], predicate: (n: TaughtNode) => boolean = () => true): TaughtNode => {
  const all = (nodes: TaughtNode[]): TaughtNode[] => nodes.flatMap((n) => [n, ...all(provider.getChildren(n))]);
  const node = all(provider.getChildren()).find((n) => n.kind === kind && predicate(n));
  assert.ok(node, `a ${kind} node`);
  return node;
};

beforeEach(() => {
  calls.length = 0;
  for (const list of [fake.messages, fake.quickPicks, fake.inputBoxes, fake.pickAnswers, fake.inputAnswers, fake.messageAnswers, fake.shown, fake.executed]) list.length = 0;
});

describe('the Taught Senses view', () => {
  it('is empty (its welcome shows) before anything was read, and follows every listing', () => {
    assert.deepEqual(provider.getChildren(), []);
    let fired = 0;
    provider.onDidChangeTreeData(() => fired++);
    taught.apply(STATE);
    assert.equal(fired, 1);
    assert.deepEqual(rows(provider.getChildren()), ['kernel | 2 senses', 'python | 1 sense'], 'words in alphabetical order');
  });

  it('the same listing again (the watcher\'s echo of an own write) changes nothing; a new one does', () => {
    let changed = 0;
    const subscription = taught.onDidChange(() => changed++);
    taught.apply(structuredClone(STATE));
    assert.equal(changed, 0, 'an equal listing, another object');
    const fewer = { ...STATE, words: STATE.words.slice(0, 1) };
    taught.apply(fewer);
    taught.apply(STATE);
    assert.equal(changed, 2);
    subscription.dispose();
  });

  it('shows word → sense → example, with ids, icons, context values and the example command', () => {
    const kernel = find('word', (n) => n.kind === 'word' && n.word.word === 'kernel');
    const word = provider.getTreeItem(kernel);
    assert.deepEqual([word.id, word.contextValue, word.collapsibleState, (word.iconPath as vscode.ThemeIcon).id], ['word/kernel', 'taughtWord', TreeItemCollapsibleState.Expanded, 'whole-word']);

    const senses = provider.getChildren(kernel);
    assert.deepEqual(rows(senses), ['kernel (OS) | 3 examples', 'kernel (nothing yet) | 0 examples']);
    const os = provider.getTreeItem(senses[0]);
    assert.equal(os.contextValue, 'taughtSense');
    assert.equal(os.tooltip, 'kernel (OS)\nThe core of an operating system.\nid: os');
    assert.equal(provider.getTreeItem(senses[1]).collapsibleState, TreeItemCollapsibleState.None, 'a sense without examples has no children');

    const examples = provider.getChildren(senses[0]);
    const items = examples.map((n) => provider.getTreeItem(n));
    assert.deepEqual(items.map((i) => i.label), Array(3).fill(null).map((_, i) => ({ label: ['The kernel schedules every process.', 'The kernel schedules every process.', 'A kernel panic.'][i], highlights: [[i === 2 ? 2 : 4, i === 2 ? 8 : 10]] })));
    assert.deepEqual(items.map((i) => i.contextValue), ['taughtExample', 'taughtExample', 'taughtExample']);
    assert.equal(new Set(items.map((i) => i.id)).size, 3, 'every row has its own id');
    assert.deepEqual(items[0].command, { command: 'bertWordSense.openTaughtExample', title: 'Open Where It Was Taught', arguments: [examples[0]] });
    assert.deepEqual(provider.getChildren(examples[0]), []);
  });

  it('names a source relative to the workspace, whether written relative or as an old absolute URI', () => {
    const sense = find('sense', (n) => n.kind === 'sense' && n.sense.id === 'os');
    assert.deepEqual(
      provider.getChildren(sense).map((n) => provider.getTreeItem(n).description),
      ['notes/os.md:3', 'notes/os.md:3', 'file:///etc/passwd:3'],
    );
    const python = find('example', (n) => n.kind === 'example' && n.word.word === 'python');
    assert.equal(provider.getTreeItem(python).description, '.vscode/word-senses.json:7', 'no source: its line in the file');
  });

  it('opens an example where it was taught with its word selected; a source outside the workspace opens its entry instead', async () => {
    const [relative, absolute, outside] = provider.getChildren(find('sense', (n) => n.kind === 'sense' && n.sense.id === 'os'));
    await openTaughtExample(deps, relative);
    await openTaughtExample(deps, absolute);
    const selections = fake.shown.map((s) => `${s.uri} ${s.selection?.start.line}:${s.selection?.start.character}-${s.selection?.end.character}`);
    // Line 3 has "kernel" twice: the one after "The " is the example's.
    assert.deepEqual(selections, Array(2).fill(`file://${folder}/notes/os.md 2:29-35`));
    fs.mkdirSync(path.dirname(workspaceFile), { recursive: true });
    fs.writeFileSync(workspaceFile, '{\n\n\n\n\n\n  "x": 1\n}\n');
    await openTaughtExample(deps, outside);
    assert.match(fake.messages[0].message, /not opening the example's source: file:\/\/\/etc\/passwd is not a file of this workspace/);
    assert.equal(fake.shown[2].uri, `file://${workspaceFile}`);
    assert.equal(fake.shown[2].selection?.start.line, 6);
  });

  it('shortens a long sentence around its word and keeps the highlight on it', () => {
    const sentence = `${'a'.repeat(80)} kernel ${'b'.repeat(80)}`;
    const { text, highlight } = shorten(sentence, 81, 87, 40);
    assert.ok(text.length <= 42, text);
    assert.ok(text.startsWith('…') && text.endsWith('…'), text);
    assert.equal(text.slice(...highlight), 'kernel');
    const start = shorten(`kernel ${'b'.repeat(80)}`, 0, 6, 40);
    assert.equal(start.text.slice(...start.highlight), 'kernel');
    assert.ok(!start.text.startsWith('…'));
  });

  it('registers one tree view, disposed with the extension', () => {
    const disposable = registerTaughtSensesView(taught);
    assert.equal(fake.treeViews.at(-1)?.id, 'bertWordSense.taughtSenses');
    disposable.dispose();
    assert.equal(fake.treeViews.at(-1)?.disposed, true);
  });
});

describe('commands on the view items', () => {
  it('rename acts on its item: no quick pick, the input starts with the label', async () => {
    fake.inputAnswers.push('operating system kernel');
    await editTaughtSense(deps, 'rename', find('sense', (n) => n.kind === 'sense' && n.sense.id === 'os'));
    assert.equal(fake.quickPicks.length, 0);
    assert.equal(fake.inputBoxes[0].value, 'kernel (OS)');
    assert.deepEqual(calls, [{ method: 'renameSense', params: { word: 'kernel', sense: 'os', label: 'operating system kernel' } }]);
  });

  it('forget acts on its example, delete on its sense after asking', async () => {
    await editTaughtSense(deps, 'forget', find('example', (n) => n.kind === 'example' && n.word.word === 'python'));
    assert.equal(fake.quickPicks.length, 0);
    assert.deepEqual(calls[0], { method: 'forget', params: { word: 'python', sense: 'snake', sentence: 'The python swallowed the goat.', start: 4, end: 10 } });

    fake.messageAnswers.push('Delete');
    await editTaughtSense(deps, 'delete', find('sense', (n) => n.kind === 'sense' && n.sense.id === 'snake'));
    assert.equal(fake.quickPicks.length, 0);
    assert.match(fake.messages[0].message, /Delete the sense “python \(snake\)” of “python” with its 1 example/);
    assert.deepEqual(calls[1], { method: 'deleteSense', params: { word: 'python', sense: 'snake' } });
  });

  it('from the palette (no item) the sense is picked first', async () => {
    fake.pickAnswers.push((items) => items.find((i) => (i as { label: string }).label === 'python (snake)'));
    fake.inputAnswers.push('snake');
    await editTaughtSense(deps, 'rename');
    assert.equal(fake.quickPicks.length, 1);
    assert.equal(fake.quickPicks[0].items.length, 3, 'every taught sense');
    assert.deepEqual(calls, [{ method: 'renameSense', params: { word: 'python', sense: 'snake', label: 'snake' } }]);
  });

  it('"Show Taught Senses" focuses the view', async () => {
    await showTaughtSenses();
    assert.deepEqual(fake.executed.map((e) => e.command), ['bertWordSense.taughtSenses.focus']);
  });
});

describe('teaching', () => {
  const editorOn = (text: string, word: string) => {
    const document = new FakeTextDocument(text, { uri: `file://${folder}/notes/os.md` });
    const at = document.positionAt(text.indexOf(word) + 1);
    window.activeTextEditor = { document, selection: { isEmpty: true, active: at } };
  };

  it('writes the source relative to the workspace folder', async () => {
    taught.apply(STATE);
    editorOn('# Notes\n\nThe kernel schedules every process.\n', 'kernel');
    fake.pickAnswers.push((items) => items.find((i) => (i as { label: string }).label === 'kernel (OS)'));
    await teachSense(deps);
    assert.equal(fake.quickPicks.length, 1, 'the sense picker is shown');
    assert.equal(calls[0]?.method, 'teach');
    assert.deepEqual((calls[0].params as { source: unknown }).source, { file: 'notes/os.md', line: 3 });
    assert.equal((calls[0].params as { sense: string }).sense, 'os');
  });

  it('a broken file is reported once with its line and column and an Open File button', async () => {
    taught.apply({ ...STATE, stores: [BROKEN] });
    assert.equal(fake.messages.length, 1);
    assert.equal(fake.messages[0].kind, 'error');
    assert.match(fake.messages[0].message, /\.vscode\/word-senses\.json has an error at line 3, column 5: JSON syntax: close brace expected\. The senses read from it before are kept until it is fixed\./);
    assert.deepEqual(fake.messages[0].items, ['Open File']);
    taught.apply({ ...STATE, stores: [BROKEN] });
    assert.equal(fake.messages.length, 1, 're-reading the same breakage says nothing new');
    const [first] = provider.getChildren();
    const item = provider.getTreeItem(first);
    assert.equal(label(item), 'word-senses.json: error at line 3, column 5');
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal(provider.getChildren().length, 3, 'the broken file, then the words as last read');
    taught.apply(STATE);
    taught.apply({ ...STATE, stores: [BROKEN] });
    assert.equal(fake.messages.length, 2, 'broken again after a fix: said again');
  });

  it('Teach refuses before any quick pick while the file is broken, and opens it where it broke', async () => {
    taught.apply({ ...STATE, stores: [BROKEN] });
    editorOn('# Notes\n\nThe kernel schedules every process.\n', 'kernel');
    fake.messageAnswers.push('Open File');
    await teachSense(deps);
    assert.equal(fake.quickPicks.length, 0);
    assert.equal(fake.inputBoxes.length, 0);
    assert.equal(calls.length, 0);
    assert.match(fake.messages.at(-1)?.message ?? '', /cannot teach a sense now: \.vscode\/word-senses\.json has an error at line 3, column 5: JSON syntax/);
    assert.deepEqual(fake.shown.map((s) => `${s.uri} ${s.selection?.start.line}:${s.selection?.start.character}`), [`file://${workspaceFile} 2:4`]);
  });

  it('rename, forget and delete refuse too, before asking', async () => {
    taught.apply({ ...STATE, stores: [BROKEN] });
    await editTaughtSense(deps, 'rename', find('sense', (n) => n.kind === 'sense' && n.sense.id === 'os'));
    assert.equal(fake.inputBoxes.length, 0);
    assert.equal(calls.length, 0);
    assert.match(fake.messages.at(-1)?.message ?? '', /cannot rename sense now: .*line 3, column 5/);
  });
});

describe('taught-senses files that are not local files (a browser\'s workspace)', () => {
  it('are named back by their own URIs: problems, Open File and an example\'s entry', async () => {
    const folders = workspace.workspaceFolders;
    workspace.workspaceFolders = [{ uri: vscode.Uri.parse('vscode-remote://project'), name: 'project', index: 0 }];
    const remote = new TaughtSenses(host, vscode.Uri.parse('vscode-remote://storage'), log);
    try {
      const file = '/project/.vscode/word-senses.json';
      assert.equal(remote.uriOf(file).toString(), 'vscode-remote:///project/.vscode/word-senses.json');
      assert.equal(remote.uriOf('/storage/word-senses.json').toString(), 'vscode-remote:///storage/word-senses.json');
      const broken: TaughtStoreState = { ...BROKEN, file, broken: { ...BROKEN.broken!, file } };
      fake.messageAnswers.push('Open File');
      remote.apply({ ...STATE, stores: [{ ...broken, problems: [broken.broken!] }] });
      const diagnostics = fake.diagnostics.at(-1)!.entries;
      assert.deepEqual([...diagnostics.keys()], ['vscode-remote:///project/.vscode/word-senses.json']);
      for (let i = 0; i < 20 && fake.shown.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(fake.shown.map((s) => String(s.uri)), ['vscode-remote:///project/.vscode/word-senses.json']);
    } finally {
      remote.dispose();
      workspace.workspaceFolders = folders;
    }
  });
});
