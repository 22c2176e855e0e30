/**
 * The raw-onnxruntime anchor: the same prepared (tapped, optimized) graph in a session on this
 * thread, fed the same padded ids, fetching the same layers: no worker, no pooling, no engine.
 */
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { ONNX_FILE, type ModelDtype } from '../../src/shared/modelLayout';
import { openModel } from '../../src/bert/preparedModel';

export class RawForward {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly outputs: readonly string[],
  ) {}

  static async open(model: string, dtype: ModelDtype, threads: number, preparedDir: string): Promise<RawForward> {
    const opened = await openModel({ onnxPath: path.join(model, ONNX_FILE[dtype]), threads, preparedDir });
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
    const feeds: Record<string, ort.Tensor> = { input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(rows.length * seq), dims);
    await this.session.run(feeds, layers.map((l) => this.outputs[l]));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
