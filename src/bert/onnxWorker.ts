/**
 * The ONNX worker of the Node host: `onnxService.ts` in its own thread, started by the engine worker
 * (`onnxSession.ts`), on onnxruntime-node with prepared files on disk. The runtime is picked here,
 * per load: `wasm` runs onnxruntime-web's WASM build in this thread instead, to measure it against
 * onnxruntime-node on the same graph (`npm run bench:perf -- --scenario runtimes`, from source only:
 * the desktop bundle leaves onnxruntime-web out).
 */
import { parentPort } from 'node:worker_threads';
import { serve } from '../shared/rpc';
import type { OnnxCalls } from './onnxWorkerProtocol';
import { onnxService } from './onnxService';
import { openModel } from './preparedModel';
import type { OnnxRuntime, RuntimeName } from './runtime';
import { nodeRuntime } from './runtimeNode';
import { wasmRuntime } from './runtimeWasm';

let wasm: OnnxRuntime | undefined;

function runtime(name: RuntimeName): OnnxRuntime {
  if (name === 'node') return nodeRuntime;
  const ort = require('onnxruntime-web') as typeof import('onnxruntime-web');
  if (!ort.InferenceSession) throw new Error('onnxruntime-web is not part of this build; the WASM runtime runs from source (npm run bench:perf -- --scenario runtimes).');
  wasm ??= wasmRuntime(ort);
  return wasm;
}

serve<OnnxCalls>(parentPort!, onnxService((request) => openModel({ ...request, runtime: runtime(request.runtime ?? 'node') })));
