import { RpcClient } from '../shared/rpc';
import type { RuntimeName } from '../shared/engineProtocol';
import { startWorker } from '../shared/workerScript';
import type { LoadRequest, LoadResult, OnnxCalls, RunResult, TargetPositions } from './onnxWorkerProtocol';

/**
 * The engine thread's handle on the ONNX session in `onnxWorker.ts`, over `src/shared/rpc.ts`: the
 * pooled target vectors come back as transferred buffers. A worker that died is started again on
 * the next run and loads the model again first.
 */
export class OnnxSession {
  private constructor(private readonly rpc: RpcClient<OnnxCalls>) {}

  /**
   * Starts a worker and loads the tapped model in it (from the prepared file when there is one).
   * `sourceKey`: the ONNX file's content key; `candidates`: 1 for the vocabulary ids the MLM head may predict.
   */
  static async load(
    onnxPath: string,
    threads: number,
    preparedDir: string | undefined,
    sourceKey: string,
    candidates: Uint8Array,
    runtime: RuntimeName = 'node',
  ): Promise<{ session: OnnxSession; result: LoadResult }> {
    const request: LoadRequest = { onnxPath, threads, preparedDir, sourceKey, candidates, runtime };
    let loaded: LoadResult | undefined;
    const rpc = new RpcClient<OnnxCalls>({
      name: 'The ONNX worker',
      start: () => startWorker('onnxWorker', __dirname),
      initialize: async (call) => {
        loaded = await call('load', request);
      },
    });
    try {
      await rpc.start();
      return { session: new OnnxSession(rpc), result: loaded! };
    } catch (error) {
      await rpc.dispose();
      throw error;
    }
  }

  /**
   * Per target, the mean over its positions of each hidden state in `hiddenStates` (indices) of a padded batch.
   * `share`: a single sentence whose states later requests may reuse. `predict` > 0: also the MLM
   * head's that many most likely candidate tokens at each target's first position.
   */
  run(
    ids: Int32Array,
    batch: number,
    sequence: number,
    lengths: Int32Array,
    hiddenStates: readonly number[],
    targets: readonly TargetPositions[],
    share: boolean,
    predict = 0,
  ): Promise<RunResult> {
    return this.rpc.call('run', { ids, batch, sequence, lengths, hiddenStates, targets, share, predict });
  }

  /**
   * Waits for the run in flight (runs not yet started are cancelled), releases the session and ends
   * the worker. Never a timer: terminating a thread inside onnxruntime's run aborts the process.
   */
  dispose(): Promise<void> {
    return this.rpc.dispose();
  }
}
