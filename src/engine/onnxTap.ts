import { onnx } from 'onnx-proto';
import { EngineError } from './errors';

/** The graph outputs that carry BERT's hidden states, embeddings first. */
export interface HiddenStateTaps {
  /** `outputs[0]` = embeddings LayerNorm, `outputs[i]` = encoder layer i. */
  readonly outputs: readonly string[];
  /** True when the graph was edited (the bytes differ from the input). */
  readonly edited: boolean;
}

export interface TappedModel {
  readonly bytes: Uint8Array;
  readonly taps: HiddenStateTaps;
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
 * [batch × sequence × 30,522] tensor per call.
 */
export function tapHiddenStates(modelBytes: Uint8Array, numLayers: number): TappedModel {
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

  const existing = existingHiddenStateOutputs(graph, numLayers);
  if (existing) {
    if (graph.output?.length === existing.length) return { bytes: modelBytes, taps: { outputs: existing, edited: false } };
    const byName = new Map((graph.output ?? []).map((o) => [o.name, o]));
    graph.output = existing.map((name) => byName.get(name)!);
    pruneTo(graph, existing);
    return { bytes: onnx.ModelProto.encode(model).finish(), taps: { outputs: existing, edited: true } };
  }

  const lastOutputByScope = new Map<string, string>();
  for (const node of graph.node) {
    const name = node.name ?? '';
    const slash = name.lastIndexOf('/');
    if (slash > 0 && node.output?.length) lastOutputByScope.set(name.slice(0, slash + 1), node.output[0]);
  }

  for (const root of ROOTS) {
    const scopes = [embeddingsScope(root), ...Array.from({ length: numLayers }, (_, i) => layerScope(root, i))];
    const outputs = scopes.map((scope) => lastOutputByScope.get(scope));
    if (outputs.every((o): o is string => o !== undefined)) {
      graph.output = outputs.map(hiddenStateValueInfo);
      pruneTo(graph, outputs);
      return { bytes: onnx.ModelProto.encode(model).finish(), taps: { outputs, edited: true } };
    }
  }

  const looked = ROOTS.map((r) => `${embeddingsScope(r)}…, ${layerScope(r, 0)}… to ${layerScope(r, numLayers - 1)}…`).join(' or ');
  throw new EngineError(
    'layers-not-found',
    `Could not find BERT's hidden states in this ONNX graph: looked for outputs named hidden_states.0–${numLayers} and for LayerNorm nodes under ${looked}.`,
  );
}

function existingHiddenStateOutputs(graph: onnx.IGraphProto, numLayers: number): string[] | undefined {
  const names = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  for (const pattern of [(i: number) => `hidden_states.${i}`, (i: number) => `hidden_states_${i}`]) {
    const outputs = Array.from({ length: numLayers + 1 }, (_, i) => pattern(i));
    if (outputs.every((n) => names.has(n))) return outputs;
  }
  return undefined;
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
