/**
 * `startWorker` of src/shared/workerScript.ts for the web engine's bundle (esbuild.mjs puts this
 * module in its place): the ONNX session and probe training are served in the engine's own Web
 * Worker over a `MessageChannel`, on the same RPC layer. A nested worker would need its own Blob
 * and a copy of the model's bytes; the engine's worker already is off the extension host's thread.
 */
import { onnxService } from '../bert/onnxService';
import { openTapped } from '../bert/tappedModel';
import { EngineError } from '../shared/errors';
import { serve, type ServeOptions, type WorkerHandle } from '../shared/rpc';
import { fromWebWorker, webWorkerScope, type WebWorkerLike, type WebWorkerScope } from '../shared/webWorkers';
import { probeService } from '../senses/probe/probeService';
import { readFile } from './hostFiles';
import { webRuntimes, type Gpu } from './webGpu';

/** A `MessagePort`, as far as this file uses one. */
interface Port {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  addEventListener(type: string, listener: (event: { readonly data?: unknown }) => void): void;
  start(): void;
  close(): void;
}

declare const MessageChannel: new () => { readonly port1: Port; readonly port2: Port };

/** Set by the extension's prelude (src/web/extension.ts): onnxruntime-web's WASM file among the extension's. */
declare const engineWasmPath: string;
/** The WebGPU build's binary, copied next to the WASM one by esbuild.mjs. */
const WEBGPU_WASM = 'ort-wasm-simd-threaded.asyncify.wasm';

declare const navigator: { readonly gpu?: Gpu } | undefined;

/** Both onnxruntime-web builds, their binaries read through the host (an offline host has no CDN). src/web/webGpu.ts chooses. */
const runtimes = webRuntimes({
  wasmBinary: () => readFile(engineWasmPath),
  webGpuBinary: () => readFile(engineWasmPath.replace(/[^/]*$/, WEBGPU_WASM)),
  gpu: typeof navigator === 'undefined' ? undefined : navigator.gpu,
});

const onnx = onnxService(async (request) => {
  const bytes = await readFile(request.onnxPath).catch((cause: Error) => {
    throw new EngineError('model-not-found', `Cannot read ${request.onnxPath}: ${cause.message}`, { cause });
  });
  const load = runtimes.load();
  const opened = await openTapped(bytes, load.runtimeFor, 1, request.onnxPath);
  return { ...opened, warnings: [], provider: load.provider(), notes: load.notes() };
});

const SERVICES: Record<string, ServeOptions<never, never>> = {
  onnxWorker: onnx as unknown as ServeOptions<never, never>,
  probeWorker: probeService as unknown as ServeOptions<never, never>,
};

/** A port that starts delivering once it has a listener (`addEventListener` does not start one). */
function started(port: Port): Port {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer ?? []),
    addEventListener(type, listener) {
      port.addEventListener(type, listener);
      port.start();
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

export function startWorker(name: string): WorkerHandle {
  const service = SERVICES[name];
  if (!service) throw new Error(`The ${name} is not available in VS Code for the Web yet.`);
  const { port1, port2 } = new MessageChannel();
  const scope = started(port1);
  serve(webWorkerScope(scope as unknown as WebWorkerScope), service);
  const caller = started(port2);
  return fromWebWorker({ ...caller, terminate: () => caller.close() } as unknown as WebWorkerLike);
}
