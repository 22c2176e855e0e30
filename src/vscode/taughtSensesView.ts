/**
 * The Taught Senses view in the Explorer: word → sense → example, as the engine last listed them.
 * An example opens where it was taught; inline actions rename or delete a sense and forget an
 * example (package.json `view/item/context`, keyed on each item's `contextValue`). A broken file
 * comes first, as a row that opens it where it broke. Empty, the view shows its welcome
 * (`viewsWelcome`). It follows every change of the taught senses (teaching, edits, the files'
 * watcher) and never starts the engine itself.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TaughtExample, TaughtSense, TaughtWord } from '../shared/engineProtocol';
import { CommandId } from './commands/ids';
import { describeExample } from './taughtExamples';
import type { BrokenFile, TaughtSenses } from './taughtSenses';

export const TAUGHT_VIEW = 'bertWordSense.taughtSenses';

export type TaughtNode =
  | { readonly kind: 'broken'; readonly broken: BrokenFile }
  | { readonly kind: 'word'; readonly word: TaughtWord }
  | { readonly kind: 'sense'; readonly word: TaughtWord; readonly sense: TaughtSense }
  | { readonly kind: 'example'; readonly word: TaughtWord; readonly sense: TaughtSense; readonly example: TaughtExample };

/** Characters of an example's sentence shown in its row (the word and what is around it). */
export const EXAMPLE_CHARS = 60;

export class TaughtSensesProvider implements vscode.TreeDataProvider<TaughtNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaughtNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly taught: TaughtSenses) {
    this.subscription = taught.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: TaughtNode): TaughtNode[] {
    if (!node) {
      const state = this.taught.last;
      if (!state) return [];
      const broken = state.stores.flatMap((s) => (s.broken ? [{ kind: 'broken' as const, broken: s.broken }] : []));
      const words = [...state.words].sort((a, b) => a.word.localeCompare(b.word)).map((word) => ({ kind: 'word' as const, word }));
      return [...broken, ...words];
    }
    switch (node.kind) {
      case 'word':
        return node.word.senses.map((sense) => ({ kind: 'sense', word: node.word, sense }));
      case 'sense':
        return node.sense.examples.map((example) => ({ kind: 'example', word: node.word, sense: node.sense, example }));
      default:
        return [];
    }
  }

  getTreeItem(node: TaughtNode): vscode.TreeItem {
    switch (node.kind) {
      case 'broken':
        return brokenItem(node.broken, this.taught.uriOf(node.broken.file));
      case 'word': {
        const item = new vscode.TreeItem(node.word.word, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `word/${node.word.word}`;
        item.description = count(node.word.senses.length, 'sense');
        item.iconPath = new vscode.ThemeIcon('whole-word');
        item.contextValue = 'taughtWord';
        return item;
      }
      case 'sense': {
        const { sense } = node;
        const item = new vscode.TreeItem(sense.label, sense.examples.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `sense/${node.word.word}/${sense.id}`;
        item.description = count(sense.examples.length, 'example');
        item.tooltip = [sense.label, sense.description, `id: ${sense.id}`].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon('symbol-enum');
        item.contextValue = 'taughtSense';
        return item;
      }
      case 'example': {
        const { example } = node;
        const { text, highlight } = shorten(example.sentence, example.start, example.end);
        const item = new vscode.TreeItem({ label: text, highlights: [highlight] }, vscode.TreeItemCollapsibleState.None);
        // The index too: a file may list one example twice.
        item.id = `example/${node.word.word}/${node.sense.id}/${node.sense.examples.indexOf(example)}/${example.start}:${example.end}:${example.sentence}`;
        item.description = describeExample(example, this.taught);
        item.tooltip = `${example.sentence}\n${item.description}`;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.contextValue = 'taughtExample';
        item.command = { command: CommandId.openTaughtExample, title: 'Open Where It Was Taught', arguments: [node] };
        return item;
      }
      default: {
        const never: never = node;
        throw new Error(`unknown taught-senses node ${JSON.stringify(never)}`);
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function brokenItem(broken: BrokenFile, file: vscode.Uri): vscode.TreeItem {
  const item = new vscode.TreeItem(`${path.basename(broken.file)}: error at line ${broken.line}, column ${broken.column}`, vscode.TreeItemCollapsibleState.None);
  item.id = `broken/${broken.file}`;
  item.description = broken.message;
  item.tooltip = `${vscode.workspace.asRelativePath(file)}, line ${broken.line}, column ${broken.column}${broken.path ? ` (at ${broken.path})` : ''}: ${broken.message}\nThe senses read from it before are kept until it is fixed.`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = 'taughtFileBroken';
  const at = new vscode.Position(Math.max(0, broken.line - 1), Math.max(0, broken.column - 1));
  item.command = { command: 'vscode.open', title: 'Open File', arguments: [file, { selection: new vscode.Range(at, at) }] };
  return item;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * The sentence cut to about `max` characters around its word (with "…" where cut), and the word's
 * span in what is shown.
 */
export function shorten(sentence: string, start: number, end: number, max = EXAMPLE_CHARS): { text: string; highlight: [number, number] } {
  const flat = sentence.replace(/\s/g, ' ');
  if (flat.length <= max) return { text: flat, highlight: [start, end] };
  const room = Math.max(0, max - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(flat.length, from + (end - start) + room);
  from = Math.max(0, to - (end - start) - room);
  const slice = flat.slice(from, to);
  const head = from > 0 ? '…' : '';
  // Spaces at a cut are dropped; the word itself is never at a cut.
  const shift = head.length - from - (slice.length - slice.trimStart().length);
  return { text: `${head}${slice.trim()}${to < flat.length ? '…' : ''}`, highlight: [start + shift, end + shift] };
}

/** A node of this view passed to a command by its menus, else undefined (the palette passes nothing). */
export function taughtNode(arg: unknown): Exclude<TaughtNode, { kind: 'broken' }> | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const kind = (arg as { kind?: unknown }).kind;
  return kind === 'word' || kind === 'sense' || kind === 'example' ? (arg as Exclude<TaughtNode, { kind: 'broken' }>) : undefined;
}

/** The view in the Explorer. */
export function registerTaughtSensesView(taught: TaughtSenses): vscode.Disposable {
  const provider = new TaughtSensesProvider(taught);
  const view = vscode.window.createTreeView(TAUGHT_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  return vscode.Disposable.from(view, provider);
}
