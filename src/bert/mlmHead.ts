import { onnx } from 'onnx-proto';

/** The output of BertForMaskedLM exports (`Xenova/bert-base-uncased`, the fixture). */
const LOGITS = 'logits';

/** Inputs and outputs of the head graph. */
export const HEAD = {
  /** `[targets × hidden]` float: the last hidden state at each target. */
  hidden: 'hidden_state',
  /** `[vocab]` float: 0 for tokens that may be ranked, -Infinity for the others. */
  candidateBias: 'candidate_bias',
  /** `[1]` int64: how many tokens to rank. */
  k: 'k',
  /** `[targets × vocab]`: the original logits (for tests; the worker does not fetch them). */
  logits: LOGITS,
  /** `[targets × k]`: the highest candidate logits, best first, and their token ids (int64). */
  topLogits: 'top_logits',
  topIds: 'top_ids',
  /** `[targets × 1]`: log Σ exp(logits) over the whole vocabulary, so p = exp(logit − it). */
  logNormalizer: 'log_normalizer',
} as const;

/**
 * The masked-language-model head as a graph of its own: every node between the last hidden state
 * and `logits` (transform dense, GELU, LayerNorm, decoder MatMul and bias; their quantized forms in
 * q8 exports), with the initializers they read. Its input is that hidden state, one row per target
 * (`[targets × hidden]`), so the head costs one hidden × vocab product per target instead of one per
 * token of every sequence. The ranking is done in the graph too (`TopK` over the candidates and the
 * softmax normalizer): only k ids and logits per target leave onnxruntime, where a JavaScript pass
 * over 30,522 logits cost about as much as the product itself.
 *
 * Undefined when the graph has no `logits` output, or when `logits` depends on anything but the last
 * hidden state and constants (not a plain MLM head). Call it before the tap prunes the head from the
 * graph; the graph itself is not changed.
 */
export function splitHead(model: onnx.IModelProto, lastHidden: string, hiddenSize: number | undefined): SplitHead | undefined {
  const graph = model.graph;
  if (!graph?.output?.some((o) => o.name === LOGITS)) return undefined;
  const producer = new Map<string, onnx.INodeProto>();
  for (const node of graph.node ?? []) for (const o of node.output ?? []) producer.set(o, node);
  const initializers = new Map((graph.initializer ?? []).map((i) => [i.name ?? '', i]));

  const keep = new Set<onnx.INodeProto>();
  const used = new Set<string>();
  let reached = false;
  for (const stack = [LOGITS]; stack.length > 0; ) {
    const value = stack.pop()!;
    if (value === lastHidden) {
      reached = true;
      continue;
    }
    // '' is an omitted optional input.
    if (value === '') continue;
    if (initializers.has(value)) {
      used.add(value);
      continue;
    }
    const node = producer.get(value);
    // A graph input (input_ids, attention_mask…) or a value nothing produces: not a plain head.
    if (!node) return undefined;
    if (keep.has(node)) continue;
    keep.add(node);
    stack.push(...(node.input ?? []));
  }
  if (!reached) return undefined;

  const opset = Number(model.opsetImport?.find((o) => !o.domain)?.version ?? 0);
  const head = onnx.ModelProto.create({
    irVersion: model.irVersion,
    opsetImport: model.opsetImport,
    producerName: 'bert-word-sense (MLM head split)',
    graph: {
      name: 'mlm_head',
      node: [
        { opType: 'Identity', name: 'head/input', input: [HEAD.hidden], output: [lastHidden] },
        // Graph order is topological, so the kept nodes are too.
        ...(graph.node ?? []).filter((n) => keep.has(n)),
        ...rankingNodes(opset),
      ],
      initializer: [...used].map((name) => initializers.get(name)!),
      input: [
        tensor(HEAD.hidden, FLOAT, ['targets', hiddenSize ?? 'hidden_size']),
        tensor(HEAD.candidateBias, FLOAT, ['vocab_size']),
        tensor(HEAD.k, INT64, [1]),
      ],
      output: [
        tensor(HEAD.logits, FLOAT, ['targets', 'vocab_size']),
        tensor(HEAD.topLogits, FLOAT, ['targets', 'k']),
        tensor(HEAD.topIds, INT64, ['targets', 'k']),
        tensor(HEAD.logNormalizer, FLOAT, ['targets', 1]),
      ],
    },
  });
  return { bytes: onnx.ModelProto.encode(head).finish(), quantized: [...keep].some((n) => INTEGER_OP.test(n.opType ?? '')) };
}

/** Operators of integer-quantized (q8) exports. */
export const INTEGER_OP = /Integer|^QLinear|^DynamicQuantize/;

export interface SplitHead {
  readonly bytes: Uint8Array;
  /** Whether its products are integer ones (a q8 export), which need pre-packed weights to be fast. */
  readonly quantized: boolean;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** TopK over logits + candidate bias, and the log-sum-exp over the last axis (an attribute before opset 18, an input since). */
function rankingNodes(opset: number): onnx.INodeProto[] {
  const ints = (name: string, values: number[]): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
  const int = (name: string, value: number): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
  const lastAxis = 'head/last_axis';
  return [
    { opType: 'Add', name: 'head/candidates', input: [LOGITS, HEAD.candidateBias], output: ['head/candidate_logits'] },
    { opType: 'TopK', name: 'head/top', input: ['head/candidate_logits', HEAD.k], output: [HEAD.topLogits, HEAD.topIds], attribute: [int('axis', -1), int('largest', 1), int('sorted', 1)] },
    ...(opset >= 18
      ? [
          { opType: 'Constant', name: lastAxis, output: [lastAxis], attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: { dataType: INT64, dims: [1], int64Data: [-1] } }] },
          { opType: 'ReduceLogSumExp', name: 'head/normalizer', input: [LOGITS, lastAxis], output: [HEAD.logNormalizer], attribute: [int('keepdims', 1)] },
        ]
      : [{ opType: 'ReduceLogSumExp', name: 'head/normalizer', input: [LOGITS], output: [HEAD.logNormalizer], attribute: [ints('axes', [-1]), int('keepdims', 1)] }]),
  ];
}

function tensor(name: string, elemType: number, dims: readonly (string | number)[]): onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}
