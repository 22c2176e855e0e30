/**
 * The part of `node:fs/promises` the engine uses, for its Web Worker: each call is asked of the
 * extension host (`src/web/fileService.ts`, `vscode.workspace.fs`) over the port the host hands the
 * worker first. esbuild.mjs puts this module in place of `node:fs/promises` in the web engine's
 * bundle, so the engine's file code is the desktop's.
 */
import type { FileMessage, FileReply, FileRequest, FileStat, OpenedFile } from './filesProtocol';
import { Buffer } from './node/buffer';

/** What this file needs of a `MessagePort` (the project's TypeScript has no DOM library). */
export interface FilesPort {
  postMessage(message: unknown, transfer?: unknown[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

let connect!: (port: FilesPort) => void;
/**
 * The host's port, which comes as the worker's first message: the engine reads files as soon as it
 * is made (its taught senses), before that message is taken off the worker's port, so those calls wait.
 */
const port = new Promise<FilesPort>((resolve) => (connect = resolve));
let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

/** Called by src/web/engineWorker.ts with the host's port. */
export function connectHostFiles(hostPort: FilesPort): void {
  connect(hostPort);
  hostPort.onmessage = ({ data }) => {
    const reply = data as FileReply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(Object.assign(new Error(reply.error.message), reply.error.code && { code: reply.error.code }));
    else waiting.resolve(reply.value);
  };
}

/** `transfer`: buffers of the request handed over to the host rather than copied. */
async function ask<T>(request: FileRequest, transfer: unknown[] = []): Promise<T> {
  const host = await port;
  const id = nextId++;
  const message: FileMessage = { id, ...request };
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    host.postMessage(message, transfer);
  });
}

const utf8 = new TextDecoder();

type Encoding = 'utf8' | 'utf-8' | { readonly encoding?: string | null } | undefined;
const isText = (encoding: Encoding) => (typeof encoding === 'string' ? encoding : encoding?.encoding) != null;

/** Bytes as a `Buffer` (the bundle's, src/web/node/buffer.ts), as Node's gives: WordNet's index search and the caches' readers call its methods. */
export function readFile(path: string): Promise<Buffer>;
export function readFile(path: string, encoding: 'utf8' | 'utf-8' | { readonly encoding: string }): Promise<string>;
export async function readFile(path: string, encoding?: Encoding): Promise<Buffer | string> {
  const bytes = await ask<Uint8Array>({ op: 'readFile', path: String(path) });
  return isText(encoding) ? utf8.decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export async function writeFile(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  await ask({ op: 'writeFile', path: String(path), data: bytes }, [bytes.buffer]);
}

/** Node's `Stats` as far as the engine reads it: the web has no device or inode numbers (0). */
function stats(s: FileStat, bigint: boolean) {
  const n = (value: number) => (bigint ? BigInt(Math.trunc(value)) : value);
  return {
    size: n(s.size),
    mtimeMs: n(s.mtime),
    ctimeMs: n(s.ctime),
    mtimeNs: BigInt(Math.trunc(s.mtime)) * 1_000_000n,
    ctimeNs: BigInt(Math.trunc(s.ctime)) * 1_000_000n,
    mtime: new Date(s.mtime),
    dev: n(0),
    ino: n(0),
    isFile: () => s.type === 'file',
    isDirectory: () => s.type === 'directory',
  };
}

export async function stat(path: string, options?: { readonly bigint?: boolean }) {
  return stats(await ask<FileStat>({ op: 'stat', path: String(path) }), options?.bigint === true);
}

export const lstat = stat;

export async function access(path: string): Promise<void> {
  await stat(path);
}

export function readdir(path: string): Promise<string[]> {
  return ask<string[]>({ op: 'readdir', path: String(path) });
}

/** Always recursive: `workspace.fs.createDirectory` makes the parents too. */
export async function mkdir(path: string): Promise<undefined> {
  await ask({ op: 'mkdir', path: String(path) });
  return undefined;
}

export async function rm(path: string, options?: { readonly recursive?: boolean; readonly force?: boolean }): Promise<void> {
  try {
    await ask({ op: 'rm', path: String(path), recursive: options?.recursive === true });
  } catch (error) {
    if (!(options?.force && (error as { code?: string }).code === 'ENOENT')) throw error;
  }
}

export const unlink = (path: string) => rm(path);

/** Replaces `to` as Node's does, unless `overwrite` is false: then it fails when `to` exists (src/web/storeLock.ts). */
export async function rename(from: string, to: string, options?: { readonly overwrite?: boolean }): Promise<void> {
  await ask({ op: 'rename', path: String(from), to: String(to), overwrite: options?.overwrite !== false });
}

/** The web has no links to resolve. */
export async function realpath(path: string): Promise<string> {
  await stat(path);
  return path;
}

/** The web's files have no modes. */
export async function chmod(): Promise<void> {}

/** A handle to read ranges of a file (`r`, the default) or to write one (`w`). */
export function open(path: string, flags?: 'r'): ReturnType<typeof readHandle>;
export function open(path: string, flags: 'w'): Promise<ReturnType<typeof writeHandle>>;
export async function open(path: string, flags: 'r' | 'w' = 'r') {
  return flags === 'w' ? writeHandle(String(path)) : readHandle(String(path));
}

/**
 * For the engine's sampled reads (`contentKey.ts`, WordNet's data files): the host reads the file
 * once and answers each range (src/web/filesProtocol.ts `HandleRequest`), so no copy of a 200 MB
 * ONNX file is kept here.
 */
async function readHandle(path: string) {
  const { handle, stat: s } = await ask<OpenedFile>({ op: 'open', path });
  const range = (position: number, length: number) => ask<Uint8Array>({ op: 'read', handle, position, length });
  return {
    stat: async () => stats(s, false),
    async read(buffer: Uint8Array, offset: number, length: number, position: number) {
      const chunk = await range(position, length);
      buffer.set(chunk, offset);
      return { bytesRead: chunk.length, buffer };
    },
    async readFile(encoding?: Encoding) {
      const all = await range(0, s.size);
      return isText(encoding) ? utf8.decode(all) : Buffer.from(all.buffer, all.byteOffset, all.length);
    },
    close: () => ask<void>({ op: 'close', handle }),
  };
}

/**
 * For downloads (`modelFiles.ts`): `workspace.fs` has no streaming write, so the chunks are kept here
 * and written as one file when the handle closes (the caller writes to a temporary name and renames).
 */
function writeHandle(path: string) {
  let chunks: Uint8Array[] | undefined = [];
  let size = 0;
  return {
    async write(data: Uint8Array) {
      if (!chunks) throw new Error(`${path} is closed.`);
      chunks.push(data.slice());
      size += data.length;
      return { bytesWritten: data.length, buffer: data };
    },
    async close() {
      if (!chunks) return;
      const all = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        all.set(chunk, at);
        at += chunk.length;
      }
      chunks = undefined;
      await ask({ op: 'writeFile', path, data: all }, [all.buffer]);
    },
  };
}

export default { readFile, writeFile, stat, lstat, access, readdir, mkdir, rm, unlink, rename, realpath, chmod, open };
