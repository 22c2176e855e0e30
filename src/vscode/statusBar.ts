/** One status bar item, created once, showing the engine's state; a click shows the log. */
import * as vscode from 'vscode';

export type EngineState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly detail: string }
  | { readonly kind: 'ready'; readonly model: string }
  | { readonly kind: 'error'; readonly message: string };

const TEXT = 'BERT Sense';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(showLogCommand: string) {
    this.item = vscode.window.createStatusBarItem('bertWordSense.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'BERT Word Sense';
    this.item.command = showLogCommand;
    this.update({ kind: 'idle' });
    this.item.show();
  }

  update(state: EngineState): void {
    switch (state.kind) {
      case 'idle':
        this.item.text = `$(circle-outline) ${TEXT}`;
        this.item.tooltip = 'BERT Word Sense: the model loads on the first hover over a CoarseWSD-20 word. Click to show the log.';
        this.item.backgroundColor = undefined;
        break;
      case 'loading':
        this.item.text = `$(sync~spin) ${TEXT}`;
        this.item.tooltip = `BERT Word Sense: ${state.detail}`;
        this.item.backgroundColor = undefined;
        break;
      case 'ready':
        this.item.text = `$(check) ${TEXT}`;
        this.item.tooltip = `BERT Word Sense: ${state.model} loaded. Click to show the log.`;
        this.item.backgroundColor = undefined;
        break;
      case 'error':
        this.item.text = `$(error) ${TEXT}`;
        this.item.tooltip = `BERT Word Sense: ${state.message} Click to show the log.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      default: {
        const unknown: never = state;
        throw new Error(`unknown engine state ${JSON.stringify(unknown)}`);
      }
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
