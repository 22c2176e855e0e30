/**
 * Engine work shown as a cancellable notification (`window.withProgress`); cancelling aborts the
 * work through an AbortController. The notification can open at once (model loading) or only when
 * the first long-work event arrives (a hover that turns out to need a download or an index build).
 */
import * as vscode from 'vscode';
import type { EngineProgress } from '../shared/engineProtocol';
import { isLongWork, ProgressText } from './progressText';

export class ProgressSession implements vscode.Disposable {
  readonly controller = new AbortController();
  private readonly text: ProgressText;
  private reporter: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private opened = false;
  private finish: (() => void) | undefined;
  private closed = false;
  private lastMessage: string | undefined;

  /**
   * @param title bold first part of the notification, e.g. "BERT Word Sense".
   * @param onEvent also told of every event (the status bar shows the latest).
   */
  constructor(
    private readonly title: string,
    private readonly onEvent?: (message: string) => void,
  ) {
    this.text = new ProgressText();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once a notification is showing: the user, not the caller, decides about cancelling. */
  get visible(): boolean {
    return this.opened;
  }

  /** Show the notification now. */
  open(message?: string): void {
    if (this.opened || this.closed) return;
    this.opened = true;
    this.lastMessage = message ?? this.lastMessage;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: this.title, cancellable: true },
      (progress, token) => {
        this.reporter = progress;
        if (this.lastMessage) progress.report({ message: this.lastMessage });
        token.onCancellationRequested(() => this.controller.abort());
        return new Promise<void>((resolve) => {
          this.finish = resolve;
          if (this.closed) resolve();
        });
      },
    );
  }

  /** Pass as the engine's `onProgress`. Opens the notification on the first long-work event. */
  readonly report = (progress: EngineProgress): void => {
    if (this.closed) return;
    const step = this.text.step(progress);
    this.lastMessage = step.message;
    this.onEvent?.(step.message);
    if (!this.opened && isLongWork(progress)) this.open();
    this.reporter?.report(step);
  };

  /** Close the notification (the work is done, failed or was cancelled). */
  dispose(): void {
    this.closed = true;
    this.finish?.();
  }
}

/** Run engine work under a notification shown from the start. */
export async function withEngineProgress<T>(
  title: string,
  message: string,
  task: (signal: AbortSignal, onProgress: (p: EngineProgress) => void) => Promise<T>,
  onEvent?: (message: string) => void,
): Promise<T> {
  const session = new ProgressSession(title, onEvent);
  session.open(message);
  try {
    return await task(session.signal, session.report);
  } finally {
    session.dispose();
  }
}
