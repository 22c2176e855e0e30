/** The extension's one levelled log (the engine's messages arrive through `EngineHost`). */
import * as vscode from 'vscode';
import { describeError } from '../shared/errors';

const LOG_NAME = 'BERT Word Sense';

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}

/** Log a failure: what we were doing, then the error and its causes. */
export function logError(channel: vscode.LogOutputChannel, doing: string, error: unknown): void {
  channel.error(`${doing}: ${describeError(error)}`);
  if (error instanceof Error && error.stack) channel.debug(error.stack);
}
