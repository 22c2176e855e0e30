/**
 * The engine's file calls in the web, from its Web Worker to the extension host over a
 * `MessageChannel` (the worker has no `vscode`): `src/web/hostFiles.ts` asks, `src/web/fileService.ts`
 * answers with `vscode.workspace.fs`. Paths are POSIX paths of the host's URIs (workspace folders,
 * global storage, the extension's folder).
 */
export type FileRequest =
  | { readonly op: 'readFile'; readonly path: string }
  | { readonly op: 'writeFile'; readonly path: string; readonly data: Uint8Array }
  | { readonly op: 'stat'; readonly path: string }
  | { readonly op: 'readdir'; readonly path: string }
  | { readonly op: 'mkdir'; readonly path: string }
  | { readonly op: 'rm'; readonly path: string; readonly recursive: boolean }
  | { readonly op: 'rename'; readonly path: string; readonly to: string; readonly overwrite: boolean }
  | HandleRequest;

/**
 * Ranged reads (a sampled hash, WordNet's data files): `workspace.fs` has none, so `open` reads the
 * file once on the host, which answers each `read` from it until `close` drops it. The worker holds
 * only the ranges it asked for.
 */
export type HandleRequest =
  | { readonly op: 'open'; readonly path: string }
  | { readonly op: 'read'; readonly handle: number; readonly position: number; readonly length: number }
  | { readonly op: 'close'; readonly handle: number };

/** What `open` answers. */
export interface OpenedFile {
  readonly handle: number;
  readonly stat: FileStat;
}

export interface FileStat {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtime: number;
  readonly ctime: number;
}

export type FileMessage = { readonly id: number } & FileRequest;

/** `code` is Node's errno name (ENOENT, EEXIST…), so the engine's `error.code` checks hold in the web. */
export type FileReply = { readonly id: number } & ({ readonly value: unknown } | { readonly error: { readonly message: string; readonly code?: string } });

/** The message that hands the worker its end of the channel, before any engine call. */
export interface FilesPortMessage {
  readonly engineFiles: unknown;
}

export function isFilesPortMessage(data: unknown): data is FilesPortMessage {
  return typeof data === 'object' && data !== null && 'engineFiles' in data;
}
