// Child process of bench/perf/activation.ts: loads the bundled dist/extension.js against the test
// fake of `vscode` (test/fakes/vscode.ts, bundled to CommonJS by the parent) and times `require` +
// `activate(context)`. Plain CommonJS (no tsx), so the measurement is what the extension host pays.
// Prints one JSON line on stdout.
//
//   node bench/activation.cjs <path of dist/extension.js> <globalStorage dir> <bundled fake vscode>
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const extensionPath = path.resolve(process.argv[2]);
const storage = path.resolve(process.argv[3]);
const fakeVscode = require(path.resolve(process.argv[4]));
const { fake, Uri } = fakeVscode;

// --- what activate() may touch ------------------------------------------------------------------
// Every API activation reads that the fake lacks, as `window.foo` or `foo`: the parent fails on any.
const touchedMissing = new Set();
const ignored = new Set(['then', '__esModule', 'default', 'toJSON']);
const namespaces = new Map();
const recording = (target, prefix) =>
  new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key);
      if (typeof key !== 'string' || ignored.has(key)) return value;
      if (!(key in t)) touchedMissing.add(`${prefix}${key}`);
      if (prefix || !value || typeof value !== 'object' || key === 'fake') return value;
      // Namespaces (window, languages…) and enums record their members too; one proxy each, so
      // `vscode.window === vscode.window` still holds.
      if (!namespaces.has(key)) namespaces.set(key, recording(value, `${key}.`));
      return namespaces.get(key);
    },
  });
// esbuild's `import * as vscode` copies the module's own keys onto an object whose prototype is the
// module's prototype: a key the fake lacks is looked up there, so that prototype records it.
const missingTopLevel = new Proxy(Object.create(null), {
  get(_t, key) {
    if (typeof key === 'string' && !ignored.has(key)) touchedMissing.add(key);
    return undefined;
  },
});
const vscode = new Proxy(recording(fakeVscode, ''), { getPrototypeOf: () => missingTopLevel });

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
  const root = path.dirname(path.dirname(extensionPath));
  const memento = { get: () => undefined, update: async () => {}, keys: () => [] };
  const context = {
    subscriptions: [],
    globalStorageUri: Uri.file(storage),
    storageUri: undefined,
    extensionUri: Uri.file(root),
    extensionPath: root,
    extensionMode: 1,
    globalState: memento,
    workspaceState: memento,
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
    hoverProviders: fake.hoverProviders.length,
    commands: fake.commands.size,
    onnxRequiredDuringActivation: requiredDuringActivation,
    onnxRequiredAfter300ms: [...required],
    sessionCreates,
    missingFakeApis: [...touchedMissing],
    log: fake.log.map((l) => `${l.level} ${l.message}`),
  };
  await extension.deactivate?.();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack || error) })}\n`);
  process.exitCode = 1;
});
