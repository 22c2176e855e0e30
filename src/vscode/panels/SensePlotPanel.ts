/**
 * Host side of the "Plot Senses" webview (webview/main.ts): one panel, locked down with a nonce CSP,
 * fed through the validated messages of src/shared/webviewMessages.ts. The engine is reached only
 * through `PlotService`, asked for afresh on every plot (settings changes and Clear Cache replace
 * it); the document's occurrences come from a callback of the VS Code layer.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { MAX_WORD_LENGTH } from '../../shared/words';
import {
  isWebviewMessage,
  type ExportFormat,
  type HostMessage,
  type PlotControls,
  type SavedOccurrences,
} from '../../shared/webviewMessages';
import type { CallSettings, OccurrenceContext, PlotData } from '../../shared/engineProtocol';
import { describeError } from '../../shared/errors';
import { COARSEWSD20_WORDS } from '../../shared/words';
import { ProgressText } from '../progressText';
import type { CallOptions } from '../engineClient';

export type PlotLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the panel asks of the engine. */
export interface PlotService {
  /** The loaded model's depth (the layer control's range), once known. */
  readonly numLayers: number | undefined;
  plot(word: string, occurrences: readonly OccurrenceContext[], run: CallSettings, options: CallOptions): Promise<PlotData>;
}

/** Where the panel gets its engine. */
export interface PlotEngine {
  /** The current engine; the panel asks again for every plot, so a replaced engine is never used. */
  readonly getService: () => Promise<PlotService>;
  /** Fired when the engine is replaced or its caches are cleared: the panel plots again. */
  readonly onDidReset?: vscode.Event<void>;
  /** Fired with a word whose answers may have changed (a larger index, its probe): a plot of it is made again. */
  readonly onDidChangeSenses?: vscode.Event<string>;
  /** The model setting now (hub id or folder), for the title of exported images. */
  readonly model: () => string;
  /** The words the word control offers now: CoarseWSD-20's, then those only taught. */
  readonly words: () => readonly string[];
  /** Every word with taught senses now (CoarseWSD-20's included). */
  readonly taughtWords: () => readonly string[];
  /** Fired when the taught senses change: the word control follows, and a plot of a taught word is made again. */
  readonly onDidChangeTaught?: vscode.Event<void>;
}

/** The occurrences a plot embeds besides the training sentences, and what the page is told about them. */
export interface PanelOccurrences {
  readonly occurrences: readonly OccurrenceContext[];
  /** Said on the status line, e.g. that a cap cut some. */
  readonly notes?: readonly string[];
  /** Kept by the page for a window reload (`plotSerializer`). */
  readonly saved?: SavedOccurrences;
}

export interface SensePlotPanelOptions {
  /** The word to plot (an inventory word). */
  readonly word: string;
  /**
   * Layers, pooling and examples-per-sense cap used when the panel is created (from the settings).
   * When the panel is already open it keeps the user's current choices and only switches word.
   */
  readonly defaults: Omit<PlotControls, 'word'>;
  /** The settings at the time the panel opened: their classifier labels the document's occurrences. */
  readonly run: CallSettings;
  /**
   * The document's occurrences of `word` in their sentences (analysed ones, a `Classification`, will
   * do); the engine embeds them with the plot's layers and pooling. Asked again for every plot.
   * Occurrences of other words are dropped. Return `[]` when there is no document.
   */
  readonly getOccurrences: (word: string, signal: AbortSignal) => PanelOccurrences | Promise<PanelOccurrences>;
  /** Log sink, e.g. `(level, m) => channel[level](m)` for a LogOutputChannel. Default: none. */
  readonly log?: (level: PlotLogLevel, message: string) => void;
}

interface LastPlot {
  readonly controls: PlotControls;
  readonly data: PlotData;
  readonly note?: string;
  readonly saved?: SavedOccurrences;
}

/** The layer control's range until the model is loaded and its depth known (BERT-base). */
const DEFAULT_MAX_LAYERS = 12;

const SAVE_FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  csv: { 'CSV': ['csv'] },
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
};

export class SensePlotPanel {
  static readonly viewType = 'bertWordSense.plot';
  /** The open panel, if any (there is at most one). */
  static current: SensePlotPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private controls: PlotControls;
  private inflight: AbortController | undefined;
  private lastPlot: LastPlot | undefined;
  private sentMaxLayers: number | undefined;
  private disposed = false;
  /** The engine of the last plot (for its depth); a plot always asks for the current one. */
  private service: PlotService | undefined;

  /** Opens the panel beside the editor, or reveals it and switches it to `options.word`. */
  static createOrShow(extensionUri: vscode.Uri, engine: PlotEngine, options: SensePlotPanelOptions): SensePlotPanel {
    const open = SensePlotPanel.current;
    if (open) {
      open.panel.reveal(undefined, true);
      open.update(options);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      SensePlotPanel.viewType,
      title(options.word),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        ...webviewOptions(extensionUri),
        // The page rebuilds itself from `ready` → `init` + `plot` and keeps view state with setState.
        retainContextWhenHidden: false,
      },
    );
    SensePlotPanel.current = new SensePlotPanel(panel, extensionUri, engine, options);
    return SensePlotPanel.current;
  }

  /** Takes over a panel VS Code restored after a window reload (see `plotSerializer`). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, engine: PlotEngine, options: SensePlotPanelOptions): SensePlotPanel {
    SensePlotPanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    panel.title = title(options.word);
    SensePlotPanel.current = new SensePlotPanel(panel, extensionUri, engine, options);
    return SensePlotPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly engine: PlotEngine,
    private options: SensePlotPanelOptions,
  ) {
    this.controls = { ...options.defaults, word: options.word };
    panel.webview.html = html(panel.webview, extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
    );
    if (engine.onDidReset) this.disposables.push(engine.onDidReset(() => this.reset()));
    if (engine.onDidChangeSenses) this.disposables.push(engine.onDidChangeSenses((word) => this.sensesChanged(word)));
    if (engine.onDidChangeTaught) this.disposables.push(engine.onDidChangeTaught(() => this.taughtChanged()));
  }

  /** Taught senses changed: new words for the control; the plotted taught word's senses may differ. */
  private taughtChanged(): void {
    if (this.disposed) return;
    const plotted = this.lastPlot?.data.word === this.controls.word ? this.lastPlot.data : undefined;
    this.sendInit();
    if (plotted?.senses.some((s) => s.source === 'taught') || this.engine.taughtWords().includes(this.controls.word)) {
      this.log('info', `Plot view: the taught senses changed; plotting "${this.controls.word}" again.`);
      this.lastPlot = undefined;
      void this.replot();
    }
  }

  /** The engine was replaced or its caches cleared: the last plot is stale, compute it again. */
  private reset(): void {
    if (this.disposed) return;
    this.log('info', `Plot view: the engine changed; plotting "${this.controls.word}" again.`);
    this.lastPlot = undefined;
    void this.replot();
  }

  /** The plotted word's index grew or its probe is ready: the plot and its markers follow, as hovers do. */
  private sensesChanged(word: string): void {
    if (this.disposed || word !== this.controls.word) return;
    this.log('info', `Plot view: the senses of "${word}" were updated; plotting again.`);
    void this.replot();
  }

  /** The current engine (remembered for its words and depth), or undefined when it cannot start. */
  private async currentService(): Promise<PlotService | undefined> {
    try {
      this.service = await this.engine.getService();
      return this.service;
    } catch (error) {
      // The host reports why the engine cannot start; the page just says so.
      this.post({ type: 'error', message: describeError(error, { causes: false }) });
      return undefined;
    }
  }

  /** Switches to a new word (and document), keeping layers, pooling and cap. */
  private update(options: SensePlotPanelOptions): void {
    this.options = options;
    this.controls = { ...this.controls, word: options.word };
    this.panel.title = title(options.word);
    this.lastPlot = undefined;
    this.sendInit();
    void this.replot();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SensePlotPanel.current === this) SensePlotPanel.current = undefined;
    this.inflight?.abort();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.log('warn', `Plot view: ignored an invalid message (${describe(message)}).`);
      return;
    }
    switch (message.type) {
      case 'ready':
        await this.currentService();
        this.sendInit();
        if (this.lastPlot && sameControls(this.lastPlot.controls, this.controls)) {
          this.postPlot({ ...this.lastPlot, controls: this.controls });
        } else {
          await this.replot();
        }
        return;
      case 'controls': {
        const { controls } = message;
        // The words the control offers, and the word the panel was opened for (a WordNet word).
        if (!this.engine.words().includes(controls.word) && controls.word !== this.options.word) {
          this.log('warn', `Plot view: ignored controls for unknown word "${controls.word.slice(0, MAX_WORD_LENGTH)}".`);
          return;
        }
        this.controls = controls;
        this.panel.title = title(this.controls.word);
        await this.replot();
        return;
      }
      case 'export':
        await this.export(message.format, message.data);
        return;
      case 'open':
        await this.open(message.point);
        return;
      default: {
        const never: never = message;
        this.log('warn', `Plot view: unhandled message ${describe(never)}.`);
      }
    }
  }

  /** Computes and posts the plot for the current controls, cancelling the one in flight. */
  private async replot(): Promise<void> {
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    const controls = this.controls;
    this.post({ type: 'loading', controls });
    try {
      const service = await this.currentService();
      if (!service || controller.signal.aborted || this.disposed) return;
      const found = await this.options.getOccurrences(controls.word, controller.signal);
      if (controller.signal.aborted || this.disposed) return;
      const occurrences = found.occurrences.filter((o) => o.target.word === controls.word);
      const run: CallSettings = {
        ...this.options.run,
        vector: { layers: controls.layers, pooling: controls.pooling },
        maxExamplesPerSense: controls.maxExamplesPerSense,
        projection: controls.projection,
      };
      const text = new ProgressText();
      const data = await service.plot(controls.word, occurrences, run, {
        signal: controller.signal,
        // A long UMAP or t-SNE layout says how far it is.
        onProgress: (progress) => this.post({ type: 'progress', message: text.step(progress).message }),
      });
      if (controller.signal.aborted || this.disposed) return;
      // The engine uses at most the model's layers: the controls show what was plotted.
      const shown = { ...controls, layers: data.options.layers };
      if (this.controls === controls) this.controls = shown;
      const note = found.notes?.length ? found.notes.join('. ') : undefined;
      this.lastPlot = { controls: shown, data, note, saved: found.saved };
      if (service.numLayers !== undefined && service.numLayers !== this.sentMaxLayers) this.sendInit();
      this.postPlot(this.lastPlot);
    } catch (error) {
      if (controller.signal.aborted || this.disposed) return;
      const message = describeError(error, { causes: false });
      this.log('error', `Plot of "${controls.word}" failed: ${message}`);
      this.post({ type: 'error', message });
    } finally {
      if (this.inflight === controller) this.inflight = undefined;
    }
  }

  /**
   * Opens the file of a plotted occurrence at its word, beside the plot. Only places the host put in
   * the plot are opened: the page names a point, never a path.
   */
  private async open(index: number): Promise<void> {
    const location = this.lastPlot?.data.points[index]?.location;
    if (!location) {
      this.log('warn', `Plot view: point ${index} has no file to open.`);
      return;
    }
    try {
      const at = new vscode.Position(location.line, location.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(location.uri, true), { selection: new vscode.Range(at, at), viewColumn: vscode.ViewColumn.One });
    } catch (error) {
      const message = describeError(error, { causes: false });
      this.log('error', `Plot view: could not open ${location.uri}: ${message}`);
      void vscode.window.showErrorMessage(`Could not open the occurrence: ${message}`);
    }
  }

  private async export(format: ExportFormat, data: string): Promise<void> {
    const word = this.lastPlot?.data.word ?? this.controls.word;
    const fileName = `senses-${word.replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'plot'}.${format}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    try {
      const bytes = exportBytes(format, data);
      const uri = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, fileName),
        filters: SAVE_FILTERS[format],
        saveLabel: 'Export',
        title: `Export the sense plot of "${word}"`,
      });
      if (!uri) return;
      await vscode.workspace.fs.writeFile(uri, bytes);
      void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(uri)}`);
    } catch (error) {
      const message = describeError(error, { causes: false });
      this.log('error', `Plot export (${format}) failed: ${message}`);
      void vscode.window.showErrorMessage(`Could not export the plot: ${message}`);
    }
  }

  private sendInit(): void {
    this.sentMaxLayers = this.service?.numLayers;
    this.post({
      type: 'init',
      words: this.engine.words(),
      taught: this.engine.taughtWords().filter((w) => !(COARSEWSD20_WORDS as readonly string[]).includes(w)),
      maxLayers: this.service?.numLayers ?? DEFAULT_MAX_LAYERS,
      controls: this.controls,
    });
  }

  private postPlot({ data, controls, note, saved }: LastPlot): void {
    this.post({ type: 'plot', data, controls, model: this.engine.model(), ...(note ? { note } : {}), ...(saved ? { saved } : {}) });
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.log('debug', `Plot view: postMessage failed: ${String(error)}`);
    });
  }

  private log(level: PlotLogLevel, message: string): void {
    this.options.log?.(level, message);
  }
}

/** File contents of an export; the PNG arrives as a base64 data URL. */
function exportBytes(format: ExportFormat, data: string): Uint8Array {
  switch (format) {
    case 'csv':
    case 'svg':
      return new TextEncoder().encode(data);
    case 'png': {
      const prefix = 'data:image/png;base64,';
      if (!data.startsWith(prefix)) throw new Error('the PNG export is not a PNG data URL');
      return Buffer.from(data.slice(prefix.length), 'base64');
    }
    default: {
      const never: never = format;
      throw new Error(`unknown export format ${String(never)}`);
    }
  }
}

function title(word: string): string {
  return `Senses: ${word}`;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media', 'webview');
}

function sameControls(a: PlotControls, b: PlotControls): boolean {
  return a.word === b.word && a.layers === b.layers && a.pooling === b.pooling && a.maxExamplesPerSense === b.maxExamplesPerSense && a.projection === b.projection;
}

/** A short, safe description of a message for the log (never its whole payload). */
function describe(message: unknown): string {
  if (typeof message !== 'object' || message === null) return typeof message;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' ? `type "${type.slice(0, 32)}"` : 'no type';
}

/** The page: no data in it (everything arrives by postMessage), scripts and styles by nonce only. */
function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css'));
  // Web Crypto, not node:crypto: the same code runs in a browser's extension host.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" nonce="${nonce}" href="${style.toString()}">
  <title>Senses</title>
</head>
<body>
  <script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
