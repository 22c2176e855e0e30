import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { BertEncoder } from '../bert/bertEncoder';
import { resolveUnder } from '../bert/cacheFiles';
import { EngineError, untilAborted } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { VectorOptions } from '../shared/engineProtocol';
import { checkCallSettings, checkVector } from '../shared/settings';
import { Probes } from './probe/probes';
import { TaughtVectors } from './taughtVectors';
import { TrainingVectors } from './trainingVectors';
import type { EmbedOptions, EngineProgress, RunOptions, SenseEngineOptions } from './types';

/** The loaded model with the vectors and probes that belong to it. */
export interface Loaded {
  readonly encoder: BertEncoder;
  /** Ids per context: the context window setting within the model's positions. */
  readonly window: number;
  readonly training: TrainingVectors;
  readonly taughtVectors: TaughtVectors;
  readonly probes: Probes;
}

/** What a call's options may carry beside its settings. */
const CALLER_KEYS = ['signal', 'onProgress', 'priority'];

/**
 * Loads the engine's model once and is its boundary: a call's settings are checked here, and the
 * layer setting meets the model's depth.
 */
export class ModelLoader {
  private loading?: Promise<Loaded>;
  /** Set once the load succeeded. */
  loaded?: Loaded;
  private readonly listeners = new Set<(progress: EngineProgress) => void>();
  /** Aborted by `dispose`: shared loads and downloads run under it, not under one caller's signal. */
  private readonly lifetime = new AbortController();
  /** Layer settings already reported as deeper than the model. */
  private readonly clampNoticed = new Set<number>();

  constructor(
    private readonly options: SenseEngineOptions,
    private readonly logger: Logger,
    /** Identifies the dataset: training vectors are kept per model and dataset. */
    private readonly datasetId: string,
    /** Told when a word's probe becomes ready (its answers may change). */
    private readonly onSensesChanged: (word: string) => void,
  ) {}

  /** Ended by `dispose`; the dataset's downloads run under it too. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  /**
   * The model and the vector options it can serve: a call's settings are checked (all of them, or
   * the vector alone for embedding calls). More layers than the model has are used as its depth,
   * and `onNotice` hears of it once per setting.
   */
  async prepare(options: RunOptions | EmbedOptions, complete = true): Promise<{ loaded: Loaded; vector: VectorOptions }> {
    if (complete) checkCallSettings(options as RunOptions, CALLER_KEYS);
    else checkVector(options.vector);
    const loaded = await this.load(options);
    const depth = loaded.encoder.info.numLayers;
    const requested = options.vector.layers;
    if (requested > depth && !this.clampNoticed.has(requested)) {
      this.clampNoticed.add(requested);
      this.logger.warn(`The model ${this.options.model} has only ${depth} layers: layers ${requested} is used as ${depth}.`);
      this.options.onNotice?.({ kind: 'layers-clamped', model: this.options.model, requested, depth });
    }
    return { loaded, vector: { layers: Math.min(requested, depth), pooling: options.vector.pooling } };
  }

  /**
   * Loads once; a failed load is forgotten so the next call retries. The load is shared: it runs
   * under the engine's lifetime, every waiting caller gets its progress, and a caller's signal only
   * ends that caller's wait.
   */
  load(options: Pick<RunOptions, 'signal' | 'onProgress'>): Promise<Loaded> {
    if (this.lifetime.signal.aborted) return Promise.reject(new EngineError('cancelled', 'The engine was disposed.'));
    if (this.loaded) return Promise.resolve(this.loaded);
    const listener = options.onProgress;
    if (listener) this.listeners.add(listener);
    if (!this.loading) {
      const promise = this.start();
      this.loading = promise;
      promise.then(
        (loaded) => (this.loaded = loaded),
        () => {
          if (this.loading === promise) this.loading = undefined;
        },
      );
      promise.catch(() => undefined).finally(() => this.listeners.clear());
    }
    const wait = untilAborted(this.loading, options.signal);
    if (listener) wait.catch(() => undefined).finally(() => this.listeners.delete(listener));
    return wait;
  }

  private async start(): Promise<Loaded> {
    const emit = (p: EngineProgress) => this.listeners.forEach((l) => l(p));
    emit({ kind: 'load-model', model: this.options.model });
    const encoder = await BertEncoder.load({
      model: this.options.model,
      dtype: this.options.dtype ?? 'fp32',
      cacheDir: path.join(this.options.cacheDir, 'models'),
      allowNetwork: this.options.allowNetwork,
      remoteHost: this.options.remoteHost,
      ...(this.options.runtime && { runtime: this.options.runtime }),
      signal: this.lifetime.signal,
      onDownload: (file, loaded, total) => emit({ kind: 'download', file, loaded, total }),
      logger: this.logger,
    });
    const folder = this.indexFolder(encoder);
    const wanted = this.options.contextWindow;
    const window = wanted > 0 ? Math.min(wanted, encoder.info.maxLength) : encoder.info.maxLength;
    if (wanted > window) this.logger.warn(`The model ${this.options.model} takes at most ${window} ids: contextWindow ${wanted} is used as ${window}.`);
    return {
      encoder,
      window,
      training: new TrainingVectors(encoder, window, folder, this.logger),
      taughtVectors: new TaughtVectors(encoder, window, path.join(folder, 'taught'), this.logger),
      probes: new Probes(path.join(folder, 'probes'), this.logger, this.onSensesChanged),
    };
  }

  /** Vectors depend on the model's weights and the dataset: one folder per pair. */
  private indexFolder(encoder: BertEncoder): string {
    const { name, fingerprint } = encoder.info;
    const key = createHash('sha256').update(`${name}\n${fingerprint}\n${this.datasetId}`).digest('hex').slice(0, 16);
    return resolveUnder(this.options.cacheDir, 'indexes', `${name.replace(/[^\w.-]+/g, '_').slice(-40)}-${key}`);
  }

  /** Ends the lifetime and releases the model (after a load in progress settles). */
  async dispose(): Promise<void> {
    this.lifetime.abort();
    this.loaded?.probes.clear();
    const loaded = await this.loading?.catch(() => undefined);
    this.loading = undefined;
    this.loaded = undefined;
    await loaded?.encoder.dispose();
  }
}
