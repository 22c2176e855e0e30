/**
 * The ONNX session in a worker thread. onnxruntime-node's `run` is a synchronous native call (the
 * promise only defers it to `setImmediate`), and decoding a 420 MB graph is synchronous JS too: on
 * the extension host's thread either would freeze every extension. Here they block only this thread.
 */
import * as fs from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { EngineError } from './errors';
import { tapHiddenStates } from './onnxTap';
import type { WorkerRequest, WorkerResponse } from './onnxWorkerProtocol';

let session: ort.InferenceSession | undefined;
let outputs: readonly string[] = [];
let needsTokenTypes = false;

async function load(request: Extract<WorkerRequest, { kind: 'load' }>) {
  const tapped = tapHiddenStates(await fs.readFile(request.onnxPath), request.numLayers);
  try {
    session = await ort.InferenceSession.create(tapped.bytes, {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: request.threads,
      executionMode: 'sequential',
      // Hovers come in every sequence length; the CPU arena keeps growing for them. Memory matters
      // more than a few percent of speed inside an editor.
      enableCpuMemArena: false,
    });
  } catch (cause) {
    throw new EngineError('model-corrupt', `onnxruntime could not load ${request.onnxPath}: ${(cause as Error).message}`, { cause });
  }
  outputs = tapped.taps.outputs;
  needsTokenTypes = session.inputNames.includes('token_type_ids');
  return { edited: tapped.taps.edited };
}

async function run(request: Extract<WorkerRequest, { kind: 'run' }>): Promise<Float32Array[]> {
  if (!session) throw new Error('The ONNX session is not loaded.');
  const { batch, sequence } = request;
  const size = batch * sequence;
  const ids = BigInt64Array.from(request.ids, (id) => BigInt(id));
  const mask = new BigInt64Array(size);
  for (let b = 0; b < batch; b++) mask.fill(1n, b * sequence, b * sequence + request.lengths[b]);
  const dims = [batch, sequence];
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
  };
  if (needsTokenTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(size), dims);
  const names = request.layers.map((l) => outputs[l]);
  const result = await session.run(feeds, names);
  return names.map((name) => result[name].data as Float32Array);
}

/** Work started and not yet settled: a dispose waits for it (releasing mid-run aborts the process). */
const inflight = new Set<Promise<unknown>>();

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'dispose') {
    void Promise.allSettled(inflight).then(async () => {
      await session?.release();
      session = undefined;
      parentPort!.close();
    });
    return;
  }
  const work = request.kind === 'load' ? load(request) : run(request);
  inflight.add(work);
  void work.catch(() => undefined).finally(() => inflight.delete(work));
  work.then(
    (result) => {
      const transfer = Array.isArray(result) ? result.map((a) => a.buffer as ArrayBuffer) : [];
      parentPort!.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse, transfer);
    },
    (error: unknown) => {
      const code = error instanceof EngineError ? error.code : undefined;
      parentPort!.postMessage({ id: request.id, ok: false, code, message: (error as Error).message ?? String(error) } satisfies WorkerResponse);
    },
  );
});
