import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '@huggingface/transformers';
import { EngineError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { isHubId, MODEL_FILES, ONNX_FILE, type ModelDtype } from '../shared/modelLayout';

export type { ModelDtype };

export interface ModelLocation {
  /** What Transformers.js' `from_pretrained` gets: a local folder or a hub id. */
  readonly pathOrId: string;
  readonly isLocal: boolean;
  /** Absolute path of the ONNX file to load. */
  readonly onnxPath: string;
}

export interface ModelFilesOptions {
  readonly model: string;
  readonly dtype: ModelDtype;
  /** Folder of Transformers.js' file cache for hub models. */
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

/**
 * Points Transformers.js at our cache and network policy. Its `env` is process-wide, so this is the
 * one place that sets it.
 */
export function configureHub(options: Pick<ModelFilesOptions, 'cacheDir' | 'allowNetwork' | 'remoteHost'>): void {
  env.cacheDir = options.cacheDir;
  env.useFSCache = true;
  env.useBrowserCache = false;
  env.allowRemoteModels = options.allowNetwork;
  env.allowLocalModels = true;
  // Hub ids must never resolve against a folder of the working directory.
  env.localModelPath = path.join(options.cacheDir, '.no-local-models');
  if (options.remoteHost) env.remoteHost = options.remoteHost.endsWith('/') ? options.remoteHost : `${options.remoteHost}/`;
}

/**
 * Finds the model's ONNX file, downloading it into Transformers.js' cache layout when it is a hub
 * model that is not cached yet. Tokenizer and config are fetched by Transformers.js itself.
 */
export async function locateModel(options: ModelFilesOptions): Promise<ModelLocation> {
  const file = ONNX_FILE[options.dtype];
  if (isLocalModel(options.model)) {
    const folder = path.resolve(options.model.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~'));
    const onnxPath = path.join(folder, file);
    const missing = await firstMissing(folder, [...MODEL_FILES, file]);
    if (missing) {
      throw new EngineError(
        'model-not-found',
        `Model folder ${folder} has no ${missing}. A model folder needs config.json, tokenizer.json and ${file} (Transformers.js layout).`,
      );
    }
    return { pathOrId: folder, isLocal: true, onnxPath };
  }

  const onnxPath = path.join(options.cacheDir, options.model, file);
  if (!(await exists(onnxPath))) {
    if (!options.allowNetwork) {
      throw new EngineError(
        'offline',
        `Model ${options.model} (${file}) is not cached and network access is off. Allow network access once, or choose a local model folder.`,
      );
    }
    await download(remoteUrl(options.model, file), onnxPath, options);
  }
  return { pathOrId: options.model, isLocal: false, onnxPath };
}

function remoteUrl(model: string, file: string): string {
  const template = env.remotePathTemplate.replaceAll('{model}', model).replaceAll('{revision}', 'main');
  return new URL(`${template}${template.endsWith('/') ? '' : '/'}${file}`, env.remoteHost).toString();
}

/** Streams to a temporary file and renames it, so an interrupted download never looks complete. */
async function download(url: string, destination: string, options: ModelFilesOptions): Promise<void> {
  const name = path.basename(destination);
  options.logger.info(`Downloading ${url}`);
  await fs.mkdir(path.dirname(destination), { recursive: true });
  const partial = `${destination}.${process.pid}.partial`;
  try {
    const response = await fetch(url, { signal: options.signal });
    if (!response.ok || !response.body) {
      throw new EngineError('download-failed', `Download of ${url} failed: HTTP ${response.status} ${response.statusText}.`);
    }
    const total = Number(response.headers.get('content-length')) || undefined;
    let loaded = 0;
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      loaded += chunk.length;
      options.onDownload?.(name, loaded, total);
    });
    await pipeline(body, createWriteStream(partial), { signal: options.signal });
    if (total !== undefined && loaded !== total) {
      throw new EngineError('download-failed', `Download of ${url} stopped after ${loaded} of ${total} bytes.`);
    }
    await fs.rename(partial, destination);
  } catch (error) {
    await fs.rm(partial, { force: true });
    if (error instanceof EngineError) throw error;
    if (options.signal?.aborted) throw new EngineError('cancelled', 'Download cancelled.', { cause: error });
    throw new EngineError('download-failed', `Download of ${url} failed: ${(error as Error).message}`, { cause: error });
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
