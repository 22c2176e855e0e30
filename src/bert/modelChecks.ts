/**
 * The files of a model folder checked against each other at load, each problem named with its
 * file: a mismatch would otherwise give silently wrong vectors, a TypeError far from the cause, or
 * a raw onnxruntime error (an id beyond the embedding table) with a red native line on stderr.
 */
import * as path from 'node:path';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { EngineError } from '../shared/errors';
import type { GraphShape } from './onnxTap';

/**
 * Text no BERT vocabulary has whole (an emoji and a mathematical letter, which the BERT normalizer
 * keeps): it encodes to the unknown token, or to no id at all when the vocabulary has none.
 */
const UNKNOWN_TEXT = '🧿 𝕏';

/**
 * Refuses a tokenizer.json whose vocabulary has id gaps (a token array with holes, which
 * Transformers.js turns into undefined tokens), that gives no id to unknown text (no `[UNK]`), or
 * that does not frame a sentence with two special tokens of its vocabulary (`[CLS]`, `[SEP]`).
 * Returns the vocabulary's size.
 */
export function checkTokenizer(tokenizer: PreTrainedTokenizer, model: string): number {
  const fail = (problem: string) => {
    throw new EngineError('model-corrupt', `tokenizer.json of ${model} ${problem}`);
  };
  const vocab = tokenizer.get_vocab();
  let length = 0;
  for (const [token, id] of vocab) if (typeof token === 'string') length = Math.max(length, id + 1);
  const present = new Uint8Array(length);
  for (const [token, id] of vocab) if (typeof token === 'string') present[id] = 1;
  const gap = present.indexOf(0);
  if (gap >= 0) fail(`has no token with id ${gap}: vocabulary ids must run from 0 to ${length - 1} without gaps.`);

  const name = (field: string, fallback: string) => (typeof tokenizer.config?.[field] === 'string' ? (tokenizer.config[field] as string) : fallback);
  const unknown = tokenizer.encode(UNKNOWN_TEXT, { add_special_tokens: false });
  if (!unknown.every((id) => Number.isInteger(id))) fail(`has no unknown token (${name('unk_token', '[UNK]')}) in its vocabulary: words outside it would get no id.`);

  const framed = tokenizer.encode('', { add_special_tokens: true });
  const special = new Set(tokenizer.all_special_ids);
  if (framed.length !== 2) fail(`does not put two special tokens ([CLS] … [SEP]) around a sentence: its post-processor is not BERT's.`);
  framed.forEach((id, i) => {
    const token = i === 0 ? name('cls_token', '[CLS]') : name('sep_token', '[SEP]');
    if (!Number.isInteger(id) || id === tokenizer.unk_token_id || !special.has(id)) fail(`has no ${token} token in its vocabulary (its post-processor puts one ${i === 0 ? 'before' : 'after'} every sentence).`);
  });
  return length;
}

/**
 * Refuses ids the graph has no embedding row for: the tokenizer's largest id, and config.json's
 * `pad_token_id`, which fills the shorter rows of a batch.
 */
export function checkIds(largestId: number, padId: number, rows: number | undefined, model: string, onnxPath: string): void {
  const table = `the ${rows} rows of the word embedding table in ${path.basename(onnxPath)}`;
  if (rows !== undefined && largestId >= rows) {
    throw new EngineError('model-corrupt', `tokenizer.json of ${model} has token ids up to ${largestId}, beyond ${table}. The two files come from different models.`);
  }
  if (!Number.isInteger(padId) || padId < 0 || (rows !== undefined && padId >= rows)) {
    throw new EngineError('model-corrupt', `config.json of ${model} has pad_token_id ${padId}, which is not a token id${rows === undefined ? '' : ` (${table})`}.`);
  }
}

/**
 * Refuses a config.json that does not describe the ONNX graph: its vectors would be silently wrong
 * (a smaller hidden_size reads the wrong slices) or fail deep in onnxruntime (a longer window).
 */
export function checkConfig(config: Record<string, unknown>, shape: GraphShape, model: string, onnxPath: string): void {
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
