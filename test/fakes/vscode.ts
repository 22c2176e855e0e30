/**
 * A small fake of the `vscode` module for running the extension's VS Code layer in plain Node:
 * only what src/vscode touches on the activation and hover paths (plus a few trivial members so a
 * stray use fails with a clear assertion rather than "undefined is not a function").
 * Install it with `test/fakes/installVscode.ts`, imported before any src/vscode module.
 *
 * Everything the extension "shows" is recorded in `fake` so tests can assert on it.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Recorded side effects and test controls

export interface ShownMessage {
  readonly kind: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly items: readonly string[];
}

export interface ProgressCall {
  readonly title: string | undefined;
  readonly location: number;
  readonly cancellable: boolean | undefined;
  readonly messages: string[];
  readonly cancel: () => void;
  done: boolean;
}

export interface FakeStatusBarItem {
  readonly id: string | undefined;
  text: string;
  tooltip: string | undefined;
  name: string | undefined;
  command: string | undefined;
  backgroundColor: ThemeColor | undefined;
  visible: boolean;
  disposed: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

export interface LogLine {
  readonly level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'append';
  readonly message: string;
}

export const fake = {
  messages: [] as ShownMessage[],
  progress: [] as ProgressCall[],
  statusBarItems: [] as FakeStatusBarItem[],
  log: [] as LogLine[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  hoverProviders: [] as { selector: unknown; provider: unknown }[],
  /** Settings per section, e.g. `settings.bertWordSense.layers`. */
  settings: {} as Record<string, Record<string, unknown>>,
  /** What `workspace.findFiles` finds, and the arguments it was called with. */
  files: [] as Uri[],
  findFilesCalls: [] as { include: string; exclude: string | undefined; max: number | undefined }[],
  /** Diagnostic collections made by `languages.createDiagnosticCollection`. */
  diagnostics: [] as { name: string; entries: Map<string, unknown[]> }[],
  /** Watchers made by `workspace.createFileSystemWatcher`, to fire their events. */
  watchers: [] as FakeFileSystemWatcher[],
  /** Context keys set with `setContext`, and how many times one was sent. */
  context: new Map<string, unknown>(),
  contextCalls: 0,
  /** `WorkspaceConfiguration.update` calls. */
  configurationUpdates: [] as { section: string; key: string; value: unknown; target: unknown }[],
  /** Quick picks and input boxes shown, in order; answers are taken from the queues below (none: cancelled). */
  quickPicks: [] as { items: readonly unknown[]; options: unknown }[],
  inputBoxes: [] as { value?: string; title?: string }[],
  pickAnswers: [] as ((items: readonly unknown[]) => unknown)[],
  inputAnswers: [] as (string | undefined)[],
  /** The button each next message (error, warning, info) is answered with. */
  messageAnswers: [] as (string | undefined)[],
  /** Documents shown by `window.showTextDocument`, with the selection asked for. */
  shown: [] as { uri: string; selection: Range | undefined }[],
  treeViews: [] as { id: string; options: unknown; disposed: boolean }[],
  reset(): void {
    this.messages.length = 0;
    this.progress.length = 0;
    this.statusBarItems.length = 0;
    this.log.length = 0;
    this.commands.clear();
    this.executed.length = 0;
    this.hoverProviders.length = 0;
    this.settings = {};
    this.files = [];
    this.findFilesCalls.length = 0;
    this.watchers.length = 0;
    this.diagnostics.length = 0;
    this.context.clear();
    this.contextCalls = 0;
    this.configurationUpdates.length = 0;
    env.remoteName = undefined;
    this.quickPicks.length = 0;
    this.inputBoxes.length = 0;
    this.pickAnswers.length = 0;
    this.inputAnswers.length = 0;
    this.messageAnswers.length = 0;
    this.shown.length = 0;
    this.treeViews.length = 0;
  },
};

// ---------------------------------------------------------------------------------------------
// Basic types

export class Disposable {
  private callOnDispose: (() => unknown) | undefined;

  constructor(callOnDispose: () => unknown) {
    this.callOnDispose = callOnDispose;
  }

  static from(...disposables: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => {
      for (const d of disposables) d.dispose();
    });
  }

  dispose(): void {
    const call = this.callOnDispose;
    this.callOnDispose = undefined;
    call?.();
  }
}

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class EventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  private disposed = false;

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = (e: T) => listener.call(thisArgs, e);
    if (!this.disposed) this.listeners.add(bound);
    const d = new Disposable(() => this.listeners.delete(bound));
    disposables?.push(d);
    return d;
  };

  fire(data: T): void {
    // Like VS Code: a listener that throws does not stop the others (it is logged there).
    for (const listener of [...this.listeners]) {
      try {
        listener(data);
      } catch (error) {
        fake.log.push({ level: 'error', message: `listener threw: ${String(error)}` });
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  readonly onCancellationRequested: Event<unknown>;
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<unknown>();
  private cancelled = false;
  readonly token: CancellationToken;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const source = this;
    this.token = {
      get isCancellationRequested() {
        return source.cancelled;
      },
      onCancellationRequested: (listener, thisArgs, disposables) => {
        if (source.cancelled) {
          // VS Code calls a listener added after cancellation right away (asynchronously).
          const timer = setTimeout(() => listener.call(thisArgs, undefined), 0);
          const d = new Disposable(() => clearTimeout(timer));
          disposables?.push(d);
          return d;
        }
        return this.emitter.event(listener, thisArgs, disposables);
      },
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {
    if (line < 0 || character < 0) throw new Error(`Illegal position ${line}:${character}`);
  }

  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }

  isBeforeOrEqual(other: Position): boolean {
    return this.isBefore(other) || this.isEqual(other);
  }

  isAfter(other: Position): boolean {
    return !this.isBeforeOrEqual(other);
  }

  isAfterOrEqual(other: Position): boolean {
    return !this.isBefore(other);
  }

  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }

  compareTo(other: Position): number {
    return this.isBefore(other) ? -1 : this.isEqual(other) ? 0 : 1;
  }

  translate(lineDelta: number | { lineDelta?: number; characterDelta?: number } = 0, characterDelta = 0): Position {
    if (typeof lineDelta === 'object') return this.translate(lineDelta.lineDelta ?? 0, lineDelta.characterDelta ?? 0);
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }

  with(line: number | { line?: number; character?: number } = this.line, character = this.character): Position {
    if (typeof line === 'object') return new Position(line.line ?? this.line, line.character ?? this.character);
    return new Position(line, character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(start: Position, end: Position);
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number);
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    const start = typeof a === 'number' ? new Position(a, b as number) : a;
    const end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
    // VS Code orders the ends.
    [this.start, this.end] = start.isBeforeOrEqual(end) ? [start, end] : [end, start];
  }

  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }

  get isSingleLine(): boolean {
    return this.start.line === this.end.line;
  }

  contains(other: Position | Range): boolean {
    if (other instanceof Range) return this.contains(other.start) && this.contains(other.end);
    return other.isAfterOrEqual(this.start) && other.isBeforeOrEqual(this.end);
  }

  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }

  with(start: Position = this.start, end: Position = this.end): Range {
    return new Range(start, end);
  }
}

export class MarkdownString {
  value: string;
  isTrusted: boolean | { readonly enabledCommands: readonly string[] } | undefined;
  supportHtml: boolean | undefined;
  supportThemeIcons: boolean | undefined;

  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }

  appendText(value: string): MarkdownString {
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!<>]/g, '\\$&');
    return this;
  }

  appendMarkdown(value: string): MarkdownString {
    this.value += value;
    return this;
  }
}

export class Hover {
  readonly contents: MarkdownString[];

  constructor(
    contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

export class InlayHint {
  paddingLeft?: boolean;
  tooltip?: string | MarkdownString;
  constructor(
    readonly position: Position,
    readonly label: string,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id: string | undefined;
  description: string | boolean | undefined;
  tooltip: string | MarkdownString | undefined;
  iconPath: ThemeIcon | undefined;
  contextValue: string | undefined;
  command: { command: string; title: string; arguments?: unknown[] } | undefined;
  constructor(
    readonly label: string | { label: string; highlights?: [number, number][] },
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}

  static file(fsPath: string): Uri {
    return new Uri('file', path.resolve(fsPath));
  }

  static parse(value: string): Uri {
    const match = /^([a-z][\w+.-]*):(?:\/\/)?(.*)$/i.exec(value);
    return match ? new Uri(match[1], match[2].startsWith('/') ? match[2] : `/${match[2]}`) : new Uri('file', value);
  }

  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...segments));
  }

  get fsPath(): string {
    return this.path;
  }

  with(change: { scheme?: string; path?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }

  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum DecorationRangeBehavior {
  OpenOpen = 0,
  ClosedClosed = 1,
  OpenClosed = 2,
  ClosedOpen = 3,
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export const version = '1.100.0-fake';

export const env = {
  /** Set for a remote window (`ssh-remote`, `wsl`, …). */
  remoteName: undefined as string | undefined,
};

// ---------------------------------------------------------------------------------------------
// window

function logChannel(name: string) {
  const line = (level: LogLine['level']) => (message: string) => void fake.log.push({ level, message });
  return {
    name,
    logLevel: 2,
    onDidChangeLogLevel: new EventEmitter<number>().event,
    trace: line('trace'),
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: (message: string | Error) => void fake.log.push({ level: 'error', message: String(message) }),
    append: line('append'),
    appendLine: line('append'),
    replace: line('append'),
    clear: () => undefined,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  };
}

const visibleEditors = new EventEmitter<unknown[]>();

export const window = {
  activeTextEditor: undefined as unknown,
  visibleTextEditors: [] as unknown[],
  onDidChangeVisibleTextEditors: visibleEditors.event,
  onDidChangeActiveTextEditor: new EventEmitter<unknown>().event,

  createOutputChannel(name: string, _options?: { log: true } | string) {
    return logChannel(name);
  },

  createStatusBarItem(id?: string, _alignment?: StatusBarAlignment, _priority?: number): FakeStatusBarItem {
    const item: FakeStatusBarItem = {
      id,
      text: '',
      tooltip: undefined,
      name: undefined,
      command: undefined,
      backgroundColor: undefined,
      visible: false,
      disposed: false,
      show() {
        item.visible = true;
      },
      hide() {
        item.visible = false;
      },
      dispose() {
        item.disposed = true;
        item.visible = false;
      },
    };
    fake.statusBarItems.push(item);
    return item;
  },

  createTextEditorDecorationType(_options: unknown) {
    return { key: `decoration-${Math.random().toString(36).slice(2)}`, dispose: () => undefined };
  },

  setStatusBarMessage(_text: string, _hide?: unknown) {
    return new Disposable(() => undefined);
  },

  /** Runs the task with a real cancellation token; the notification "closes" when the task settles. */
  withProgress<R>(
    options: { location: number; title?: string; cancellable?: boolean },
    task: (progress: { report(value: { message?: string; increment?: number }): void }, token: CancellationToken) => Thenable<R>,
  ): Promise<R> {
    const source = new CancellationTokenSource();
    const call: ProgressCall = {
      title: options.title,
      location: options.location,
      cancellable: options.cancellable,
      messages: [],
      cancel: () => source.cancel(),
      done: false,
    };
    fake.progress.push(call);
    const progress = {
      report(value: { message?: string; increment?: number }) {
        if (value.message) call.messages.push(value.message);
      },
    };
    return Promise.resolve(task(progress, source.token)).finally(() => {
      call.done = true;
      source.dispose();
    });
  },

  showErrorMessage(message: string, ...items: unknown[]): Promise<string | undefined> {
    fake.messages.push({ kind: 'error', message, items: items.filter((i): i is string => typeof i === 'string') });
    return Promise.resolve(fake.messageAnswers.shift());
  },

  showWarningMessage(message: string, ...items: unknown[]): Promise<string | undefined> {
    fake.messages.push({ kind: 'warning', message, items: items.filter((i): i is string => typeof i === 'string') });
    return Promise.resolve(fake.messageAnswers.shift());
  },

  showInformationMessage(message: string, ...items: unknown[]): Promise<string | undefined> {
    fake.messages.push({ kind: 'info', message, items: items.filter((i): i is string => typeof i === 'string') });
    return Promise.resolve(fake.messageAnswers.shift());
  },

  showQuickPick(items: readonly unknown[] | Promise<readonly unknown[]>, options?: unknown): Promise<unknown> {
    return Promise.resolve(items).then((list) => {
      fake.quickPicks.push({ items: list, options });
      return fake.pickAnswers.shift()?.(list);
    });
  },
  showInputBox(options: { value?: string; title?: string } = {}): Promise<string | undefined> {
    fake.inputBoxes.push(options);
    return Promise.resolve(fake.inputAnswers.shift());
  },
  showTextDocument(document: { uri: Uri } | Uri, options?: { selection?: Range }): Promise<unknown> {
    const uri = document instanceof Uri ? document : document.uri;
    fake.shown.push({ uri: uri.toString(), selection: options?.selection });
    return Promise.resolve(undefined);
  },
  createTreeView(id: string, options: unknown) {
    const view = { id, options, disposed: false };
    fake.treeViews.push(view);
    return { reveal: () => Promise.resolve(), dispose: () => void (view.disposed = true) };
  },
  showOpenDialog: () => Promise.resolve(undefined),
  showSaveDialog: () => Promise.resolve(undefined),
  createWebviewPanel: () => {
    throw new Error('fake vscode: createWebviewPanel is not faked');
  },
  registerWebviewPanelSerializer: (_viewType: string, _serializer: unknown) => new Disposable(() => undefined),
};

// ---------------------------------------------------------------------------------------------
// workspace

export interface ConfigurationChangeEvent {
  affectsConfiguration(section: string): boolean;
}

const configurationChanged = new EventEmitter<ConfigurationChangeEvent>();
const textDocumentChanged = new EventEmitter<unknown>();
const textDocumentClosed = new EventEmitter<unknown>();
const textDocumentOpened = new EventEmitter<unknown>();

export const workspace = {
  workspaceFolders: undefined as unknown,
  onDidChangeConfiguration: configurationChanged.event,
  onDidChangeTextDocument: textDocumentChanged.event,
  onDidCloseTextDocument: textDocumentClosed.event,
  onDidOpenTextDocument: textDocumentOpened.event,
  /** The open documents; `openTextDocument` finds a document here by its URI before it reads the file. */
  textDocuments: [] as { readonly uri: Uri }[],

  getConfiguration(section = '') {
    const values = () => fake.settings[section] ?? {};
    return {
      get: <T>(key: string, defaultValue?: T): T | undefined => {
        const all = values();
        return key in all ? (all[key] as T) : defaultValue;
      },
      has(key: string): boolean {
        return key in values();
      },
      // The fake's settings are the user's (global) values.
      inspect: (key: string) => {
        const all = values();
        return { key: `${section}.${key}`, globalValue: key in all ? all[key] : undefined };
      },
      update(key: string, value: unknown, target?: unknown): Promise<void> {
        fake.configurationUpdates.push({ section, key, value, target });
        return Promise.resolve();
      },
    };
  },

  /** Like VS Code: relative to the first folder when inside it. */
  asRelativePath(pathOrUri: string | Uri): string {
    const p = typeof pathOrUri === 'string' ? pathOrUri : pathOrUri.fsPath;
    const folder = (workspace.workspaceFolders as { uri: Uri }[] | undefined)?.[0]?.uri.fsPath;
    return folder && p.startsWith(`${folder}/`) ? p.slice(folder.length + 1) : p;
  },

  isTrusted: true,

  /** An open document of that URI, or one of the file on disk (its text as it is now). */
  async openTextDocument(uri: Uri): Promise<unknown> {
    const open = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open;
    const { FakeTextDocument } = await import('./textDocument');
    const text = await fs.readFile(uri.fsPath, 'utf8').catch(notFound(uri));
    return new FakeTextDocument(text, { uri: uri.toString() });
  },

  findFiles(include: string, exclude?: string, max?: number): Promise<Uri[]> {
    fake.findFilesCalls.push({ include, exclude, max });
    return Promise.resolve(fake.files.slice(0, max));
  },

  createFileSystemWatcher(_glob: unknown): FakeFileSystemWatcher {
    const watcher = new FakeFileSystemWatcher();
    fake.watchers.push(watcher);
    return watcher;
  },

  /** The real file system, through the files' paths. */
  fs: {
    async stat(uri: Uri) {
      const s = await fs.stat(uri.fsPath).catch(notFound(uri));
      return { type: 1, ctime: s.ctimeMs, mtime: s.mtimeMs, size: s.size };
    },
    readFile: (uri: Uri): Promise<Uint8Array> => fs.readFile(uri.fsPath).catch(notFound(uri)),
    writeFile: (uri: Uri, data: Uint8Array) => fs.writeFile(uri.fsPath, data),
    createDirectory: (uri: Uri) => fs.mkdir(uri.fsPath, { recursive: true }).then(() => undefined),
    rename: (from: Uri, to: Uri) => fs.rename(from.fsPath, to.fsPath),
  },
};

export class FileSystemError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function notFound(uri: Uri) {
  return (error: NodeJS.ErrnoException): never => {
    throw error.code === 'ENOENT' ? new FileSystemError(`${uri.toString()} not found`, 'FileNotFound') : error;
  };
}

export class FakeFileSystemWatcher {
  readonly changed = new EventEmitter<Uri>();
  readonly deleted = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  readonly onDidDelete = this.deleted.event;
  readonly onDidCreate = new EventEmitter<Uri>().event;
  dispose(): void {
    this.changed.dispose();
    this.deleted.dispose();
  }
}

export const extensions = { all: [] as unknown[] };

/**
 * Test control: change settings of a section and fire `onDidChangeConfiguration` as VS Code does
 * (after the new values are readable).
 */
export function changeSettings(section: string, changes: Record<string, unknown>): void {
  fake.settings[section] = { ...(fake.settings[section] ?? {}), ...changes };
  const affected = Object.keys(changes).map((key) => `${section}.${key}`);
  configurationChanged.fire({
    affectsConfiguration: (s: string) => s === section || affected.some((a) => a === s || a.startsWith(`${s}.`)),
  });
}

// ---------------------------------------------------------------------------------------------
// languages, commands

export const languages = {
  registerHoverProvider(selector: unknown, provider: unknown): Disposable {
    const entry = { selector, provider };
    fake.hoverProviders.push(entry);
    return new Disposable(() => {
      const i = fake.hoverProviders.indexOf(entry);
      if (i >= 0) fake.hoverProviders.splice(i, 1);
    });
  },
  registerInlayHintsProvider(_selector: unknown, _provider: unknown): Disposable {
    return new Disposable(() => undefined);
  },
  createDiagnosticCollection(name: string) {
    const entries = new Map<string, unknown[]>();
    const collection = { name, entries, set: (uri: Uri, d: unknown[]) => void entries.set(uri.toString(), d), clear: () => entries.clear(), dispose: () => entries.clear() };
    fake.diagnostics.push(collection);
    return collection;
  },
};

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source: string | undefined;
  constructor(
    readonly range: unknown,
    readonly message: string,
    readonly severity: DiagnosticSeverity,
  ) {}
}

export class RelativePattern {
  constructor(
    readonly base: Uri,
    readonly pattern: string,
  ) {}
}

export const commands = {
  registerCommand(command: string, callback: (...args: unknown[]) => unknown): Disposable {
    if (fake.commands.has(command)) throw new Error(`command '${command}' already exists`);
    fake.commands.set(command, callback);
    return new Disposable(() => fake.commands.delete(command));
  },
  executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    fake.executed.push({ command, args });
    if (command === 'setContext') {
      fake.context.set(args[0] as string, args[1]);
      fake.contextCalls++;
    }
    const callback = fake.commands.get(command);
    return Promise.resolve(callback?.(...args));
  },
};
