/**
 * The host's copy of the last file the engine opened for ranged reads (src/web/fileService.ts): the
 * engine reads an ONNX file three times in a load, its sampled hash (`open`), the session's bytes
 * (`readFile`) and the background full hash (`open`), and `workspace.fs` can only read whole files.
 * In a browser each whole read crosses the remote file system's connection (about 20 s for a 200 MB
 * file in code-server: docs/web.md), and a read in flight holds up the engine's other file calls.
 * The copy is used while the file's size and times are those it was read with, and dropped once it
 * has gone unused for a while, a write to it, a rename or a removal.
 */
import type { FileStat } from './filesProtocol';

export interface KeptFileOptions {
  readonly read: (key: string) => PromiseLike<Uint8Array>;
  readonly stat: (key: string) => PromiseLike<FileStat>;
  /** How long the copy outlives its last use (default 30 s: a load's reads come within seconds). */
  readonly keepMs?: number;
}

export interface KeptFile {
  /** Reads the file and keeps the copy; the kept copy itself while the file is unchanged (shared: not to be changed). */
  open(key: string): Promise<{ readonly bytes: Uint8Array; readonly stat: FileStat }>;
  /** The file's bytes: the kept copy (`shared`) while the file is unchanged, else a read that is not kept. */
  readFile(key: string): Promise<{ readonly bytes: Uint8Array; readonly shared: boolean }>;
  /** Drops the copy if `key` is its file or a folder holding it (a write, rename or removal there). */
  forget(key: string): void;
}

const sameFile = (a: FileStat, b: FileStat) => a.size === b.size && a.mtime === b.mtime && a.ctime === b.ctime;

/** Keys are URIs' `toString()`: a folder's holds its files' (`<folder>/…`). */
export function keptFile({ read, stat, keepMs = 30_000 }: KeptFileOptions): KeptFile {
  let kept: { readonly key: string; readonly stat: FileStat; readonly bytes: Uint8Array } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drop = () => {
    kept = undefined;
    clearTimeout(timer);
    timer = undefined;
  };
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(drop, keepMs);
  };
  /** The kept copy of `key` with its current stat, if the file still has the stat it was read with. */
  const current = async (key: string) => {
    if (kept?.key !== key) return undefined;
    const s = await stat(key);
    // Read again, as the copy may have been dropped or replaced meanwhile.
    if (kept?.key !== key || !sameFile(kept.stat, s)) return undefined;
    touch();
    return { bytes: kept.bytes, stat: s };
  };
  return {
    async open(key) {
      const hit = await current(key);
      if (hit) return hit;
      const [s, bytes] = await Promise.all([stat(key), read(key)]);
      kept = { key, stat: s, bytes };
      touch();
      return { bytes, stat: s };
    },
    async readFile(key) {
      const hit = await current(key);
      return hit ? { bytes: hit.bytes, shared: true } : { bytes: await read(key), shared: false };
    },
    forget(key) {
      if (kept && (kept.key === key || kept.key.startsWith(key.endsWith('/') ? key : `${key}/`))) drop();
    },
  };
}
