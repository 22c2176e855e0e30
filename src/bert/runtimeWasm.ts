/**
 * The runtime seam (`runtime.ts`) on onnxruntime-web: its WASM build (SIMD and threads) in a browser's
 * worker, or in Node to measure it against onnxruntime-node (`npm run bench:perf -- --scenario
 * runtimes`). The web has no file system: sessions come from bytes and nothing is prepared on disk.
 *
 * The module is passed in by the entry that picks it, so a web bundle can hand over
 * `onnxruntime-web/webgpu` (the WebGPU build) and the Node worker the package's Node build, and
 * neither bundle carries the other.
 */
import type * as OrtWeb from 'onnxruntime-web';
import { sessionOptions, wrapSession, type OnnxRuntime } from './runtime';

export interface WasmRuntimeOptions {
  /**
   * Execution providers, first choice first. Default `['wasm']`. The hook for WebGPU: a browser entry
   * that found `navigator.gpu` passes `['webgpu']` with the WebGPU build of onnxruntime-web
   * (operators WebGPU lacks run on the CPU provider onnxruntime always adds: src/web/webGpu.ts).
   */
  readonly executionProviders?: readonly string[];
  /** Where the `ort-wasm-simd-threaded*.wasm` files are served from (a browser's extension URL); default: the package's own folder. */
  readonly wasmPaths?: string;
}

export function wasmRuntime(ort: typeof OrtWeb, options: WasmRuntimeOptions = {}): OnnxRuntime {
  const providers = [...(options.executionProviders ?? ['wasm'])];
  let threads: number | undefined;
  return {
    name: 'wasm',
    version: ort.env.versions.web ?? ort.env.versions.common,
    files: false,
    // A hover's ids at the default window: the warm-up that left the least of a first hover's cost (docs/performance.md).
    warmUpIds: 64,
    async createSession(model, settings) {
      if (typeof model === 'string') throw new Error('The WASM runtime creates sessions from bytes only.');
      // One thread pool per WASM instance, sized when the first session starts it (later values are ignored).
      if (threads === undefined) {
        threads = settings.threads;
        ort.env.wasm.numThreads = threads;
        if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
      }
      const { optimizedModelFilePath: _none, ...rest } = sessionOptions(settings);
      const session = await ort.InferenceSession.create(model, { ...rest, executionProviders: providers });
      return wrapSession(session, (t) => new ort.Tensor(t.type, t.data, t.dims));
    },
  };
}
