/**
 * Makes `require('vscode')` (what `import * as vscode from 'vscode'` compiles to) resolve to the
 * fake in ./vscode.ts. Import this first, before any src/vscode module.
 */
import Module from 'node:module';
import * as path from 'node:path';

export const FAKE_VSCODE = path.resolve(__dirname, 'vscode.ts');

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolve._resolveFilename;

const patched: Resolve = function (this: unknown, request, ...rest) {
  return request === 'vscode' ? FAKE_VSCODE : original.call(this, request, ...rest);
};
moduleWithResolve._resolveFilename = patched;

/** Undo the hook (modules already loaded keep the fake). */
export function uninstallVscode(): void {
  if (moduleWithResolve._resolveFilename === patched) moduleWithResolve._resolveFilename = original;
}
