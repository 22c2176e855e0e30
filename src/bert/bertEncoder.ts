import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AutoConfig, AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { EngineError, throwIfAborted } from '../shared/errors';
import { locateModel, type ModelFilesOptions } from './modelFiles';
import { OnnxSession } from './onnxSession';
import type { GraphShape } from './onnxTap';
import type { TargetPositions } from './onnxWorkerProtocol';
import { WordPieceAligner, type SpecialTokens, type TargetInput } from './wordPieces';

export interface BertEncoderOptions extends ModelFilesOptions {
  /** onnxruntime intra-op threads (default `defaultThreads()`). */
  readonly threads?: number;
  /** Folder for prepared models (default `<cacheDir>/.prepared`, which no hub id can name); null = none. */
  readonly preparedDir?: string | null;
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
  /** Forward passes run so far (requests answered from a shared sentence do not count). */
  forwardPasses = 0;

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
    const location = await locateModel(options);
    throwIfAborted(options.signal);
    // Always a folder by now (a hub model's files were downloaded into the cache): no request here.
    const fromFolder = { local_files_only: true };
    let config: Record<string, unknown>;
    let tokenizer: PreTrainedTokenizer;
    try {
      config = (await AutoConfig.from_pretrained(location.pathOrId, fromFolder)) as unknown as Record<string, unknown>;
      tokenizer = await AutoTokenizer.from_pretrained(location.pathOrId, fromFolder);
    } catch (cause) {
      throw new EngineError(
        location.isLocal ? 'model-not-found' : 'model-corrupt',
        `Could not load the tokenizer and config of ${options.model}${location.isLocal ? '' : ` (cached in ${location.pathOrId})`}: ${(cause as Error).message}`,
        { cause },
      );
    }
    const numLayers = positiveInt(config.num_hidden_layers, 'num_hidden_layers', options.model);
    const hiddenSize = positiveInt(config.hidden_size, 'hidden_size', options.model);
    const positions = config.max_position_embeddings === undefined ? undefined : positiveInt(config.max_position_embeddings, 'max_position_embeddings', options.model);

    const stat = await fs.stat(location.onnxPath);
    throwIfAborted(options.signal);
    const preparedDir = options.preparedDir === null ? undefined : (options.preparedDir ?? path.join(options.cacheDir, '.prepared'));
    const { session, result } = await OnnxSession.load(location.onnxPath, options.threads ?? defaultThreads(), preparedDir);
    try {
      checkConfig({ num_hidden_layers: numLayers, hidden_size: hiddenSize, vocab_size: config.vocab_size, max_position_embeddings: positions }, result.shape, options.model, location.onnxPath);
    } catch (error) {
      await session.dispose();
      throw error;
    }
    result.warnings.forEach((w) => options.logger.warn(w));
    const maxLength = positions ?? result.shape.positions ?? 512;
    options.logger.info(
      `Loaded ${options.model} (${options.dtype}, ${result.source === 'prepared' ? 'prepared file' : result.source === 'built' ? 'prepared file written' : 'in memory'}): ` +
        `${numLayers} layers, hidden ${hiddenSize}, window ${maxLength}` +
        (result.edited ? ', hidden states tapped from LayerNorm outputs' : ''),
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
   * Per target, the mean over its token positions of each hidden state in `hiddenStates` (indices,
   * 0 = embeddings): a `[hiddenStates × hidden]` array. Pooling happens in the worker, next to the states.
   * `share`: one sentence whose states the next requests for the same ids may reuse (hovers).
   */
  async layerMeans(
    rows: readonly (readonly number[])[],
    targets: readonly TargetPositions[],
    hiddenStates: readonly number[],
    share = false,
  ): Promise<Float32Array[]> {
    const seq = Math.max(...rows.map((ids) => ids.length));
    const ids = new Int32Array(rows.length * seq).fill(this.padId);
    rows.forEach((row, b) => ids.set(row, b * seq));
    const lengths = Int32Array.from(rows, (row) => row.length);
    const { vectors, forwarded } = await this.session.run(ids, rows.length, seq, lengths, hiddenStates, targets, share);
    if (forwarded) this.forwardPasses++;
    const size = hiddenStates.length * this.info.hiddenSize;
    return targets.map((_, t) => vectors.subarray(t * size, (t + 1) * size));
  }

  /**
   * For each input, the mean over its target pieces of each of the last `keep` layers:
   * a `[keep × hidden]` array, oldest layer first. Pooling over layers happens later (it is linear,
   * so mean-over-pieces and sum-over-layers commute). A single input (a hover) shares its forward
   * pass with recent requests for the same sentence, whichever word of it they ask about.
   */
  targetLayers(inputs: readonly TargetInput[], keep: number): Promise<Float32Array[]> {
    const { numLayers } = this.info;
    const hiddenStates = Array.from({ length: keep }, (_, i) => numLayers - keep + 1 + i);
    const targets = inputs.map((input, row) => ({ row, positions: input.targetPositions }));
    return this.layerMeans(
      inputs.map((input) => input.ids),
      targets,
      hiddenStates,
      inputs.length === 1,
    );
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}

/**
 * Threads for onnxruntime when the setting does not say: one per logical core. onnxruntime's own
 * default (one per physical core) was measured on the 4-layer fixture, where thread overhead
 * dominates; at bert-base scale every core pays (see the README's Performance section).
 */
export function defaultThreads(): number {
  return os.availableParallelism();
}

/**
 * Refuses a config.json that does not describe the ONNX graph: its vectors would be silently wrong
 * (a smaller hidden_size reads the wrong slices) or fail deep in onnxruntime (a longer window).
 */
function checkConfig(config: Record<string, unknown>, shape: GraphShape, model: string, onnxPath: string): void {
  const graph: Record<string, number | undefined> = {
    num_hidden_layers: shape.layers,
    hidden_size: shape.hidden,
    vocab_size: shape.vocab,
    max_position_embeddings: shape.positions,
  };
  for (const [field, actual] of Object.entries(graph)) {
    const claimed = config[field];
    if (actual === undefined || claimed === undefined || claimed === actual) continue;
    throw new EngineError(
      'model-corrupt',
      `config.json of ${model} does not match its ONNX graph: ${field} is ${String(claimed)} in config.json but ${actual} in ${path.basename(onnxPath)}. ` +
        'The two files come from different models.',
    );
  }
}

function positiveInt(value: unknown, field: string, model: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new EngineError('model-corrupt', `config.json of ${model} has no valid ${field}.`);
}
