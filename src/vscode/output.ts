/** The extension's one levelled log, and its adapter to the engine's `Logger`. */
import * as vscode from 'vscode';
import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';

export const LOG_NAME = 'BERT Word Sense';

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}

/** The engine speaks through this; errors are logged with their whole cause chain. */
export function loggerFor(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(typeof m === 'string' ? m : describeError(m)),
  };
}

/** Log a failure: what we were doing, then the error and its causes. */
export function logError(channel: vscode.LogOutputChannel, doing: string, error: unknown): void {
  channel.error(`${doing}: ${describeError(error)}`);
  if (error instanceof Error && error.stack) channel.debug(error.stack);
}
