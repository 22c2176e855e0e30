/**
 * The ONNX session's calls, served by the ONNX worker of each host: `onnxWorker.ts` in a Node thread
 * (onnxruntime-node's `run` is a synchronous native call, and preparing a 420 MB graph is synchronous
 * JS too: there they block only that thread, while the engine's keeps tokenizing the next batch,
 * answering cancels and serving cached hovers), a web worker in the browser. The hidden states stay
 * here: only the pooled target vectors (kilobytes) go back, with the MLM head's top tokens at the
 * targets when asked.
 */
import { throwIfAborted } from '../shared/errors';
import { LruCache } from '../shared/lruCache';
import type { ServeOptions } from '../shared/rpc';
import type { LoadRequest, LoadResult, OnnxCalls, Predictions, RunRequest, RunResult, TargetPositions } from './onnxWorkerProtocol';
import { HEAD } from './mlmHead';
import type { RuntimeSession, Tensor } from './runtime';
import type { OpenedModel } from './tappedModel';

/** Single sentences whose states are kept, so hovers over one sentence share a forward pass (a few MB each at bert-base's full window). */
const RECENT_SENTENCES = 4;

/**
 * The ONNX worker's state and calls on whatever runtime `open` creates sessions with: `onnxWorker.ts`
 * serves them in a Node thread; a web worker serves the same ones. `open` is the entry's model source
 * (a prepared file on disk for onnxruntime-node, bytes for the web).
 */
export function onnxService(open: (request: LoadRequest) => Promise<OpenedModel>): ServeOptions<OnnxCalls, never> {
  const service = new OnnxService(open);
  return {
    handlers: {
      load: (request) => service.load(request),
      run: (request, { signal }) => service.run(request, signal),
    },
    validate: {
      load: (p) => (typeof p !== 'object' || p === null ? 'must be an object' : typeof (p as LoadRequest).onnxPath !== 'string' || typeof (p as LoadRequest).sourceKey !== 'string' ? 'onnxPath and sourceKey must be strings' : (p as LoadRequest).candidates instanceof Uint8Array ? undefined : 'candidates must be a Uint8Array'),
      run: (p) => validRun(p, service.hiddenStates),
    },
    transfer: (result) => {
      if (!result || !('vectors' in (result as object))) return [];
      const { vectors, predictions } = result as RunResult;
      return [vectors.buffer as ArrayBuffer, ...(predictions ? [predictions.ids.buffer as ArrayBuffer, predictions.probabilities.buffer as ArrayBuffer] : [])];
    },
    dispose: () => service.dispose(),
  };
}

class OnnxService {
  private session: RuntimeSession | undefined;
  /** Opens the MLM head on first use (see `OpenedModel.head`); `headSession` once opened. */
  private head: (() => Promise<RuntimeSession>) | undefined;
  private headSession: RuntimeSession | undefined;
  /** The head's `candidate_bias`: 0 for the tokens it may predict, -Infinity for the others. */
  private candidateBias: Tensor | undefined;
  private outputs: readonly string[] = [];
  private needsTokenTypes = false;
  private readonly sentences = new LruCache<Promise<Float32Array[]>>(RECENT_SENTENCES);
  private turns: Promise<unknown> = Promise.resolve();

  constructor(private readonly open: (request: LoadRequest) => Promise<OpenedModel>) {}

  /** How many hidden states the loaded graph outputs. */
  get hiddenStates(): number {
    return this.outputs.length;
  }

  async load(request: LoadRequest): Promise<LoadResult> {
    const opened = await this.open(request);
    this.session = opened.session;
    this.head = opened.head;
    const vocab = opened.shape.vocab ?? request.candidates.length;
    this.candidateBias = { type: 'float32', data: Float32Array.from({ length: vocab }, (_, id) => (request.candidates[id] ? 0 : -Infinity)), dims: [vocab] };
    this.outputs = opened.taps.outputs;
    this.needsTokenTypes = opened.session.inputNames.includes('token_type_ids');
    return {
      edited: opened.taps.edited,
      shape: opened.shape,
      source: opened.source,
      hasHead: this.head !== undefined,
      warnings: opened.warnings,
      ...(opened.provider && { provider: opened.provider }),
      ...(opened.notes && { notes: opened.notes }),
    };
  }

  async run(request: RunRequest, signal: AbortSignal): Promise<RunResult> {
    let forwarded = false;
    const compute = () => {
      forwarded = true;
      return this.inTurn(signal, () => this.forward(request));
    };
    let states: Float32Array[];
    if (request.share) {
      const key = `${request.hiddenStates.join(',')}|${request.ids.join(',')}`;
      let pending = this.sentences.get(key);
      if (!pending) {
        pending = compute();
        this.sentences.set(key, pending);
        pending.catch(() => this.sentences.delete(key));
      }
      states = await pending;
    } else {
      states = await compute();
    }
    const hidden = states[0].length / (request.batch * request.sequence);
    const vectors = poolTargets(states, request.targets, request.sequence, hidden);
    if (!request.predict) return { vectors, hidden, forwarded };
    const last = request.hiddenStates.indexOf(this.outputs.length - 1);
    if (last < 0) throw new Error('Predicting tokens needs the last hidden state among the requested ones.');
    const predictions = await this.inTurn(signal, () => this.predict(states[last], request.targets, request.sequence, hidden, request.predict!));
    return { vectors, hidden, forwarded, predictions };
  }

  /**
   * The MLM head on the last hidden state of each target's first position only: one hidden × vocab
   * product per target. The first piece, not an average over the pieces: the head at a piece predicts
   * the token at that piece, so only a word's first piece ranges over word-initial tokens; later pieces
   * predict `##` continuations, where every whole word is improbable, so averaging their log-probabilities
   * in would rank substitutes by how little they look like a word ending. (Masked, a target is one
   * `[MASK]` anyway; CoarseWSD-20's words are single pieces in bert-base-uncased.)
   */
  private async predict(last: Float32Array, targets: readonly TargetPositions[], sequence: number, hidden: number, top: number): Promise<Predictions> {
    if (!this.head || !this.candidateBias) throw new Error('This model has no MLM head.');
    this.headSession ??= await this.head();
    const rows = new Float32Array(targets.length * hidden);
    targets.forEach(({ row, positions }, t) => rows.set(last.subarray((row * sequence + positions[0]) * hidden, (row * sequence + positions[0] + 1) * hidden), t * hidden));
    const k = Math.min(top, this.candidateBias.dims[0]);
    const result = await this.headSession.run(
      {
        [HEAD.hidden]: { type: 'float32', data: rows, dims: [targets.length, hidden] },
        [HEAD.candidateBias]: this.candidateBias,
        [HEAD.k]: { type: 'int64', data: BigInt64Array.of(BigInt(k)), dims: [1] },
      },
      [HEAD.topLogits, HEAD.topIds, HEAD.logNormalizer],
    );
    const logits = result[HEAD.topLogits].data as Float32Array;
    const topIds = result[HEAD.topIds].data as BigInt64Array;
    const normalizer = result[HEAD.logNormalizer].data as Float32Array;
    // `top` slots per target; those beyond k or the candidates (a -Infinity logit) stay id -1.
    const ids = new Int32Array(targets.length * top).fill(-1);
    const probabilities = new Float32Array(targets.length * top);
    for (let t = 0; t < targets.length; t++) {
      for (let i = 0; i < k && logits[t * k + i] > -Infinity; i++) {
        ids[t * top + i] = Number(topIds[t * k + i]);
        probabilities[t * top + i] = Math.exp(logits[t * k + i] - normalizer[t]);
      }
    }
    return { ids, probabilities };
  }

  /** The requested hidden states of the batch, each `[batch × sequence × hidden]`. */
  private async forward(request: RunRequest): Promise<Float32Array[]> {
    const loaded = this.session;
    if (!loaded) throw new Error('The ONNX session is not loaded.');
    const { batch, sequence } = request;
    const size = batch * sequence;
    const ids = BigInt64Array.from(request.ids, (id) => BigInt(id));
    const mask = new BigInt64Array(size);
    for (let b = 0; b < batch; b++) mask.fill(1n, b * sequence, b * sequence + request.lengths[b]);
    const dims = [batch, sequence];
    const feeds: Record<string, Tensor> = {
      input_ids: { type: 'int64', data: ids, dims },
      attention_mask: { type: 'int64', data: mask, dims },
    };
    if (this.needsTokenTypes) feeds.token_type_ids = { type: 'int64', data: new BigInt64Array(size), dims };
    const names = request.hiddenStates.map((l) => this.outputs[l]);
    const result = await loaded.run(feeds, names);
    return names.map((name) => result[name].data as Float32Array);
  }

  /**
   * One native run at a time, each started only when its turn comes and its signal is not aborted.
   * onnxruntime-node 1.30 ignores `RunOptions.terminate` (its binding reads only `logSeverityLevel` and
   * `tag`), and a run is a synchronous call on this thread, so nothing can stop one once it started:
   * cancelling here, between runs, is what bounds a dispose by one batch.
   */
  private inTurn<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(() => {
      throwIfAborted(signal);
      return work();
    });
    this.turns = turn.catch(() => undefined);
    return turn;
  }

  async dispose(): Promise<void> {
    this.sentences.clear();
    await this.session?.release();
    await this.headSession?.release();
    this.session = undefined;
    this.head = undefined;
    this.headSession = undefined;
    this.candidateBias = undefined;
  }
}

/**
 * Per target, the mean over its positions of each layer's token states, `[targets × layers × hidden]`.
 * Pooling over layers happens later (it is linear, so mean-over-pieces and sum-over-layers commute).
 */
function poolTargets(states: readonly Float32Array[], targets: readonly TargetPositions[], sequence: number, hidden: number): Float32Array {
  const out = new Float32Array(targets.length * states.length * hidden);
  targets.forEach(({ row, positions }, t) => {
    states.forEach((data, l) => {
      const mean = out.subarray((t * states.length + l) * hidden, (t * states.length + l + 1) * hidden);
      for (const p of positions) {
        const token = data.subarray((row * sequence + p) * hidden, (row * sequence + p + 1) * hidden);
        for (let h = 0; h < hidden; h++) mean[h] += token[h];
      }
      for (let h = 0; h < hidden; h++) mean[h] /= positions.length;
    });
  });
  return out;
}

const isInt32 = (v: unknown) => v instanceof Int32Array;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;


function validRun(p: unknown, hiddenStates: number): string | undefined {
  const r = p as RunRequest | null;
  if (typeof r !== 'object' || r === null) return 'must be an object';
  if (!isInt32(r.ids) || !isInt32(r.lengths)) return 'ids and lengths must be Int32Arrays';
  if (!isCount(r.batch) || !isCount(r.sequence) || r.ids.length !== r.batch * r.sequence || r.lengths.length !== r.batch) return 'batch × sequence must match ids and lengths';
  if (!Array.isArray(r.hiddenStates) || !r.hiddenStates.every((l) => isCount(l) && l < hiddenStates)) return 'hiddenStates must be indices of hidden states';
  if (!Array.isArray(r.targets) || !r.targets.every((t) => isCount(t?.row) && t.row < r.batch && Array.isArray(t.positions) && t.positions.length > 0 && t.positions.every((q: unknown) => isCount(q) && q < r.sequence))) {
    return 'targets must be rows and positions within the batch';
  }
  return undefined;
}
