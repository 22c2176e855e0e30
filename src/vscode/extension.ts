/** The desktop extension (package.json `main`): the VS Code layer with its engine in a Node worker thread. */
import type * as vscode from 'vscode';
import { activateWith, deactivateExtension } from './activation';

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, { kind: 'desktop' });
}

export const deactivate = deactivateExtension;
