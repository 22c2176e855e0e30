import { onnx } from 'onnx-proto';
import { EngineError } from '../shared/errors';
import { INTEGER_OP, splitHead, type SplitHead } from './mlmHead';

/** The graph outputs that carry BERT's hidden states, embeddings first. */
export interface HiddenStateTaps {
  /** `outputs[0]` = embeddings LayerNorm, `outputs[i]` = encoder layer i. */
  readonly outputs: readonly string[];
  /** True when the graph was edited (the bytes differ from the input). */
  readonly edited: boolean;
}

/** What the graph itself says about the model, to check `config.json` against (absent: not found). */
export interface GraphShape {
  /** Encoder layers (hidden-state outputs less the embeddings). */
  readonly layers: number;
  /** Width of the word embedding table. */
  readonly hidden?: number;
  /** Rows of the word embedding table. */
  readonly vocab?: number;
  /** Rows of the position embedding table: the longest input the graph can take. */
  readonly positions?: number;
}

export interface TappedModel {
  readonly bytes: Uint8Array;
  readonly taps: HiddenStateTaps;
  readonly shape: GraphShape;
  /** The MLM head split off before pruning (see `mlmHead.ts`); absent when the graph has none. */
  readonly head?: SplitHead;
  /** The tapped graph's integer-quantized operator types (q8 exports: `MatMulInteger`, …), which a runtime may lack. */
  readonly integerOps: readonly string[];
}

/** Scopes PyTorch exports give these LayerNorms: BertFor* models, then bare BertModel exports. */
const ROOTS = ['/bert/', '/'];
const embeddingsScope = (root: string) => `${root}embeddings/LayerNorm/`;
const layerScope = (root: string, i: number) => `${root}encoder/layer.${i}/output/LayerNorm/`;

/**
 * Makes every layer's hidden state a graph output, and the only ones.
 *
 * Hub exports of BERT (e.g. `Xenova/bert-base-uncased`) only output `logits`, so we take the output
 * of each layer's final LayerNorm (the last node of its scope: a decomposed LayerNorm ends in
 * `Add_1`, a fused one is a single `LayerNormalization`) and of the embeddings LayerNorm. Graphs that
 * already output `hidden_states.N` keep those. Everything else, the MLM head with its `logits`
 * in particular, is pruned: onnxruntime runs every node of a graph whatever outputs are fetched, and
 * the head cost 5× the encoder's time on the fixture (32×128 batch: 308 → 63 ms) plus a
 * [batch × sequence × 30,522] tensor per call. The head is kept as a graph of its own, to run on
 * target states only (`head`).
 */
export function tapHiddenStates(modelBytes: Uint8Array): TappedModel {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(modelBytes);
  } catch (cause) {
    throw new EngineError('model-corrupt', 'The ONNX model file could not be parsed (truncated or not an ONNX file).', { cause });
  }
  const graph = model.graph;
  if (!graph?.node?.length) {
    throw new EngineError('model-corrupt', 'The ONNX model file has no graph.');
  }

  const tables = embeddingTables(graph);
  const tapped = (outputs: string[], edited: boolean, head?: SplitHead): TappedModel => ({
    bytes: edited ? onnx.ModelProto.encode(model).finish() : modelBytes,
    taps: { outputs, edited },
    shape: { layers: outputs.length - 1, ...tables },
    ...(head && { head }),
    integerOps: [...new Set((graph.node ?? []).map((n) => n.opType ?? '').filter((op) => INTEGER_OP.test(op)))],
  });

  const existing = existingHiddenStateOutputs(graph);
  if (existing) {
    if (graph.output?.length === existing.length) return tapped(existing, false);
    const head = splitHead(model, existing.at(-1)!, tables.hidden);
    const byName = new Map((graph.output ?? []).map((o) => [o.name, o]));
    graph.output = existing.map((name) => byName.get(name)!);
    pruneTo(graph, existing);
    return tapped(existing, true, head);
  }

  const lastOutputByScope = new Map<string, string>();
  for (const node of graph.node) {
    const name = node.name ?? '';
    const slash = name.lastIndexOf('/');
    if (slash > 0 && node.output?.length) lastOutputByScope.set(name.slice(0, slash + 1), node.output[0]);
  }

  for (const root of ROOTS) {
    const outputs: string[] = [];
    // Every layer the graph has, however many config.json claims: BertEncoder checks the two agree.
    for (let scope = embeddingsScope(root), i = 0; lastOutputByScope.has(scope); scope = layerScope(root, i++)) {
      outputs.push(lastOutputByScope.get(scope)!);
    }
    if (outputs.length > 1) {
      const head = splitHead(model, outputs.at(-1)!, tables.hidden);
      graph.output = outputs.map(hiddenStateValueInfo);
      pruneTo(graph, outputs);
      return tapped(outputs, true, head);
    }
  }

  const looked = ROOTS.map((r) => `${embeddingsScope(r)}… and ${layerScope(r, 0)}…`).join(' or ');
  throw new EngineError(
    'layers-not-found',
    `Could not find BERT's hidden states in this ONNX graph: looked for outputs named hidden_states.0, hidden_states.1, … and for LayerNorm nodes under ${looked}.`,
  );
}

function existingHiddenStateOutputs(graph: onnx.IGraphProto): string[] | undefined {
  const names = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  for (const pattern of [(i: number) => `hidden_states.${i}`, (i: number) => `hidden_states_${i}`]) {
    const outputs: string[] = [];
    for (let i = 0; names.has(pattern(i)); i++) outputs.push(pattern(i));
    if (outputs.length > 1) return outputs;
  }
  return undefined;
}

/**
 * Sizes of the word and position embedding tables: the initializers their `Gather`s read, directly
 * or through the `DequantizeLinear` of a quantized export.
 */
function embeddingTables(graph: onnx.IGraphProto): Omit<GraphShape, 'layers'> {
  const initializers = new Map((graph.initializer ?? []).map((i) => [i.name ?? '', i]));
  const producer = new Map<string, onnx.INodeProto>();
  for (const node of graph.node ?? []) for (const o of node.output ?? []) producer.set(o, node);
  const table = (scope: string): number[] | undefined => {
    const gather = graph.node?.find((n) => n.opType === 'Gather' && (n.name ?? '').endsWith(`embeddings/${scope}/Gather`));
    let source = gather?.input?.[0];
    const dequantize = source === undefined ? undefined : producer.get(source);
    if (dequantize?.opType === 'DequantizeLinear') source = dequantize.input?.[0];
    const dims = source === undefined ? undefined : initializers.get(source)?.dims;
    return dims?.length === 2 ? dims.map(Number) : undefined;
  };
  const words = table('word_embeddings');
  const positions = table('position_embeddings');
  return { hidden: words?.[1], vocab: words?.[0], positions: positions?.[0] };
}

function hiddenStateValueInfo(name: string): onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimParam: 'hidden_size' }] },
      },
    },
  });
}

/** Drops the nodes and initializers the given values do not depend on (e.g. the MLM head). */
function pruneTo(graph: onnx.IGraphProto, wanted: readonly string[]): void {
  const producer = new Map<string, onnx.INodeProto>();
  for (const node of graph.node ?? []) for (const o of node.output ?? []) producer.set(o, node);
  const keep = new Set<onnx.INodeProto>();
  const stack = [...wanted];
  while (stack.length > 0) {
    const node = producer.get(stack.pop()!);
    if (node && !keep.has(node)) {
      keep.add(node);
      stack.push(...(node.input ?? []));
    }
  }
  graph.node = (graph.node ?? []).filter((n) => keep.has(n));
  const used = new Set(graph.node.flatMap((n) => n.input ?? []));
  graph.initializer = (graph.initializer ?? []).filter((i) => used.has(i.name ?? ''));
}
