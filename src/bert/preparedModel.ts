/**
 * The tapped model, optimized by onnxruntime once and kept on disk, so that later loads create the
 * session from a file path: no JS decode, tap and re-encode of the graph, no copy of its bytes in JS.
 * The MLM head split off the same graph (`mlmHead.ts`) is kept the same way, in a file beside it.
 * Only for a runtime that reads files (onnxruntime-node); any other opens the model from its bytes
 * (`tappedModel.ts`). Runs in the ONNX worker.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { EngineError } from '../shared/errors';
import { sampledHash } from './contentKey';
import { tapHiddenStates, type GraphShape, type HiddenStateTaps } from './onnxTap';
import type { OnnxRuntime, RuntimeSession } from './runtime';
import { nodeRuntime } from './runtimeNode';
import { createSession, encoderSettings, headSettings, once, openTapped, type OpenedModel } from './tappedModel';

export type { OpenedModel } from './tappedModel';

/**
 * Level the prepared file is optimized at. 'extended' fusions (attention, GELU, skip-LayerNorm,
 * dynamic-quantized MatMul) target onnxruntime's CPU kernels but not one processor; 'all' adds
 * layout changes that onnxruntime's documentation says may be specific to the hardware the file was
 * made on. The cache can outlive the machine (a copied profile), so the file stays at 'extended' and
 * the key holds what it depends on: onnxruntime's version, the level and the execution provider.
 */
const PREPARED_LEVEL = 'extended';
/** Bump when the tap or this file's format changes (2: the MLM head file; 3: its modification time; 4: the source's content key). */
const FORMAT = 4;

export interface OpenOptions {
  readonly onnxPath: string;
  readonly threads: number;
  /** Folder of prepared files; undefined = tap in memory every time. */
  readonly preparedDir?: string;
  /**
   * Content key of the ONNX file (`ModelContentKey.onnxKey`): a prepared file is used only for the
   * same bytes, whatever the source's path, size and mtime say. Default: its sampled hash alone
   * (benchmarks and tests that open a file directly).
   */
  readonly sourceKey?: string;
  /** Default onnxruntime-node; a runtime without `files` always opens the model in memory. */
  readonly runtime?: OnnxRuntime;
}

/** What is stored next to a prepared file. */
interface Meta {
  readonly format: number;
  readonly key: string;
  readonly size: number;
  /**
   * The prepared head file's size, modification time and kind; null when the model has no MLM head.
   * It is opened only on first use, so a damaged file must be told at load by these alone.
   */
  readonly head: { readonly size: number; readonly mtime: number; readonly quantized: boolean } | null;
  readonly taps: HiddenStateTaps;
  readonly shape: GraphShape;
}

export async function openModel(options: OpenOptions): Promise<OpenedModel> {
  const stat = await fs.stat(options.onnxPath).catch((cause: Error) => {
    throw new EngineError('model-not-found', `Cannot read ${options.onnxPath}: ${cause.message}`, { cause });
  });
  if (!stat.isFile()) throw new EngineError('model-not-found', `${options.onnxPath} is not a file.`);
  const runtime = options.runtime ?? nodeRuntime;
  if (!options.preparedDir || !runtime.files) return { ...(await inMemory(options, runtime)), warnings: [] };

  const source = path.resolve(options.onnxPath);
  const key = createHash('sha256')
    .update(JSON.stringify([FORMAT, options.sourceKey ?? (await sampledHash(source)), runtime.version, PREPARED_LEVEL, 'cpu']))
    .digest('hex')
    .slice(0, 16);
  // One prepared file per source file: a new key replaces the files of older ones.
  const prefix = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const file = path.join(options.preparedDir, `${prefix}-${key}.onnx`);
  const headFile = path.join(options.preparedDir, `${prefix}-${key}.head.onnx`);
  const metaFile = `${file}.json`;

  const warnings: string[] = [];
  const hit = await readMeta(metaFile, key);
  if (hit) {
    try {
      if ((await fs.stat(file)).size !== hit.size) throw new Error('size differs from when it was written');
      if (hit.head) {
        const stat = await fs.stat(headFile);
        if (stat.size !== hit.head.size || Math.trunc(stat.mtimeMs) !== hit.head.mtime) throw new Error('the head file changed since it was written');
      }
      // Already optimized: 'disabled' skips re-running the optimizers on 400 MB of graph.
      const session = await runtime.createSession(file, encoderSettings(options.threads, 'disabled'));
      const quantized = hit.head?.quantized;
      const head = quantized === undefined ? undefined : once(() => runtime.createSession(headFile, headSettings(options.threads, 'disabled', quantized)));
      return { session, ...(head && { head }), taps: hit.taps, shape: hit.shape, source: 'prepared', warnings };
    } catch (error) {
      warnings.push(`The prepared model ${file} was unusable (${(error as Error).message}); preparing it again.`);
    }
  }

  const built = await build(options, runtime, { file, headFile, metaFile }, prefix, key, warnings).catch((error: Error) => {
    if (error instanceof EngineError) throw error;
    warnings.push(`Could not write the prepared model to ${options.preparedDir} (${error.message}); loading from memory, which is slower.`);
    return undefined;
  });
  return { ...(built ?? (await inMemory(options, runtime))), warnings };
}

interface PreparedFiles {
  readonly file: string;
  readonly headFile: string;
  readonly metaFile: string;
}

/** Taps the source, has onnxruntime write the optimized graphs, and keeps the sessions made from them. */
async function build(options: OpenOptions, runtime: OnnxRuntime, files: PreparedFiles, prefix: string, key: string, warnings: string[]): Promise<Omit<OpenedModel, 'warnings'>> {
  const { file, headFile, metaFile } = files;
  await fs.mkdir(options.preparedDir!, { recursive: true });
  const stale = (await fs.readdir(options.preparedDir!)).filter((f) => f.startsWith(`${prefix}-`));
  await Promise.all(stale.map((f) => fs.rm(path.join(options.preparedDir!, f), { force: true })));

  const unique = `${process.pid}-${Date.now()}`;
  const tappedFile = `${file}.${unique}.tapped`;
  const optimizedFile = `${file}.${unique}.tmp`;
  const tappedHead = `${headFile}.${unique}.tapped`;
  const optimizedHead = `${headFile}.${unique}.tmp`;
  try {
    const { taps, shape, quantizedHead } = await writeTapped(options.onnxPath, tappedFile, tappedHead);
    collectGarbage();
    const session = await createSession(runtime, tappedFile, { ...encoderSettings(options.threads, PREPARED_LEVEL), optimizedModelFilePath: optimizedFile }, options.onnxPath);
    let head =
      quantizedHead === undefined
        ? undefined
        : await createSession(runtime, tappedHead, { ...headSettings(options.threads, PREPARED_LEVEL, quantizedHead), optimizedModelFilePath: optimizedHead }, options.onnxPath);
    let opener: (() => Promise<RuntimeSession>) | undefined = head && (() => Promise.resolve(head!));
    try {
      if (head) await fs.rename(optimizedHead, headFile);
      const headStat = head && (await fs.stat(headFile));
      const headMeta = headStat ? { size: headStat.size, mtime: Math.trunc(headStat.mtimeMs), quantized: quantizedHead! } : null;
      const meta: Meta = { format: FORMAT, key, size: (await fs.stat(optimizedFile)).size, head: headMeta, taps, shape };
      await fs.rename(optimizedFile, file);
      await fs.writeFile(metaFile, JSON.stringify(meta));
      // Kept on disk: opened again on first use, like a later load does.
      if (head) {
        await head.release();
        head = undefined;
        opener = once(() => runtime.createSession(headFile, headSettings(options.threads, 'disabled', quantizedHead!)));
      }
    } catch (error) {
      warnings.push(`Could not keep the prepared model ${file} (${(error as Error).message}); the next load prepares it again.`);
    }
    return { session, ...(opener && { head: opener }), taps, shape, source: 'built' };
  } finally {
    await Promise.all([tappedFile, optimizedFile, tappedHead, optimizedHead].map((f) => fs.rm(f, { force: true })));
  }
}

/** The tapped graph and its head written to files, so onnxruntime reads them itself and no JS copy outlives this call. */
async function writeTapped(onnxPath: string, tappedFile: string, headFile: string): Promise<Pick<OpenedModel, 'taps' | 'shape'> & { quantizedHead?: boolean }> {
  const { bytes, taps, shape, head } = tapHiddenStates(await readSource(onnxPath));
  await fs.writeFile(tappedFile, bytes);
  if (head) await fs.writeFile(headFile, head.bytes);
  return { taps, shape, ...(head && { quantizedHead: head.quantized }) };
}

/**
 * The decoded and re-encoded graph (two copies of the weights, 800+ MB at bert-base) is garbage once
 * written, but V8 does not know onnxruntime is about to allocate as much again: collected now, the
 * first load's peak RSS drops by that much. `--expose-gc` cannot be given to a worker thread, so
 * the flag is set at run time and `gc` taken from a fresh context.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function inMemory(options: OpenOptions, runtime: OnnxRuntime): Promise<Omit<OpenedModel, 'warnings'>> {
  return openTapped(await readSource(options.onnxPath), runtime, options.threads, options.onnxPath);
}

async function readSource(onnxPath: string): Promise<Uint8Array> {
  return fs.readFile(onnxPath).catch((cause: Error) => {
    throw new EngineError('model-not-found', `Cannot read ${onnxPath}: ${cause.message}`, { cause });
  });
}

async function readMeta(metaFile: string, key: string): Promise<Meta | undefined> {
  try {
    const meta = JSON.parse(await fs.readFile(metaFile, 'utf8')) as Meta;
    const valid =
      meta.format === FORMAT &&
      meta.key === key &&
      Array.isArray(meta.taps?.outputs) &&
      Number.isInteger(meta.shape?.layers) &&
      (meta.head === null || (Number.isInteger(meta.head?.size) && typeof meta.head.quantized === 'boolean'));
    return valid ? meta : undefined;
  } catch {
    return undefined;
  }
}
