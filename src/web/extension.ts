/**
 * The web extension (package.json `browser`: vscode.dev, github.dev, code-server's web worker
 * extension host): the same VS Code layer as the desktop's, its engine in a Web Worker. A browser's
 * extension host cannot start a worker from the extension's own URL ("Creating workers from remote
 * extensions is currently not supported"), so the worker runs from a Blob of its bundle, read
 * through `workspace.fs`. docs/web.md.
 */
import * as vscode from 'vscode';
import type { EngineWorkerData } from '../shared/engineProtocol';
import { fromWebWorker, type WebWorkerLike } from '../shared/webWorkers';
import { activateWith, deactivateExtension } from '../vscode/activation';

/** The browser's globals this file uses (the project's TypeScript has no DOM library). */
declare const Worker: new (url: string, options?: { name?: string }) => WebWorkerLike;

export function activate(context: vscode.ExtensionContext): void {
  let script: Promise<Uint8Array> | undefined;
  activateWith(context, {
    kind: 'web',
    startEngine: (data: EngineWorkerData) => {
      // Read once, on the first engine start (activation reads nothing).
      script ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'engineWorker.js')));
      return fromWebWorker(script.then((bytes) => new Worker(workerUrl(bytes, data), { name: 'BERT Word Sense engine' })));
    },
  });
}

export const deactivate = deactivateExtension;

/** A Blob URL of the engine's bundle, its settings set before it runs. */
function workerUrl(bundle: Uint8Array, data: EngineWorkerData): string {
  const prelude = `globalThis.engineWorkerData = ${JSON.stringify(data)};\n`;
  return URL.createObjectURL(new Blob([prelude, bundle], { type: 'text/javascript' }));
}
