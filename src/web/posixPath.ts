/**
 * `node:path` for the web bundles (esbuild.mjs maps it here): POSIX paths only, which is what
 * `Uri.fsPath` of a browser's extension host gives (`vscode-remote://host/work/x` → `/work/x`).
 * Only the functions the bundled code calls; the rest of Node's built-ins stay out of the web build.
 */
export const sep = '/';
export const delimiter = ':';

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  const absolute = isAbsolute(p);
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function join(...paths: string[]): string {
  return normalize(paths.filter((p) => p !== '').join('/'));
}

/** Relative paths resolve against `/` (a Web Worker has no working directory). */
export function resolve(...paths: string[]): string {
  let resolved = '';
  for (const p of paths) resolved = isAbsolute(p) ? p : `${resolved}/${p}`;
  return normalize(isAbsolute(resolved) ? resolved : `/${resolved}`);
}

/** Like Node's: the path as written, without normalizing it. */
export function dirname(p: string): string {
  const trimmed = p.replace(/(.)\/+$/, '$1');
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return '.';
  return trimmed.slice(0, at).replace(/\/+$/, '') || '/';
}

export function basename(p: string, ext?: string): string {
  const base = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(p: string): string {
  const base = basename(p);
  const at = base.lastIndexOf('.');
  return at <= 0 || base === '..' ? '' : base.slice(at);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
export default posix;
