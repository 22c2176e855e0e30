import type * as vscode from 'vscode';

/** The work's result, or undefined as soon as the token is cancelled (the work itself goes on). */
export function raceCancellation<T>(work: Promise<T | undefined>, token: vscode.CancellationToken): Promise<T | undefined> {
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const listener = token.onCancellationRequested(() => resolve(undefined));
    void work.then((value) => {
      listener.dispose();
      resolve(value);
    });
  });
}
