/**
 * The raw-onnxruntime anchor: the same prepared (tapped, optimized) graph in a session on this
 * thread, fed the same padded ids, fetching the same layers: no worker, no pooling, no engine.
 */
import * as path from 'node:path';
import { ONNX_FILE, type ModelDtype } from '../../src/shared/modelLayout';
import { openModel } from '../../src/bert/preparedModel';
import type { OnnxRuntime, RuntimeSession, Tensor } from '../../src/bert/runtime';

export class RawForward {
  private constructor(
    private readonly session: RuntimeSession,
    private readonly outputs: readonly string[],
  ) {}

  /** `runtime`: default onnxruntime-node (prepared file); another one opens the graph in memory. */
  static async open(model: string, dtype: ModelDtype, threads: number, preparedDir: string, runtime?: OnnxRuntime): Promise<RawForward> {
    const opened = await openModel({ onnxPath: path.join(model, ONNX_FILE[dtype]), threads, preparedDir, ...(runtime && { runtime }) });
    return new RawForward(opened.session, opened.taps.outputs);
  }

  get numLayers(): number {
    return this.outputs.length - 1;
  }

  /** One forward of the padded batch, fetching hidden states `layers` (0 = embeddings). */
  async forward(rows: readonly (readonly number[])[], layers: readonly number[]): Promise<void> {
    const seq = Math.max(...rows.map((r) => r.length));
    const ids = new BigInt64Array(rows.length * seq);
    const mask = new BigInt64Array(rows.length * seq);
    rows.forEach((row, b) => {
      row.forEach((id, t) => (ids[b * seq + t] = BigInt(id)));
      mask.fill(1n, b * seq, b * seq + row.length);
    });
    const dims = [rows.length, seq];
    const feeds: Record<string, Tensor> = { input_ids: { type: 'int64', data: ids, dims }, attention_mask: { type: 'int64', data: mask, dims } };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = { type: 'int64', data: new BigInt64Array(rows.length * seq), dims };
    await this.session.run(feeds, layers.map((l) => this.outputs[l]));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
