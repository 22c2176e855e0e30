import * as os from 'node:os';
import * as path from 'node:path';
import { AutoConfig, AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { RuntimeName } from '../shared/engineProtocol';
import { EngineError, throwIfAborted } from '../shared/errors';
import { modelContentKey } from './contentKey';
import { checkConfig, checkIds, checkTokenizer } from './modelChecks';
import { locateModel, type ModelFilesOptions, type ModelLocation } from './modelFiles';
import { OnnxSession } from './onnxSession';
import { RunQueue, type RunPriority } from './runQueue';
import type { Predictions, TargetPositions } from './onnxWorkerProtocol';
import { wholeWordMask } from './wholeWords';
import { maskTarget, WordPieceAligner, type SpecialTokens, type TargetInput } from './wordPieces';

export interface BertEncoderOptions extends ModelFilesOptions {
  /** onnxruntime intra-op threads (default `defaultThreads()`). */
  readonly threads?: number;
  /** Folder for prepared models (default `<cacheDir>/.prepared`, which no hub id can name); null = none. */
  readonly preparedDir?: string | null;
  /** The onnxruntime build (default `node`; `wasm` is onnxruntime-web, opened in memory: src/bert/runtime.ts). */
  readonly runtime?: RuntimeName;
}

/** Everything about the model that vectors depend on: part of every cache key. */
export interface ModelInfo {
  readonly name: string;
  readonly numLayers: number;
  readonly hiddenSize: number;
  /** Longest input in ids, specials included (`max_position_embeddings`). */
  readonly maxLength: number;
  /** Changes when anything that shapes a vector changes: the dtype, the ONNX file, tokenizer or config (`contentKey.ts`). */
  readonly fingerprint: string;
}

/** Where a run stands in the session's queue (default `hover`), and what cancels it while it waits. */
export interface RunAt {
  readonly priority?: RunPriority;
  readonly signal?: AbortSignal;
}

/** A vocabulary entry the MLM head predicts at a position, with its probability. */
export interface TokenPrediction {
  readonly token: string;
  readonly probability: number;
}

/** A target's per-layer means (see `targetLayers`) and the MLM head's predictions at it. */
export interface TargetPrediction {
  readonly layers: Float32Array;
  readonly tokens: readonly TokenPrediction[];
}

/**
 * BERT on onnxruntime (`runtime.ts`: onnxruntime-node by default) with every layer's hidden state exposed (see `onnxTap.ts`), run in a
 * worker thread (`onnxSession.ts`), and Transformers.js' tokenizer for the ids. The MLM head, split
 * off the same graph, predicts whole-word tokens at targets on request.
 */
export class BertEncoder {
  readonly aligner: WordPieceAligner;
  /** Forward passes run so far (requests answered from a shared sentence do not count). */
  forwardPasses = 0;
  /** Every run of the session goes through it: the most urgent waiting run goes next. */
  readonly queue = new RunQueue();
  /** Aborts the background hash of the ONNX file on dispose. */
  private readonly lifetime = new AbortController();
  /** The background hash of the ONNX file (`ModelContentKey.verifyOnnx`). */
  private verifying: Promise<void> = Promise.resolve();

  private constructor(
    readonly info: ModelInfo,
    readonly special: SpecialTokens,
    /** Whether the model file has an MLM head (`logits`), so tokens can be predicted. */
    readonly hasHead: boolean,
    private readonly padId: number,
    private readonly session: OnnxSession,
    tokenizer: PreTrainedTokenizer,
    /** Token of each vocabulary id. */
    private readonly tokens: readonly string[],
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
    const config = (await readModelFiles('config.json', location, options, () => AutoConfig.from_pretrained(location.pathOrId, fromFolder))) as unknown as Record<string, unknown>;
    const tokenizer = await readModelFiles('the tokenizer (tokenizer.json, tokenizer_config.json)', location, options, () => AutoTokenizer.from_pretrained(location.pathOrId, fromFolder));
    const vocabLength = checkTokenizer(tokenizer, options.model);
    const numLayers = positiveInt(config.num_hidden_layers, 'num_hidden_layers', options.model);
    const hiddenSize = positiveInt(config.hidden_size, 'hidden_size', options.model);
    const positions = config.max_position_embeddings === undefined ? undefined : positiveInt(config.max_position_embeddings, 'max_position_embeddings', options.model);
    const padId = typeof config.pad_token_id === 'number' ? config.pad_token_id : 0;

    const content = await modelContentKey(location.pathOrId, options.dtype, { cacheDir: options.cacheDir, logger: options.logger });
    throwIfAborted(options.signal);
    const preparedDir = options.preparedDir === null ? undefined : (options.preparedDir ?? path.join(options.cacheDir, '.prepared'));
    const vocab = tokenizer.get_vocab();
    const vocabSize = typeof config.vocab_size === 'number' ? config.vocab_size : vocab.size;
    const tokens = new Array<string>(vocabSize).fill('');
    for (const [token, id] of vocab) if (id >= 0 && id < vocabSize) tokens[id] = token;
    const candidates = wholeWordMask(vocab, tokenizer.all_special_ids, vocabSize);
    const { session, result } = await OnnxSession.load(location.onnxPath, options.threads ?? defaultThreads(), preparedDir, content.onnxKey, candidates, options.runtime);
    try {
      checkConfig({ num_hidden_layers: numLayers, hidden_size: hiddenSize, vocab_size: config.vocab_size, max_position_embeddings: positions }, result.shape, options.model, location.onnxPath);
      checkIds(vocabLength - 1, padId, result.shape.vocab ?? vocabSize, options.model, location.onnxPath);
    } catch (error) {
      await session.dispose();
      throw error;
    }
    result.warnings.forEach((w) => options.logger.warn(w));
    result.notes?.forEach((note) => options.logger.info(note));
    const maxLength = positions ?? result.shape.positions ?? 512;
    const runtime = result.provider === 'webgpu' ? ', onnxruntime-web WebGPU' : options.runtime === 'wasm' ? ', onnxruntime-web WASM' : '';
    options.logger.info(
      `Loaded ${options.model} (${options.dtype}${runtime}, ${result.source === 'prepared' ? 'prepared file' : result.source === 'built' ? 'prepared file written' : 'in memory'}): ` +
        `${numLayers} layers, hidden ${hiddenSize}, window ${maxLength}` +
        (result.edited ? ', hidden states tapped from LayerNorm outputs' : ''),
    );

    const [cls, sep] = tokenizer.encode('', { add_special_tokens: true });
    const mask = typeof tokenizer.mask_token_id === 'number' ? tokenizer.mask_token_id : undefined;
    const info: ModelInfo = { name: options.model, numLayers, hiddenSize, maxLength, fingerprint: content.key };
    const encoder = new BertEncoder(info, { cls, sep, ...(mask !== undefined && { mask }) }, result.hasHead, padId, session, tokenizer, tokens);
    encoder.verifying = content.verifyOnnx(encoder.lifetime.signal);
    return encoder;
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
    at: RunAt = {},
  ): Promise<Float32Array[]> {
    return (await this.run(rows, targets, hiddenStates, share, 0, at)).means;
  }

  private async run(
    rows: readonly (readonly number[])[],
    targets: readonly TargetPositions[],
    hiddenStates: readonly number[],
    share: boolean,
    predict: number,
    at: RunAt,
  ): Promise<{ means: Float32Array[]; tokens: TokenPrediction[][] }> {
    const seq = Math.max(...rows.map((ids) => ids.length));
    const ids = new Int32Array(rows.length * seq).fill(this.padId);
    rows.forEach((row, b) => ids.set(row, b * seq));
    const lengths = Int32Array.from(rows, (row) => row.length);
    const { vectors, forwarded, predictions } = await this.queue.run(
      at.priority ?? 'hover',
      () => this.session.run(ids, rows.length, seq, lengths, hiddenStates, targets, share, predict),
      at.signal,
    );
    if (forwarded) this.forwardPasses++;
    const size = hiddenStates.length * this.info.hiddenSize;
    return {
      means: targets.map((_, t) => vectors.subarray(t * size, (t + 1) * size)),
      tokens: targets.map((_, t) => (predictions ? this.decode(predictions, t, predict) : [])),
    };
  }

  private decode(predictions: Predictions, target: number, top: number): TokenPrediction[] {
    const out: TokenPrediction[] = [];
    for (let i = target * top; i < (target + 1) * top && predictions.ids[i] >= 0; i++) {
      out.push({ token: this.tokens[predictions.ids[i]], probability: predictions.probabilities[i] });
    }
    return out;
  }

  /**
   * For each input, the mean over its target pieces of each of the last `keep` layers:
   * a `[keep × hidden]` array, oldest layer first. Pooling over layers happens later (it is linear,
   * so mean-over-pieces and sum-over-layers commute). A single input (a hover) shares its forward
   * pass with recent requests for the same sentence, whichever word of it they ask about.
   */
  async targetLayers(inputs: readonly TargetInput[], keep: number, at: RunAt = {}): Promise<Float32Array[]> {
    return (await this.runTargets(inputs, this.lastStates(keep), 0, at)).means;
  }

  /**
   * `targetLayers` with, per input, the MLM head's `top` most likely whole-word tokens at the
   * target's first piece, from the same forward pass (the head runs on the target's final state only).
   */
  async targetLayersAndTokens(inputs: readonly TargetInput[], keep: number, top: number, at: RunAt = {}): Promise<TargetPrediction[]> {
    this.requireHead();
    const { means, tokens } = await this.runTargets(inputs, this.lastStates(keep), top, at);
    return means.map((layers, i) => ({ layers, tokens: tokens[i] }));
  }

  /**
   * Per input, the MLM head's `top` most likely whole-word tokens at a `[MASK]` put in place of the
   * target's pieces: one more forward pass, on which only the last hidden state is read.
   */
  async maskedTokens(inputs: readonly TargetInput[], top: number, at: RunAt = {}): Promise<TokenPrediction[][]> {
    this.requireHead();
    const mask = this.special.mask;
    if (mask === undefined) throw new EngineError('model-corrupt', `The tokenizer of ${this.info.name} has no [MASK] token.`);
    return (await this.runTargets(inputs.map((input) => maskTarget(input, mask)), [this.info.numLayers], top, at)).tokens;
  }

  /** The last `keep` hidden states' indices, oldest first. */
  private lastStates(keep: number): number[] {
    const { numLayers } = this.info;
    return Array.from({ length: keep }, (_, i) => numLayers - keep + 1 + i);
  }

  private runTargets(inputs: readonly TargetInput[], hiddenStates: readonly number[], predict: number, at: RunAt) {
    const targets = inputs.map((input, row) => ({ row, positions: input.targetPositions }));
    return this.run(
      inputs.map((input) => input.ids),
      targets,
      hiddenStates,
      inputs.length === 1,
      predict,
      at,
    );
  }

  private requireHead(): void {
    if (!this.hasHead) throw new EngineError('model-corrupt', `${this.info.name} has no masked-language-model head (no \`logits\` output) to predict words with.`);
  }

  async dispose(): Promise<void> {
    this.queue.abortWaiting(new EngineError('cancelled', 'The model was closed.'));
    this.lifetime.abort();
    await Promise.all([this.session.dispose(), this.verifying]);
  }
}

/**
 * Threads for onnxruntime when the setting does not say: one per logical core. onnxruntime's own
 * default (one per physical core) was measured on the 4-layer fixture, where thread overhead
 * dominates; at bert-base scale every core pays (docs/performance.md).
 */
export function defaultThreads(): number {
  return os.availableParallelism();
}

/**
 * What Transformers.js reads from the folder. Refused as `model-corrupt` whatever the folder: the
 * files exist (`locateModel` checked), so they are what is wrong.
 */
async function readModelFiles<T>(files: string, location: ModelLocation, options: BertEncoderOptions, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    const where = location.isLocal ? '' : ` (cached in ${location.pathOrId})`;
    throw new EngineError('model-corrupt', `Could not read ${files} of ${options.model}${where}: ${(cause as Error).message}`, { cause });
  }
}

function positiveInt(value: unknown, field: string, model: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new EngineError('model-corrupt', `config.json of ${model} has no valid ${field}.`);
}
