import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { EngineError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { isHubId, MODEL_FILES, ONNX_FILE, type ModelDtype } from '../shared/modelLayout';
import { expandHome } from '../shared/settings';

export type { ModelDtype };

export interface ModelLocation {
  /** The model's folder (a hub model's in the cache), what Transformers.js' `from_pretrained` gets. */
  readonly pathOrId: string;
  /** A folder the user chose, not a hub model's cache. */
  readonly isLocal: boolean;
  /** Absolute path of the ONNX file to load. */
  readonly onnxPath: string;
}

export interface ModelFilesOptions {
  readonly model: string;
  readonly dtype: ModelDtype;
  /** Where hub models are cached, one folder each (`<cacheDir>/<owner>/<name>/`). */
  readonly cacheDir: string;
  readonly allowNetwork: boolean;
  readonly remoteHost?: string;
  readonly signal?: AbortSignal;
  readonly onDownload?: (file: string, loaded: number, total: number | undefined) => void;
  readonly logger: Logger;
}


/** A local folder when the setting looks like a path, else a hub id. */
export function isLocalModel(model: string): boolean {
  return path.isAbsolute(model) || model.startsWith('.') || model.startsWith('~') || !isHubId(model);
}

/** The model's folder: the setting's path for a local model, its folder in `cacheDir` for a hub id. */
export function modelFolder(model: string, cacheDir: string): string {
  return isLocalModel(model) ? path.resolve(expandHome(model)) : path.join(cacheDir, model);
}

/** Where hub models come from unless `remoteHost` says otherwise. */
const HUB_HOST = 'https://huggingface.co/';

/**
 * Files of a hub model: fetched here into `<cacheDir>/<model>/`, which then is a local model folder
 * for Transformers.js, so it never fetches anything itself and none of its process-wide `env` is
 * set (two engines with different caches or hosts can share a process).
 */
const HUB_FILES = [...MODEL_FILES, 'tokenizer_config.json'] as const;

/**
 * The model's folder and ONNX file. A hub model's files are downloaded into `<cacheDir>/<model>/`
 * (Transformers.js' cache layout) when they are not cached yet.
 */
export async function locateModel(options: ModelFilesOptions): Promise<ModelLocation> {
  const file = ONNX_FILE[options.dtype];
  const folder = modelFolder(options.model, options.cacheDir);
  if (isLocalModel(options.model)) {
    const onnxPath = path.join(folder, file);
    const missing = await firstMissing(folder, [...MODEL_FILES, file]);
    if (missing) {
      throw new EngineError(
        'model-not-found',
        `Model folder ${folder} has no ${missing}. A model folder needs config.json, tokenizer.json and ${file} (Transformers.js layout).`,
      );
    }
    await refuseEmpty(folder);
    return { pathOrId: folder, isLocal: true, onnxPath };
  }

  for (const name of [...HUB_FILES, file]) {
    const target = path.join(folder, name);
    if (await exists(target)) continue;
    if (!options.allowNetwork) {
      throw new EngineError(
        'offline',
        `Model ${options.model} (${name}) is not cached and network access is off. Allow network access once, or choose a local model folder.`,
      );
    }
    await download(remoteUrl(options.model, name, options.remoteHost), target, options);
  }
  await refuseEmpty(folder);
  return { pathOrId: folder, isLocal: false, onnxPath: path.join(folder, file) };
}

/**
 * An empty config.json or tokenizer.json is named here: parsed by Transformers.js, an empty file
 * gives an error quoting whatever its pooled buffer held before (other memory, different every run).
 */
async function refuseEmpty(folder: string): Promise<void> {
  for (const name of MODEL_FILES) {
    const file = path.join(folder, name);
    if ((await fs.stat(file)).size === 0) throw new EngineError('model-corrupt', `${file} is an empty file. Restore it from the model's source, or choose another model.`);
  }
}

/** `<host>/<model>/resolve/main/<file>`, the hub's URL of a file. */
function remoteUrl(model: string, file: string, host = HUB_HOST): string {
  return new URL(`${model}/resolve/main/${file}`, host.endsWith('/') ? host : `${host}/`).toString();
}

/**
 * Writes the body chunk by chunk to a temporary file and renames it when complete, so an interrupted
 * download never looks complete. Only `fetch` and a file handle: in the web's engine the handle is
 * the extension host's (src/web/hostFiles.ts), which has no streaming write and writes on close.
 */
async function download(url: string, destination: string, options: ModelFilesOptions): Promise<void> {
  const name = path.basename(destination);
  options.logger.info(`Downloading ${url}`);
  await fs.mkdir(path.dirname(destination), { recursive: true });
  const partial = `${destination}.${process.pid}.partial`;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let file: fs.FileHandle | undefined;
  let loaded = 0;
  let total: number | undefined;
  try {
    const response = await fetch(url, { signal: options.signal });
    if (!response.ok || !response.body) {
      throw new EngineError('download-failed', `Download of ${url} failed: HTTP ${response.status} ${response.statusText}.`);
    }
    total = Number(response.headers.get('content-length')) || undefined;
    reader = response.body.getReader();
    file = await fs.open(partial, 'w');
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      await file.write(chunk.value);
      loaded += chunk.value.length;
      options.onDownload?.(name, loaded, total);
    }
    await file.close();
    file = undefined;
    if (total !== undefined && loaded !== total) {
      throw new EngineError('download-failed', `Download of ${url} stopped after ${loaded} of ${total} bytes.`);
    }
    await fs.rename(partial, destination);
  } catch (error) {
    await reader?.cancel().catch(() => undefined);
    await file?.close().catch(() => undefined);
    await fs.rm(partial, { force: true });
    if (error instanceof EngineError) throw error;
    if (options.signal?.aborted) throw new EngineError('cancelled', 'Download cancelled.', { cause: error });
    const stopped = reader && total !== undefined ? ` after ${loaded} of ${total} bytes` : '';
    throw new EngineError('download-failed', `Download of ${url} failed${stopped}: ${(error as Error).message}`, { cause: error });
  }
}

async function firstMissing(folder: string, files: readonly string[]): Promise<string | undefined> {
  for (const f of files) if (!(await exists(path.join(folder, f)))) return f;
  return undefined;
}

/** Only a regular file counts: a directory named `model.onnx` would otherwise end in a raw EISDIR. */
async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (stat) => stat.isFile(),
    () => false,
  );
}
