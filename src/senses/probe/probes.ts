/**
 * The probes of one engine: read from the cache or trained once per sense index, off the hover's
 * critical path and in a worker thread. Until an index's probe is ready, the word's previous probe for the same vector
 * options answers (e.g. the capped index's while the full one trains); with none, the centroid
 * rule answers, and the result says so.
 */
import { describeError, isCancellation } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { SenseIndex } from '../senseIndex';
import type { ClassifierOptions } from '../types';
import { DEFAULT_PROBE_OPTIONS, type Probe, type ProbeOptions } from './probe';
import { ProbeCache, probeKey } from './probeCache';
import { trainProbeOffThread } from './probeTrainer';

export interface Answering {
  /** The classifier that answers (the centroid rule while a requested probe is not ready). */
  readonly classifier: ClassifierOptions;
  readonly probe?: Probe;
}

export class Probes {
  private training = new WeakMap<SenseIndex, Promise<Probe | undefined>>();
  private ready = new WeakMap<SenseIndex, Probe>();
  /** Per word, vector options and sense set, the newest ready probe (a taught sense changes the set). */
  private readonly latest = new Map<string, Probe>();
  private lifetime = new AbortController();
  private readonly cache: ProbeCache;

  constructor(
    folder: string,
    private readonly logger: Logger,
    /** Hears of each probe that becomes ready: answers of its word may change. */
    private readonly onReady: (word: string) => void = () => undefined,
    private readonly options: ProbeOptions = DEFAULT_PROBE_OPTIONS,
  ) {
    this.cache = new ProbeCache(folder, logger);
  }

  /**
   * Who answers `requested` on this index now. A probe that is not ready starts training; with
   * `wait` the answer waits for it, otherwise an earlier probe of the word or the centroid answers.
   */
  async resolve(index: SenseIndex, requested: ClassifierOptions, wait = false): Promise<Answering> {
    if (requested.method !== 'probe') return { classifier: requested };
    const pending = this.train(index);
    const probe = wait ? await pending : (this.ready.get(index) ?? this.latest.get(latestKey(index)));
    return probe ? { classifier: requested, probe } : { classifier: { method: 'centroid' } };
  }

  /** The index's probe (memoized): from the cache, else trained and cached; undefined if training failed. */
  train(index: SenseIndex): Promise<Probe | undefined> {
    let pending = this.training.get(index);
    if (!pending) {
      pending = this.load(index, this.lifetime.signal);
      this.training.set(index, pending);
    }
    return pending;
  }

  /** Forgets every probe and stops training in progress (clear cache, dispose). */
  clear(): void {
    this.lifetime.abort();
    this.lifetime = new AbortController();
    this.training = new WeakMap();
    this.ready = new WeakMap();
    this.latest.clear();
  }

  private async load(index: SenseIndex, signal: AbortSignal): Promise<Probe | undefined> {
    const name = nameOf(index);
    try {
      // Hashing a large index takes a moment: not before the answer that started the training.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const key = probeKey(index, this.options);
      let probe = await this.cache.read(name, key);
      if (!probe) {
        const started = performance.now();
        probe = await trainProbeOffThread(index, this.options, signal);
        // A cleared cache must not get the file back.
        if (signal.aborted) return undefined;
        this.logger.info(
          `Trained the probe of "${index.word}" on ${index.units.length} vectors in ${Math.round(performance.now() - started)} ms ` +
            `(L2 ${probe.l2}, class weights ${probe.classWeighting}).`,
        );
        await this.cache.write(name, key, probe);
      }
      if (signal.aborted) return undefined;
      this.ready.set(index, probe);
      this.latest.set(latestKey(index), probe);
      this.onReady(index.word);
      return probe;
    } catch (error) {
      if (!isCancellation(error)) this.logger.warn(`Could not train the probe of "${index.word}"; the centroid rule answers instead: ${describeError(error)}`);
      return undefined;
    }
  }
}

/** `bank.last4sum`: probes of one word and vector options share a name (their cache files a prefix). */
function nameOf(index: SenseIndex): string {
  return `${index.word}.last${index.options.layers}${index.options.pooling}`;
}

/** A probe answers only for the senses it was trained on. */
function latestKey(index: SenseIndex): string {
  return `${nameOf(index)}\n${index.senses.join('\n')}`;
}
