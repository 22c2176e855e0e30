import { onnx } from 'onnx-proto';

/** The output of BertForMaskedLM exports (`Xenova/bert-base-uncased`, the fixture). */
const LOGITS = 'logits';

/**
 * The masked-language-model head as a graph of its own: every node between the last hidden state
 * and `logits` (transform dense, GELU, LayerNorm, decoder MatMul and bias; their quantized forms in
 * q8 exports), with the initializers they read. Its input is that hidden state, one row per target
 * (`[targets × hidden]`), so the head costs one hidden × vocab product per target instead of one per
 * token of every sequence. Undefined when the graph has no `logits` output, or when `logits` depends
 * on anything but the last hidden state and constants (not a plain MLM head).
 *
 * Call it before the tap prunes the head from the graph; the graph itself is not changed.
 */
export function splitHead(model: onnx.IModelProto, lastHidden: string, hiddenSize: number | undefined): Uint8Array | undefined {
  const graph = model.graph;
  const logits = graph?.output?.find((o) => o.name === LOGITS);
  if (!graph || !logits) return undefined;
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

  const head = onnx.ModelProto.create({
    irVersion: model.irVersion,
    opsetImport: model.opsetImport,
    producerName: 'bert-word-sense (MLM head split)',
    graph: {
      name: 'mlm_head',
      // Graph order is topological, so the kept nodes are too.
      node: (graph.node ?? []).filter((n) => keep.has(n)),
      initializer: [...used].map((name) => initializers.get(name)!),
      input: [floatTensor(lastHidden, [{ dimParam: 'targets' }, hiddenSize ? { dimValue: hiddenSize } : { dimParam: 'hidden_size' }])],
      output: [floatTensor(LOGITS, [{ dimParam: 'targets' }, { dimParam: 'vocab_size' }])],
    },
  });
  return onnx.ModelProto.encode(head).finish();
}

function floatTensor(name: string, dim: onnx.TensorShapeProto.IDimension[]): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } };
}
