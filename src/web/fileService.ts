/**
 * The extension host's side of the engine's file calls in the web (src/web/filesProtocol.ts):
 * `vscode.workspace.fs` on the URI a path names. A path is a POSIX path of the workspace's, the
 * global storage's or the extension's URIs, which in a browser are what `Uri.fsPath` gave the engine.
 */
import * as vscode from 'vscode';
import type { FileMessage, FileReply, FileStat, OpenedFile } from './filesProtocol';
import { keptFile, type KeptFile } from './keptFile';

/** What this file needs of a `MessagePort` (the project's TypeScript has no DOM library). */
interface Port {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

/** Answers the engine's file calls on `port` with `workspace.fs`, under the roots the extension knows. */
export function serveFiles(port: Port, roots: () => readonly vscode.Uri[]): void {
  // The files of this worker's open handles; they go with the port when the worker is restarted.
  const opened = new Map<number, Uint8Array>();
  let nextHandle = 1;
  const kept = keptFile({ read: (key) => vscode.workspace.fs.readFile(vscode.Uri.parse(key)), stat: (key) => stat(vscode.Uri.parse(key)) });
  port.onmessage = ({ data }) => {
    const message = data as FileMessage;
    answer(message, roots(), opened, kept, () => nextHandle++).then(
      ([value, transfer]) => port.postMessage({ id: message.id, value } satisfies FileReply, transfer),
      (error: unknown) => port.postMessage({ id: message.id, error: { message: (error as Error).message ?? String(error), ...errno(error) } } satisfies FileReply),
    );
  };
}

/** The URI of `path`: under the longest root it is in, else on the first root's file system. */
export function uriOf(path: string, roots: readonly vscode.Uri[]): vscode.Uri {
  const inside = roots.filter((root) => path === root.path || path.startsWith(root.path.endsWith('/') ? root.path : `${root.path}/`));
  const root = inside.sort((a, b) => b.path.length - a.path.length)[0] ?? roots[0];
  return root ? root.with({ path }) : vscode.Uri.file(path);
}

async function answer(message: FileMessage, roots: readonly vscode.Uri[], opened: Map<number, Uint8Array>, kept: KeptFile, newHandle: () => number): Promise<[unknown, unknown[]]> {
  const fs = vscode.workspace.fs;
  if (message.op === 'read' || message.op === 'close') {
    const bytes = opened.get(message.handle);
    if (!bytes) throw new Error(`No open file ${message.handle}.`);
    if (message.op === 'close') {
      opened.delete(message.handle);
      return [undefined, []];
    }
    const range = bytes.slice(message.position, message.position + message.length);
    return [range, [range.buffer]];
  }
  const uri = uriOf(message.path, roots);
  switch (message.op) {
    case 'open': {
      const { stat: s, bytes } = await kept.open(uri.toString());
      const handle = newHandle();
      opened.set(handle, bytes);
      return [{ handle, stat: s } satisfies OpenedFile, []];
    }
    case 'readFile': {
      const { bytes, shared } = await kept.readFile(uri.toString());
      // The kept copy stays for the next read: the worker gets its own.
      const own = shared ? bytes.slice() : bytes;
      return [own, [own.buffer]];
    }
    case 'writeFile':
      kept.forget(uri.toString());
      await fs.writeFile(uri, message.data);
      return [undefined, []];
    case 'stat':
      return [await stat(uri), []];
    case 'readdir':
      return [(await fs.readDirectory(uri)).map(([name]) => name), []];
    case 'mkdir':
      await fs.createDirectory(uri);
      return [undefined, []];
    case 'rm':
      kept.forget(uri.toString());
      await fs.delete(uri, { recursive: message.recursive, useTrash: false });
      return [undefined, []];
    case 'rename':
      kept.forget(uri.toString());
      kept.forget(uriOf(message.to, roots).toString());
      await fs.rename(uri, uriOf(message.to, roots), { overwrite: message.overwrite });
      return [undefined, []];
  }
}

async function stat(uri: vscode.Uri): Promise<FileStat> {
  const s = await vscode.workspace.fs.stat(uri);
  const type = s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : 'other';
  return { type, size: s.size, mtime: s.mtime, ctime: s.ctime };
}

/** Node's errno name for a `FileSystemError`, which the engine's checks read (`error.code === 'ENOENT'`). */
function errno(error: unknown): { code?: string } {
  const code = (error as { code?: string }).code;
  const names: Record<string, string> = { FileNotFound: 'ENOENT', FileExists: 'EEXIST', FileNotADirectory: 'ENOTDIR', FileIsADirectory: 'EISDIR', NoPermissions: 'EACCES' };
  return code && names[code] ? { code: names[code] } : {};
}
