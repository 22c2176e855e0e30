import * as fs from 'node:fs/promises';
import { AutoConfig, AutoTokenizer, type PreTrainedTokenizer, type ProgressInfo } from '@huggingface/transformers';
import { EngineError, throwIfAborted } from './errors';
import { configureHub, locateModel, type ModelFilesOptions } from './modelFiles';
import { OnnxSession } from './onnxSession';
import { WordPieceAligner, type SpecialTokens, type TargetInput } from './wordPieces';

export interface BertEncoderOptions extends ModelFilesOptions {
  /** onnxruntime intra-op threads (0 = onnxruntime's default: one per core). */
  readonly threads?: number;
}

/** Everything about the model that vectors depend on: part of every cache key. */
export interface ModelInfo {
  readonly name: string;
  readonly numLayers: number;
  readonly hiddenSize: number;
  /** Longest input in ids, specials included (`max_position_embeddings`). */
  readonly maxLength: number;
  /** Changes when the weights change (size and mtime of the ONNX file). */
  readonly fingerprint: string;
}

/**
 * BERT on onnxruntime-node with every layer's hidden state exposed (see `onnxTap.ts`), run in a
 * worker thread (`onnxSession.ts`), and Transformers.js' tokenizer for the ids.
 */
export class BertEncoder {
  readonly aligner: WordPieceAligner;

  private constructor(
    readonly info: ModelInfo,
    readonly special: SpecialTokens,
    private readonly padId: number,
    private readonly session: OnnxSession,
    tokenizer: PreTrainedTokenizer,
  ) {
    this.aligner = new WordPieceAligner({
      encodeWord: (word) => tokenizer.encode(word, { add_special_tokens: false }),
    });
  }

  static async load(options: BertEncoderOptions): Promise<BertEncoder> {
    configureHub(options);
    const location = await locateModel(options);
    throwIfAborted(options.signal);
    const hubOptions = {
      local_files_only: location.isLocal || !options.allowNetwork,
      progress_callback: (p: ProgressInfo) => {
        if (p.status === 'progress') options.onDownload?.(p.file, p.loaded, p.total);
      },
    };
    let config: Record<string, unknown>;
    let tokenizer: PreTrainedTokenizer;
    try {
      config = (await AutoConfig.from_pretrained(location.pathOrId, hubOptions)) as unknown as Record<string, unknown>;
      tokenizer = await AutoTokenizer.from_pretrained(location.pathOrId, hubOptions);
    } catch (cause) {
      const offline = !options.allowNetwork && !location.isLocal;
      throw new EngineError(
        offline ? 'offline' : location.isLocal ? 'model-not-found' : 'download-failed',
        `Could not load the tokenizer and config of ${options.model}${offline ? ' (not cached, and network access is off)' : ''}: ${(cause as Error).message}`,
        { cause },
      );
    }
    const numLayers = positiveInt(config.num_hidden_layers, 'num_hidden_layers', options.model);
    const hiddenSize = positiveInt(config.hidden_size, 'hidden_size', options.model);
    const maxLength = positiveInt(config.max_position_embeddings ?? 512, 'max_position_embeddings', options.model);

    const stat = await fs.stat(location.onnxPath);
    throwIfAborted(options.signal);
    const { session, edited } = await OnnxSession.load(location.onnxPath, numLayers, options.threads ?? 0);
    options.logger.info(
      `Loaded ${options.model} (${options.dtype}): ${numLayers} layers, hidden ${hiddenSize}, window ${maxLength}` +
        (edited ? ', hidden states tapped from LayerNorm outputs' : ''),
    );

    const [cls, sep] = tokenizer.encode('', { add_special_tokens: true });
    const info: ModelInfo = {
      name: options.model,
      numLayers,
      hiddenSize,
      maxLength,
      fingerprint: `${options.dtype}-${stat.size}-${Math.trunc(stat.mtimeMs)}`,
    };
    const padId = typeof config.pad_token_id === 'number' ? config.pad_token_id : 0;
    return new BertEncoder(info, { cls, sep }, padId, session, tokenizer);
  }

  /**
   * Hidden states of one padded batch: `result[layer][b]` is a `[sequence × hidden]` view
   * (layer 0 = embeddings). `layers` picks which of the `numLayers + 1` states to fetch.
   */
  async hiddenStates(batch: readonly (readonly number[])[], layers: readonly number[]): Promise<Float32Array[][]> {
    const seq = Math.max(...batch.map((ids) => ids.length));
    const ids = new Int32Array(batch.length * seq).fill(this.padId);
    batch.forEach((row, b) => ids.set(row, b * seq));
    const lengths = Int32Array.from(batch, (row) => row.length);
    const states = await this.session.run(ids, batch.length, seq, lengths, layers);
    const hidden = this.info.hiddenSize;
    return states.map((data) => batch.map((_, b) => data.subarray(b * seq * hidden, (b + 1) * seq * hidden)));
  }

  /** The last `keep` layers of each sentence of one padded batch: `result[b][l]` is `[sequence × hidden]`, oldest layer first. */
  async lastLayers(batch: readonly (readonly number[])[], keep: number): Promise<Float32Array[][]> {
    const { numLayers } = this.info;
    const layers = Array.from({ length: keep }, (_, i) => numLayers - keep + 1 + i);
    const states = await this.hiddenStates(batch, layers);
    return batch.map((_, b) => states.map((perBatch) => perBatch[b]));
  }

  /**
   * For each input, the mean over its target pieces of each of the last `keep` layers:
   * a `[keep × hidden]` array, oldest layer first. Pooling over layers happens later (it is linear,
   * so mean-over-pieces and sum-over-layers commute).
   */
  async targetLayers(inputs: readonly TargetInput[], keep: number): Promise<Float32Array[]> {
    const states = await this.lastLayers(
      inputs.map((input) => input.ids),
      keep,
    );
    return inputs.map((input, b) => targetMeans(states[b], input.targetPositions, this.info.hiddenSize));
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}

/** Mean over `positions` of each layer's token states: `[layers × hidden]`. */
export function targetMeans(layers: readonly Float32Array[], positions: readonly number[], hidden: number): Float32Array {
  const result = new Float32Array(layers.length * hidden);
  layers.forEach((states, l) => {
    const row = result.subarray(l * hidden, (l + 1) * hidden);
    for (const t of positions) {
      const token = states.subarray(t * hidden, (t + 1) * hidden);
      for (let h = 0; h < hidden; h++) row[h] += token[h];
    }
    for (let h = 0; h < hidden; h++) row[h] /= positions.length;
  });
  return result;
}

function positiveInt(value: unknown, field: string, model: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new EngineError('model-corrupt', `config.json of ${model} has no valid ${field}.`);
}
