/**
 * The part of `node:fs/promises` the engine uses, for its Web Worker: each call is asked of the
 * extension host (`src/web/fileService.ts`, `vscode.workspace.fs`) over the port the host hands the
 * worker first. esbuild.mjs puts this module in place of `node:fs/promises` in the web engine's
 * bundle, so the engine's file code is the desktop's.
 */
import type { FileMessage, FileReply, FileRequest, FileStat } from './filesProtocol';

/** What this file needs of a `MessagePort` (the project's TypeScript has no DOM library). */
export interface FilesPort {
  postMessage(message: unknown): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

let port: FilesPort | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

/** Called by src/web/engineWorker.ts with the host's port. */
export function connectHostFiles(hostPort: FilesPort): void {
  port = hostPort;
  port.onmessage = ({ data }) => {
    const reply = data as FileReply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(Object.assign(new Error(reply.error.message), reply.error.code && { code: reply.error.code }));
    else waiting.resolve(reply.value);
  };
}

function ask<T>(request: FileRequest): Promise<T> {
  if (!port) return Promise.reject(new Error('The engine has no file access in this window yet.'));
  const id = nextId++;
  const message: FileMessage = { id, ...request };
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    port!.postMessage(message);
  });
}

const utf8 = new TextDecoder();

type Encoding = 'utf8' | 'utf-8' | { readonly encoding?: string | null } | undefined;
const isText = (encoding: Encoding) => (typeof encoding === 'string' ? encoding : encoding?.encoding) != null;

export function readFile(path: string): Promise<Uint8Array>;
export function readFile(path: string, encoding: 'utf8' | 'utf-8' | { readonly encoding: string }): Promise<string>;
export async function readFile(path: string, encoding?: Encoding): Promise<Uint8Array | string> {
  const bytes = await ask<Uint8Array>({ op: 'readFile', path: String(path) });
  return isText(encoding) ? utf8.decode(bytes) : bytes;
}

export async function writeFile(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  await ask({ op: 'writeFile', path: String(path), data: bytes });
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

export async function rename(from: string, to: string): Promise<void> {
  await ask({ op: 'rename', path: String(from), to: String(to) });
}

/** The web has no links to resolve. */
export async function realpath(path: string): Promise<string> {
  await stat(path);
  return path;
}

/** The web's files have no modes. */
export async function chmod(): Promise<void> {}

/**
 * A read-only handle for the engine's sampled reads (`contentKey.ts`, WordNet's index): the host
 * has no ranged reads, so the file is read once, whole, when first read.
 */
export async function open(path: string) {
  const s = await stat(path);
  let bytes: Promise<Uint8Array> | undefined;
  return {
    stat: async () => s,
    async read(buffer: Uint8Array, offset: number, length: number, position: number) {
      const all = await (bytes ??= readFile(path));
      const chunk = all.subarray(position, Math.min(all.length, position + length));
      buffer.set(chunk, offset);
      return { bytesRead: chunk.length, buffer };
    },
    async readFile(encoding?: Encoding) {
      const all = await (bytes ??= readFile(path));
      return isText(encoding) ? utf8.decode(all) : all;
    },
    close: async () => undefined,
  };
}

export default { readFile, writeFile, stat, lstat, access, readdir, mkdir, rm, unlink, rename, realpath, chmod, open };
