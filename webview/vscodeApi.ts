/**
 * The one wrapper around `acquireVsCodeApi` (which may be called only once per page).
 * Outside VS Code (dev page, webview playground) it falls back to `window.parent.postMessage`
 * and `sessionStorage`, so the plot can be looked at in a plain browser.
 */
import type { PlotControls, SavedOccurrences, WebviewMessage } from '../src/shared/webviewMessages';

/** What the page keeps across hide/show (the panel does not retain its context). */
export interface WebviewState {
  readonly controls?: PlotControls;
  /** Legend selection per word: sense name → shown. */
  readonly legend?: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  /** Where your occurrences of the shown plot are: the host finds them again after a window reload. */
  readonly saved?: SavedOccurrences;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState<T>(state: T): T;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

const STORAGE_KEY = 'bertWordSense.plot.state';

class VsCodeApiWrapper {
  private readonly api: VsCodeApi | undefined =
    typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

  postMessage(message: WebviewMessage): void {
    if (this.api) this.api.postMessage(message);
    else window.parent.postMessage(message, '*');
  }

  getState(): WebviewState {
    const raw = this.api ? this.api.getState() : readSession();
    return typeof raw === 'object' && raw !== null ? (raw as WebviewState) : {};
  }

  setState(state: WebviewState): void {
    if (this.api) this.api.setState(state);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  }

  updateState(patch: Partial<WebviewState>): void {
    this.setState({ ...this.getState(), ...patch });
  }
}

function readSession(): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return undefined;
  }
}

export const vscode = new VsCodeApiWrapper();
