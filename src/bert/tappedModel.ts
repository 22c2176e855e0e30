/**
 * The tapped model opened from bytes on any runtime (`runtime.ts`): the graph rewritten to output
 * every hidden state (`onnxTap.ts`), its MLM head split off (`mlmHead.ts`), and their sessions. No
 * file system here: the web opens the model this way, and Node does when nothing is prepared on
 * disk (`preparedModel.ts` keeps the optimized files for onnxruntime-node).
 */
import { EngineError } from '../shared/errors';
import { tapHiddenStates, type GraphShape, type HiddenStateTaps, type TappedModel } from './onnxTap';
import type { GraphOptimizationLevel, OnnxRuntime, RuntimeSession, SessionSettings, Tensor } from './runtime';

export interface OpenedModel {
  readonly session: RuntimeSession;
  /**
   * Opens the MLM head's session (input: last hidden state rows; output: logits) on first use, so
   * its weights (90 MB at bert-base fp32) cost memory only when substitutes are asked for; absent
   * when the model has none.
   */
  readonly head?: () => Promise<RuntimeSession>;
  readonly taps: HiddenStateTaps;
  readonly shape: GraphShape;
  /** Where the session came from: a prepared file made before, one made now, or memory only. */
  readonly source: 'prepared' | 'built' | 'memory';
  /** Problems that cost time but not the load (an unwritable cache), for the log. */
  readonly warnings: readonly string[];
  /** The execution provider the encoder runs on, when the runtime has a choice (the web: `webgpu` or `wasm`). */
  readonly provider?: 'webgpu' | 'wasm';
  /** Why the runtime chose as it did (the web: why not WebGPU), for the log. */
  readonly notes?: readonly string[];
}

/**
 * The encoder's session. Pre-packing keeps a second, re-laid-out copy of every fp32 MatMul weight:
 * measured at bert-base shape fp32 on onnxruntime-node, 1.1–1.26 GB peak RSS with it, 0.86–0.89 GB
 * without, for a 32 × 64 forward 3–14 % slower (2.55–3.13 vs 2.92–3.23 s) and a faster load. q8
 * weights gain nothing from it either way.
 */
export const encoderSettings = (threads: number, level: GraphOptimizationLevel): SessionSettings => ({ threads, level, prepacking: false });

/**
 * The head runs on one row per target. Quantized, without pre-packing onnxruntime re-packs the whole
 * hidden × vocab weight on every call: at bert-base shape q8 pre-packing took the head from 8–17 ms
 * to 1.5–2.5 ms (min / p10 of 100 runs, 2 threads), same memory. fp32 gained nothing (min 8 ms with
 * it, 3.3 ms without) and its session took 1.1–1.8 s to create instead of 0.7–0.9 s: off there.
 */
export const headSettings = (threads: number, level: GraphOptimizationLevel, quantized: boolean): SessionSettings => ({ threads, level, prepacking: quantized });

/**
 * Taps the source's bytes and opens both sessions, optimized in memory (`name`: the model file, for
 * errors). `runtime` may be chosen for the tapped graph (the web's WebGPU cannot run q8's operators).
 */
export async function openTapped(
  source: Uint8Array,
  runtimeFor: OnnxRuntime | ((tapped: TappedModel) => Promise<OnnxRuntime>),
  threads: number,
  name: string,
): Promise<Omit<OpenedModel, 'warnings'>> {
  const tapped = tapHiddenStates(source);
  const { bytes, taps, shape, head } = tapped;
  const runtime = typeof runtimeFor === 'function' ? await runtimeFor(tapped) : runtimeFor;
  const session = await createSession(runtime, bytes, encoderSettings(threads, 'all'), name);
  if (runtime.warmUpIds > 0) await warmUp(session, taps.outputs, Math.min(runtime.warmUpIds, shape.positions ?? runtime.warmUpIds), name);
  const headSession = head && (await createSession(runtime, head.bytes, headSettings(threads, 'all', head.quantized), name));
  return { session, ...(headSession && { head: () => Promise.resolve(headSession) }), taps, shape, source: 'memory' };
}

/** One run of `ids` ids of 0 (their values do not matter: every kernel runs once), no longer than the graph's positions. */
async function warmUp(session: RuntimeSession, outputs: readonly string[], ids: number, name: string): Promise<void> {
  const dims = [1, ids];
  const zeros: Tensor = { type: 'int64', data: new BigInt64Array(ids), dims };
  const feeds: Record<string, Tensor> = { input_ids: zeros, attention_mask: { type: 'int64', data: new BigInt64Array(ids).fill(1n), dims } };
  if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = zeros;
  try {
    await session.run(feeds, outputs);
  } catch (cause) {
    throw new EngineError('model-corrupt', `onnxruntime could not run ${name}: ${(cause as Error).message}`, { cause });
  }
}

export async function createSession(runtime: OnnxRuntime, model: string | Uint8Array, settings: SessionSettings, name: string): Promise<RuntimeSession> {
  try {
    return await runtime.createSession(model, settings);
  } catch (cause) {
    throw new EngineError('model-corrupt', `onnxruntime could not load ${name}: ${(cause as Error).message}`, { cause });
  }
}

/** `open`, called at most once (a failed open is tried again next time). */
export function once<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | undefined;
  return () => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
}
