/**
 * The content key of a model folder: what every cache of vectors made from it is keyed on (the
 * prepared model, sense indexes, WordNet vectors). Paths, sizes and modification times do not
 * identify a model: `cp -p`, `rsync -a` and `tar x` keep the mtime of a replaced file, and a
 * tokenizer.json can change while the ONNX file does not.
 *
 * Cheap enough for the first hover at bert-base scale (438 MB): the ONNX file is keyed on its size
 * and 16 blocks of 64 KB spread through it (head and tail included), the small files on all their
 * bytes. The sampled hash is remembered in `<cacheDir>/.model-keys.json` by path and file identity
 * (device, inode, size, mtime and ctime; ctime changes on every write, whatever a copy does to the
 * mtime). A full hash of the ONNX file, computed once per identity in the background
 * (`verifyOnnx`), catches what the samples miss: when two different files share a sampled hash,
 * that hash is no longer trusted alone and the full hash joins the key from then on.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isCancellation } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { ONNX_FILE, type ModelDtype } from '../shared/modelLayout';
import { writeFileAtomic } from './cacheFiles';

/** Bump when what the key covers changes, so older caches are not reused. */
const KEY_VERSION = 1;
/** Files besides the ONNX one that shape a vector: the tokenizer and the config it reads. */
const SMALL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
/** Entries the store keeps per table; the oldest go first. */
const STORE_LIMIT = 64;
const STORE_FILE = '.model-keys.json';

export interface SampleOptions {
  /** Blocks read, evenly spaced from the head to the tail (default 16). */
  readonly blocks?: number;
  /** Bytes per block (default 64 KB). */
  readonly blockSize?: number;
}

export interface ContentKeyOptions extends SampleOptions {
  /** Folder of `.model-keys.json`, the remembered hashes (the engine's `cacheDir`). */
  readonly cacheDir: string;
  readonly logger: Logger;
}

export interface ModelContentKey {
  /** Hex key over everything that shapes a vector: the dtype, the ONNX file, config and tokenizer. */
  readonly key: string;
  /** Hex key of the ONNX file alone (the prepared model depends on nothing else). */
  readonly onnxKey: string;
  /**
   * Hashes the whole ONNX file unless that was done for this version of it; logs and forgets the
   * sampled hash when another file shared it. Meant to run in the background after the load.
   */
  verifyOnnx(signal?: AbortSignal): Promise<void>;
}

/** What `.model-keys.json` holds. */
interface Store {
  readonly version: number;
  /** Per ONNX file path: the identity it had when hashed, its sampled hash and, once known, its full hash. */
  readonly files: Record<string, FileEntry>;
  /** The full hash first seen with each sampled hash; null once two different files shared it. */
  readonly fulls: Record<string, string | null>;
  /** Per model folder and dtype: the key of its last load and the hashes it was made of, to say what changed. */
  readonly models: Record<string, { readonly key: string; readonly parts: Record<string, string> }>;
}

interface FileEntry {
  readonly identity: string;
  readonly sampled: string;
  readonly full?: string;
}

/** The content key of the model in `folder` (files already checked to exist by `locateModel`). */
export async function modelContentKey(folder: string, dtype: ModelDtype, options: ContentKeyOptions): Promise<ModelContentKey> {
  const onnxName = ONNX_FILE[dtype];
  const onnxPath = path.resolve(folder, onnxName);
  const store = await readStore(options.cacheDir);
  const identity = await fileIdentity(onnxPath);
  let entry = store.files[onnxPath];
  if (entry?.identity !== identity) entry = { identity, sampled: await sampledHash(onnxPath, options) };
  if (store.fulls[entry.sampled] === null && !entry.full) {
    options.logger.info(`Hashing all of ${onnxPath}: another model file had the same sampled hash.`);
    entry = { ...entry, full: await fullHash(onnxPath) };
  }
  const onnxKey = store.fulls[entry.sampled] === null ? `${entry.sampled}:${entry.full}` : entry.sampled;

  const parts: Record<string, string> = { [onnxName]: onnxKey };
  for (const name of SMALL_FILES) parts[name] = await smallFileHash(path.join(folder, name));
  const key = createHash('sha256').update(JSON.stringify([KEY_VERSION, dtype, parts])).digest('hex').slice(0, 16);

  const model = `${path.resolve(folder)}|${dtype}`;
  const last = store.models[model];
  if (last && last.key !== key) {
    const changed = Object.keys(parts).filter((name) => last.parts[name] !== parts[name]);
    options.logger.info(`The files of ${folder} changed since its last load (${changed.join(', ')}): caches made from the old files are not used; they are built anew.`);
  }
  setEntry(store.files, onnxPath, entry);
  setEntry(store.models, model, { key, parts });
  await writeStore(options.cacheDir, store, options.logger);

  const known = entry;
  return {
    key,
    onnxKey: createHash('sha256').update(onnxKey).digest('hex').slice(0, 16),
    verifyOnnx: (signal) => (known.full ? Promise.resolve() : verify(onnxPath, known, options, signal)),
  };
}

/** The full hash of the ONNX file, compared with what other files of the same sampled hash had. */
async function verify(onnxPath: string, entry: FileEntry, options: ContentKeyOptions, signal?: AbortSignal): Promise<void> {
  let full: string;
  try {
    full = await fullHash(onnxPath, signal);
    // Replaced while it was read: the next load hashes the new file.
    if ((await fileIdentity(onnxPath)) !== entry.identity) return;
  } catch (error) {
    if (!isCancellation(error)) options.logger.debug(`Could not hash ${onnxPath} in full: ${(error as Error).message}`);
    return;
  }
  const store = await readStore(options.cacheDir);
  const seen = store.fulls[entry.sampled];
  if (seen !== undefined && seen !== null && seen !== full) {
    options.logger.warn(
      `${onnxPath} has the sampled hash of another model file but different weights: caches keyed on that hash may hold the other file's vectors. ` +
        'They are no longer used: the next load keys this file on its full hash and builds its caches anew.',
    );
    for (const [file, other] of Object.entries(store.files)) if (other.sampled === entry.sampled) delete store.files[file];
    setEntry(store.fulls, entry.sampled, null);
  } else if (seen === undefined) {
    setEntry(store.fulls, entry.sampled, full);
  }
  setEntry(store.files, onnxPath, { ...entry, full });
  await writeStore(options.cacheDir, store, options.logger);
}

/** sha256 over the size and `blocks` blocks spread evenly through the file, the first and last included. */
export async function sampledHash(file: string, options: SampleOptions = {}): Promise<string> {
  const { blocks = 16, blockSize = 64 * 1024 } = options;
  const handle = await fs.open(file);
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256').update(`size ${size}\n`);
    const buffer = Buffer.alloc(Math.min(blockSize, size));
    const last = size - buffer.length;
    for (let i = 0; i < blocks; i++) {
      const at = blocks === 1 ? 0 : Math.round((i * last) / (blocks - 1));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/** sha256 of the whole file, read in 1 MB chunks so other work on this thread waits at most one chunk's hashing. */
export async function fullHash(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** All of a small file's bytes; `absent` when there is none (tokenizer_config.json is optional). */
async function smallFileHash(file: string): Promise<string> {
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return bytes ? createHash('sha256').update(bytes).digest('hex') : 'absent';
}

/** Changes whenever the file's bytes can have: a write updates the ctime, a replacement the inode. */
async function fileIdentity(file: string): Promise<string> {
  const s = await fs.stat(file, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** A missing or unreadable store is an empty one: it only saves time. */
async function readStore(cacheDir: string): Promise<Store> {
  try {
    const store = JSON.parse(await fs.readFile(path.join(cacheDir, STORE_FILE), 'utf8')) as Store;
    const tables = [store.files, store.fulls, store.models];
    if (store.version === KEY_VERSION && tables.every((t) => typeof t === 'object' && t !== null && !Array.isArray(t))) {
      return { version: KEY_VERSION, files: { ...store.files }, fulls: { ...store.fulls }, models: { ...store.models } };
    }
  } catch {
    // Rebuilt below.
  }
  return { version: KEY_VERSION, files: {}, fulls: {}, models: {} };
}

async function writeStore(cacheDir: string, store: Store, logger: Logger): Promise<void> {
  await writeFileAtomic(path.join(cacheDir, STORE_FILE), JSON.stringify(store)).catch((error: Error) =>
    logger.debug(`Could not remember the model's hashes in ${cacheDir}: ${error.message}`),
  );
}

/** Sets `key` as the newest entry of `table`, dropping the oldest beyond `STORE_LIMIT`. */
function setEntry<T>(table: Record<string, T>, key: string, value: T): void {
  delete table[key];
  table[key] = value;
  const keys = Object.keys(table);
  for (const old of keys.slice(0, Math.max(0, keys.length - STORE_LIMIT))) delete table[old];
}
