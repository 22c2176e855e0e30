/**
 * The web extension (package.json `browser`: vscode.dev, github.dev, code-server's web worker
 * extension host): the same VS Code layer as the desktop's, its engine in a Web Worker. A browser's
 * extension host cannot start a worker from the extension's own URL ("Creating workers from remote
 * extensions is currently not supported"), so the worker runs from a Blob of its bundle, read
 * through `workspace.fs`. The worker has no `vscode`: its file calls come back here over a
 * `MessageChannel` (src/web/fileService.ts). docs/web.md.
 */
import * as vscode from 'vscode';
import type { EngineWorkerData } from '../shared/engineProtocol';
import { fromWebWorker, type WebWorkerLike } from '../shared/webWorkers';
import { activateWith, deactivateExtension } from '../vscode/activation';
import { serveFiles } from './fileService';
import type { FilesPortMessage } from './filesProtocol';

/** The browser's globals this file uses (the project's TypeScript has no DOM library). */
declare const Worker: new (url: string, options?: { name?: string }) => WebWorkerLike;
declare const MessageChannel: new () => { readonly port1: Parameters<typeof serveFiles>[0]; readonly port2: unknown };

/** onnxruntime-web's single-threaded SIMD build, copied next to the bundles by esbuild.mjs. */
const WASM_FILE = 'ort-wasm-simd-threaded.wasm';

export function activate(context: vscode.ExtensionContext): void {
  let script: Promise<Uint8Array> | undefined;
  const roots = () => [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri), context.globalStorageUri, context.extensionUri];
  activateWith(context, {
    kind: 'web',
    recipe: 'web',
    startEngine: (data: EngineWorkerData) => {
      // Read once, on the first engine start (activation reads nothing).
      script ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'engineWorker.js')));
      const worker = fromWebWorker(script.then((bytes) => new Worker(workerUrl(bytes, data, vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', WASM_FILE).path), { name: 'BERT Word Sense engine' })));
      const files = new MessageChannel();
      serveFiles(files.port1, roots);
      // Posted before the engine's first call: the worker takes it off its port before the RPC reads.
      worker.postMessage({ engineFiles: files.port2 } satisfies FilesPortMessage, [files.port2 as never]);
      return worker;
    },
  });
}

export const deactivate = deactivateExtension;

/** A Blob URL of the engine's bundle, its settings (on the WASM runtime) set before it runs. */
function workerUrl(bundle: Uint8Array, data: EngineWorkerData, wasmPath: string): string {
  const settings: EngineWorkerData = { ...data, settings: { ...data.settings, runtime: 'wasm' } };
  const prelude = `globalThis.engineWorkerData = ${JSON.stringify(settings)};\nglobalThis.engineWasmPath = ${JSON.stringify(wasmPath)};\n`;
  return URL.createObjectURL(new Blob([prelude, bundle], { type: 'text/javascript' }));
}
