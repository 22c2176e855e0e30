/**
 * Paths in and of the workspace's taught-senses file, which comes with the workspace and so may
 * come from anyone: its examples' sources open only files of the workspace, and the file is used
 * only where it really is inside the workspace (a linked `.vscode/` must not send writes elsewhere).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** What an example's `source.file` opens: a file of the workspace, or why it is refused. */
export type SourceTarget = { readonly uri: vscode.Uri } | { readonly refused: string };

/**
 * The example's source as a URI. Sources in the workspace file must be workspace-relative paths
 * (or URIs inside the folder, as older versions wrote them); the user's own file is theirs, so its
 * URIs open as written.
 */
export function sourceTarget(file: string, fromWorkspaceFile: boolean, folder: vscode.Uri | undefined): SourceTarget {
  if (!/^[a-z][\w+.-]*:/i.test(file) && !path.isAbsolute(file)) {
    const relative = path.posix.normalize(file.replace(/\\/g, '/'));
    if (!folder || relative === '..' || relative.startsWith('../')) return { refused: `${file} is not a file of this workspace` };
    return { uri: vscode.Uri.joinPath(folder, relative) };
  }
  const uri = path.isAbsolute(file) ? vscode.Uri.file(file) : vscode.Uri.parse(file, true);
  if (!fromWorkspaceFile || (folder && inside(uri, folder))) return { uri };
  return { refused: `${file} is not a file of this workspace (the workspace's taught-senses file opens only its own files)` };
}

/** How a document is named as a taught example's source: relative to the folder when written into the workspace's file. */
export function sourceName(document: vscode.Uri, toWorkspaceFile: boolean, folder: vscode.Uri | undefined): string {
  return toWorkspaceFile && folder && inside(document, folder) ? path.posix.relative(folder.path, document.path) : document.toString();
}

/**
 * Why the workspace's taught-senses file must not be used, or undefined: its folder or the file is
 * a link out of the workspace. Only local files have links to follow.
 */
export function linkedOutside(file: vscode.Uri, folder: vscode.Uri): string | undefined {
  if (file.scheme !== 'file' || folder.scheme !== 'file') return undefined;
  const root = realpath(folder.fsPath);
  for (const p of [path.dirname(file.fsPath), file.fsPath]) {
    const real = realpath(p);
    if (root && real && real !== root && !real.startsWith(root + path.sep)) return `${p} is a link to ${real}, outside the workspace`;
  }
  return undefined;
}

function inside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.scheme === folder.scheme && uri.authority === folder.authority && path.posix.normalize(uri.path).startsWith(base);
}

/** The real path, or undefined when it does not exist (nothing to follow yet). */
function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
