/**
 * One short, actionable message per kind of failure, with the buttons that get the user out of it.
 * The same message is not shown again while it is still open (hovers can fail many times a second).
 */
import * as vscode from 'vscode';
import { describeError, engineErrorCode, isCancellation, type EngineErrorCode } from '../shared/errors';
import { CommandId } from './commands/ids';

const RETRY = 'Retry';
const LOCAL_MODEL = 'Use Local Model Folder…';
const OPEN_SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

interface Advice {
  readonly text: string;
  readonly buttons: readonly string[];
  /** Setting opened by "Open Settings". */
  readonly setting?: string;
}

function advise(code: EngineErrorCode | undefined, message: string): Advice {
  switch (code) {
    case 'offline':
      return { text: message, buttons: [RETRY, LOCAL_MODEL, OPEN_SETTINGS, SHOW_LOG], setting: 'bertWordSense.allowNetwork' };
    case 'download-failed':
      return { text: message, buttons: [RETRY, LOCAL_MODEL, SHOW_LOG] };
    case 'model-not-found':
      return { text: message, buttons: [OPEN_SETTINGS, LOCAL_MODEL, SHOW_LOG], setting: 'bertWordSense.model' };
    case 'model-corrupt':
    case 'layers-not-found':
      return { text: message, buttons: [LOCAL_MODEL, OPEN_SETTINGS, SHOW_LOG], setting: 'bertWordSense.model' };
    case 'dataset-missing':
      return { text: message, buttons: [OPEN_SETTINGS, SHOW_LOG], setting: 'bertWordSense.datasetFolder' };
    case 'engine-unavailable':
    case 'worker-stopped':
    case 'bad-request':
    case 'taught-senses':
    case 'cancelled':
    case undefined:
      return { text: message, buttons: [SHOW_LOG] };
    default: {
      const unknown: never = code;
      return { text: `${message} (${String(unknown)})`, buttons: [SHOW_LOG] };
    }
  }
}

export class ErrorMessages {
  private readonly open = new Set<string>();

  constructor(private readonly showLog: () => void) {}

  /**
   * Show `error` to the user (cancellations are silent).
   * @param retry what "Retry" does; without it the button is left out.
   */
  show(error: unknown, retry?: () => void): void {
    if (isCancellation(error)) return;
    const code = engineErrorCode(error);
    const message = describeError(error, { causes: false });
    const advice = advise(code, ensureSentence(message));
    const key = `${code ?? 'other'}:${message}`;
    if (this.open.has(key)) return;
    this.open.add(key);
    const buttons = advice.buttons.filter((b) => b !== RETRY || retry !== undefined);
    void vscode.window
      .showErrorMessage(`BERT Word Sense: ${advice.text}`, ...buttons)
      .then((choice) => {
        this.open.delete(key);
        switch (choice) {
          case RETRY:
            retry?.();
            break;
          case LOCAL_MODEL:
            void vscode.commands.executeCommand(CommandId.selectModelFolder);
            break;
          case OPEN_SETTINGS:
            openSetting(advice.setting ?? 'bertWordSense');
            break;
          case SHOW_LOG:
            this.showLog();
            break;
          default:
            break;
        }
      });
  }

  /** A setting that cannot be used: say so once, with "Open Settings". */
  showSettingProblem(setting: string, message: string): void {
    const key = `setting:${setting}:${message}`;
    if (this.open.has(key)) return;
    this.open.add(key);
    void vscode.window.showWarningMessage(`BERT Word Sense: ${message}`, OPEN_SETTINGS).then((choice) => {
      this.open.delete(key);
      if (choice === OPEN_SETTINGS) openSetting(setting);
    });
  }
}

function openSetting(setting: string): void {
  void vscode.commands.executeCommand('workbench.action.openSettings', setting);
}

function ensureSentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
