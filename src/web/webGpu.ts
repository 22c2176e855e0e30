/**
 * Which onnxruntime-web build runs the web engine's ONNX sessions: the WebGPU build on its WebGPU
 * provider when the browser gives a WebGPU adapter (what WebGPU has no kernel for, the shape
 * arithmetic, runs on its WASM side), the WASM-only build otherwise. Integer-quantized (q8)
 * graphs always run on WASM: onnxruntime-web's WebGPU has no kernel for `MatMulInteger` and
 * `DynamicQuantizeLinear` (its verbose log names them), so every product of the model would run on
 * WASM anyway, with copies to and from the GPU around it. Whatever stops WebGPU (no WebGPU, no
 * adapter, its build or the session not loading) falls back to WASM, and the load says why.
 * docs/web.md.
 */
import * as ortWasm from 'onnxruntime-web/wasm';
import * as ortWebGpu from 'onnxruntime-web/webgpu';
import type { TappedModel } from '../bert/onnxTap';
import type { OnnxRuntime } from '../bert/runtime';
import { wasmRuntime } from '../bert/runtimeWasm';

/** What this file needs of `navigator.gpu` (the project's TypeScript has no DOM library). */
export interface Gpu {
  requestAdapter(): Promise<object | null>;
}

export interface WebRuntimeSources {
  /** The WASM build's binary, `ort-wasm-simd-threaded.wasm`. */
  readonly wasmBinary: () => Promise<Uint8Array>;
  /** The WebGPU build's binary, `ort-wasm-simd-threaded.asyncify.wasm`. */
  readonly webGpuBinary: () => Promise<Uint8Array>;
  /** `navigator.gpu`: absent when the browser has no WebGPU (or the page is not a secure context). */
  readonly gpu: Gpu | undefined;
}

/** One model load: the runtime chosen for its tapped graph, then what it ran on and why. */
export interface WebLoad {
  readonly runtimeFor: (tapped: Pick<TappedModel, 'integerOps'>) => Promise<OnnxRuntime>;
  /** Where the first session (the encoder) was created. */
  readonly provider: () => 'webgpu' | 'wasm';
  /** Why WebGPU is not used, when it is not (one line for the log). */
  readonly notes: () => string[];
}

export interface WebRuntimes {
  /** The WASM-only build (the fallback, and what q8 graphs run on). */
  readonly wasm: () => Promise<OnnxRuntime>;
  /** The WebGPU build, or why it cannot run here (kept: a browser does not gain WebGPU later). */
  readonly webGpu: () => Promise<OnnxRuntime | { readonly unavailable: string }>;
  readonly load: () => WebLoad;
}

/** Both builds, each loaded on first use; one thread, as there is no `SharedArrayBuffer` (docs/web.md). */
export function webRuntimes(sources: WebRuntimeSources): WebRuntimes {
  let wasm: Promise<OnnxRuntime> | undefined;
  let webGpu: Promise<OnnxRuntime | { readonly unavailable: string }> | undefined;
  const wasmBuild = () => {
    wasm ??= sources.wasmBinary().then((binary) => {
      singleThreaded(ortWasm.env, binary);
      // Transformers.js (which imports this build) points it at a CDN when it loads; unset, the bundle's own factory runs.
      ortWasm.env.wasm.wasmPaths = undefined;
      return wasmRuntime(ortWasm);
    });
    return wasm;
  };
  const webGpuBuild = () => {
    webGpu ??= (async () => {
      if (!sources.gpu) return { unavailable: 'this browser has no WebGPU' };
      const adapter = await sources.gpu.requestAdapter().catch(() => null);
      if (!adapter) return { unavailable: 'the browser gives no WebGPU adapter' };
      try {
        singleThreaded(ortWebGpu.env, await sources.webGpuBinary());
      } catch (error) {
        return { unavailable: `its runtime could not be read (${(error as Error).message})` };
      }
      // `['webgpu']` alone: given `['webgpu', 'wasm']`, onnxruntime-web drops a WebGPU it cannot
      // start with only a console warning and opens the session on WASM, which the log would then
      // call WebGPU. The nodes WebGPU has no kernel for still run on WASM: onnxruntime always adds
      // its CPU provider (this build's WASM) after the ones asked for.
      return wasmRuntime(ortWebGpu, { executionProviders: ['webgpu'] });
    })();
    return webGpu;
  };
  return { wasm: wasmBuild, webGpu: webGpuBuild, load: () => webLoad(wasmBuild, webGpuBuild) };
}

function singleThreaded(env: typeof ortWasm.env, binary: Uint8Array): void {
  env.wasm.wasmBinary = binary;
  env.wasm.numThreads = 1;
  env.wasm.proxy = false;
}

function webLoad(wasm: () => Promise<OnnxRuntime>, webGpu: WebRuntimes['webGpu']): WebLoad {
  const notes: string[] = [];
  let provider: 'webgpu' | 'wasm' | undefined;
  const onWasm = (why: string) => {
    notes.push(`ONNX runs on WASM, not WebGPU: ${why}.`);
    return wasm();
  };
  return {
    provider: () => provider ?? 'wasm',
    notes: () => notes,
    async runtimeFor(tapped) {
      if (tapped.integerOps.length > 0) {
        return onWasm(`onnxruntime-web's WebGPU cannot run this quantized model's ${tapped.integerOps.join(', ')} (an fp32 model can: bertWordSense.dtype)`);
      }
      const gpu = await webGpu();
      if ('unavailable' in gpu) return onWasm(gpu.unavailable);
      let failed = false;
      return {
        ...gpu,
        async createSession(model, settings) {
          if (!failed) {
            try {
              const session = await gpu.createSession(model, settings);
              provider ??= 'webgpu';
              return session;
            } catch (error) {
              // The model's other session (the MLM head) goes to WASM too: one log line, one place.
              failed = true;
              await onWasm(`WebGPU could not open the model (${(error as Error).message})`);
            }
          }
          provider ??= 'wasm';
          return (await wasm()).createSession(model, settings);
        },
      };
    },
  };
}
