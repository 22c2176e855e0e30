/**
 * The sense engine's Web Worker in a browser's extension host (vscode.dev, github.dev, code-server's
 * web worker host): the service of src/senses/engineService.ts on the worker's scope. The extension
 * (src/web/extension.ts) starts it from a Blob of this bundle whose first line sets
 * `engineWorkerData`: a browser cannot start a worker from an extension's own URL there. Its first
 * message is the port of the host's file service (src/web/hostFiles.ts), which the engine's files
 * go through; the rest is the engine's RPC.
 */
import { env } from '@huggingface/transformers';
import type { EngineWorkerData } from '../shared/engineProtocol';
import type { ServePort } from '../shared/rpc';
import { webWorkerScope, type WebWorkerScope } from '../shared/webWorkers';
import { serveEngine } from '../senses/engineService';
import { isFilesPortMessage } from './filesProtocol';
import { channelImmediate, type ImmediateChannel } from './immediate';
import { connectHostFiles, readFile, type FilesPort } from './hostFiles';

declare const Response: new (body: Uint8Array | null, init?: { status?: number }) => unknown;

const scope = globalThis as unknown as WebWorkerScope & { readonly engineWorkerData: EngineWorkerData };

// The engine yields to other messages with `setImmediate` (background indexing); a browser has none.
declare const MessageChannel: new () => ImmediateChannel;
const timers = globalThis as unknown as { setImmediate?: (run: () => void) => void };
timers.setImmediate ??= channelImmediate(new MessageChannel());

// Transformers.js reads a model folder's config and tokenizer by `fetch` in a browser: here from
// the host's files, never the network (the engine downloads hub models itself), and never cached
// by path in the Cache API.
env.allowLocalModels = true;
env.allowRemoteModels = false;
env.localModelPath = '';
env.useBrowserCache = false;
env.useWasmCache = false;
env.fetch = async (url: string | URL) => {
  try {
    return new Response(await readFile(String(url).replace(/^\/+/, '/')));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return new Response(null, { status: 404 });
    throw error;
  }
};

const port = webWorkerScope(scope);
const engine: ServePort = {
  ...port,
  on: (event, listener) =>
    port.on(event, (message: unknown) => {
      if (isFilesPortMessage(message)) connectHostFiles(message.engineFiles as FilesPort);
      else listener(message);
    }),
};
serveEngine(engine, scope.engineWorkerData);
