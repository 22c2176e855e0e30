import type { Worker } from 'node:worker_threads';
import { EngineError } from '../shared/errors';
import type { LoadResult, RunResult, TargetPositions, WorkerRequest, WorkerResponse } from './onnxWorkerProtocol';
import { startWorker } from '../shared/workerScript';

/** How long a dispose waits for the runs in flight (a bert-base batch takes seconds at most). */
const DISPOSE_TIMEOUT_MS = 60_000;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The extension host's handle on the ONNX session in `onnxWorker.ts`: requests are posted to the
 * worker and answered by id; the pooled target vectors come back as transferred buffers.
 */
export class OnnxSession {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (!pending) return;
      if (response.ok) pending.resolve(response.result);
      else pending.reject(response.code ? new EngineError(response.code, response.message) : new Error(response.message));
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new EngineError('model-corrupt', `The ONNX worker failed: ${error.message}`, { cause: error })));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        fail(new EngineError('cancelled', `The ONNX session was closed (worker exit code ${code}).`));
        resolve();
      }),
    );
  }

  /**
   * Starts a worker and loads the tapped model in it (from the prepared file when there is one).
   * `candidates`: 1 for the vocabulary ids the MLM head may predict.
   */
  static async load(onnxPath: string, threads: number, preparedDir: string | undefined, candidates: Uint8Array): Promise<{ session: OnnxSession; result: LoadResult }> {
    const session = new OnnxSession(startWorker('onnxWorker', __dirname));
    try {
      const result = (await session.request({ kind: 'load', onnxPath, threads, preparedDir, candidates })) as LoadResult;
      return { session, result };
    } catch (error) {
      await session.dispose();
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
    return this.request({ kind: 'run', ids, batch, sequence, lengths, hiddenStates, targets, share, predict }) as Promise<RunResult>;
  }

  /**
   * Lets the worker finish its runs and release the session, then end. Terminating a thread while
   * onnxruntime runs aborts the whole process, so `terminate` is only the last resort.
   */
  async dispose(): Promise<void> {
    if (this.failure) return;
    this.worker.postMessage({ kind: 'dispose', id: this.nextId++ } satisfies WorkerRequest);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS, 'timeout').unref());
    if ((await Promise.race([this.exited, timeout])) === 'timeout') await this.worker.terminate();
  }

  private request(message: WithoutId<WorkerRequest>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }
}
