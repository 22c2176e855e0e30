// Child process of bench/perf.bench.ts: loads the bundled dist/extension.js against a minimal fake
// `vscode` module and times `require` + `activate(context)`. Plain CommonJS (no tsx), so the
// measurement is what the extension host pays. Prints one JSON line on stdout.
//
//   node bench/activation.cjs <path of dist/extension.js> <globalStorage dir>
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const extensionPath = path.resolve(process.argv[2]);
const storage = path.resolve(process.argv[3]);

// --- what activate() may touch ------------------------------------------------------------------
const touchedMissing = new Set();
const disposable = () => ({ dispose() {} });
const event = () => () => disposable();
class Disposable {
  constructor(fn) { this.fn = fn; }
  static from(...items) { return new Disposable(() => items.forEach((i) => i?.dispose?.())); }
  dispose() { this.fn?.(); }
}
class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (l) => { this.listeners.add(l); return new Disposable(() => this.listeners.delete(l)); }; }
  fire(v) { for (const l of this.listeners) l(v); }
  dispose() { this.listeners.clear(); }
}
class Uri {
  constructor(fsPath, scheme = 'file') { this.fsPath = fsPath; this.path = fsPath; this.scheme = scheme; }
  static file(p) { return new Uri(p); }
  static parse(s) { return new Uri(s.replace(/^file:\/\//, '')); }
  static joinPath(base, ...parts) { return new Uri(path.join(base.fsPath, ...parts)); }
  toString() { return `${this.scheme}://${this.fsPath}`; }
}
class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range { constructor(start, end) { this.start = start; this.end = end; } }
class Hover { constructor(contents, range) { this.contents = contents; this.range = range; } }
class MarkdownString { constructor(value = '') { this.value = value; } appendMarkdown(s) { this.value += s; return this; } }
class ThemeColor { constructor(id) { this.id = id; } }
const logChannel = () => {
  const lines = [];
  const log = (level) => (m) => lines.push(`${level} ${m}`);
  return {
    name: 'log', lines, logLevel: 2, onDidChangeLogLevel: event(),
    trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'),
    append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
  };
};
const channels = [];
const counts = { hoverProviders: 0, commands: 0 };
const fake = {
  version: '1.100.0',
  Disposable, EventEmitter, Uri, Position, Range, Hover, MarkdownString, ThemeColor,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  DecorationRangeBehavior: { OpenOpen: 0, ClosedClosed: 1, OpenClosed: 2, ClosedOpen: 3 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  window: {
    createOutputChannel: () => { const c = logChannel(); channels.push(c); return c; },
    createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, backgroundColor: undefined, show() {}, hide() {}, dispose() {} }),
    createTextEditorDecorationType: () => ({ key: 'deco', dispose() {} }),
    onDidChangeVisibleTextEditors: event(),
    onDidChangeActiveTextEditor: event(),
    visibleTextEditors: [],
    activeTextEditor: undefined,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    setStatusBarMessage: () => disposable(),
    withProgress: async (_o, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event() }),
  },
  languages: { registerHoverProvider: () => { counts.hoverProviders++; return disposable(); } },
  commands: { registerCommand: () => { counts.commands++; return disposable(); }, executeCommand: async () => undefined },
  workspace: {
    getConfiguration: () => ({ get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => {} }),
    onDidChangeConfiguration: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    workspaceFolders: undefined,
  },
};
// Anything else activate() reads is reported (and would be a gap of this fake).
const vscode = new Proxy(fake, {
  get(target, key) {
    if (!(key in target) && typeof key === 'string' && key !== 'then' && key !== '__esModule' && key !== 'default') touchedMissing.add(key);
    return target[key];
  },
});

// --- intercept `vscode` and watch onnxruntime ---------------------------------------------------
const required = [];
let sessionCreates = 0;
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  const exports = originalLoad.apply(this, arguments);
  if (request === 'onnxruntime-node' || request === 'onnxruntime-common') {
    required.push(request);
    const session = exports.InferenceSession;
    if (session && !session.__benchWrapped) {
      const create = session.create;
      session.create = function () { sessionCreates++; return create.apply(this, arguments); };
      session.__benchWrapped = true;
    }
  }
  return exports;
};

async function main() {
  const context = {
    subscriptions: [],
    globalStorageUri: Uri.file(storage),
    storageUri: undefined,
    extensionUri: Uri.file(path.dirname(path.dirname(extensionPath))),
    extensionPath: path.dirname(path.dirname(extensionPath)),
    extensionMode: 1,
    globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
    secrets: { get: async () => undefined, store: async () => {}, delete: async () => {} },
    logUri: Uri.file(storage),
  };
  const t0 = performance.now();
  const extension = require(extensionPath);
  const t1 = performance.now();
  extension.activate(context);
  const t2 = performance.now();
  const requiredDuringActivation = [...required];
  // Anything activation started in the background gets a moment to show itself.
  await new Promise((r) => setTimeout(r, 300));
  const result = {
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    totalMs: t2 - t0,
    subscriptions: context.subscriptions.length,
    hoverProviders: counts.hoverProviders,
    commands: counts.commands,
    onnxRequiredDuringActivation: requiredDuringActivation,
    onnxRequiredAfter300ms: [...required],
    sessionCreates,
    missingFakeApis: [...touchedMissing],
    log: channels.flatMap((c) => c.lines),
  };
  await extension.deactivate?.();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack || error) })}\n`);
  process.exitCode = 1;
});
