/**
 * The sense engine's service: `SenseEngine` and the WordNet inventory behind the protocol of
 * `src/shared/engineProtocol.ts`, on whichever port its thread has: node's `parentPort`
 * (src/senses/engineWorker.ts) or a Web Worker's scope (src/web/engineWorker.ts). Tokenizing,
 * forward passes, pooling, sense indexes, probes, WordNet vectors and PCA all run here, so the
 * extension host's thread only posts requests and renders answers.
 */
import {
  ENGINE_PROTOCOL_VERSION,
  type EngineCalls,
  type EngineEvent,
  type EngineProgress,
  type EngineWorkerData,
  type LogLevel,
  type TaughtState,
} from '../shared/engineProtocol';
import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { serve, type ServeOptions, type ServePort } from '../shared/rpc';
import { ENGINE_REQUESTS } from './engineRequests';
import { SenseEngine } from './senseEngine';
import { clearWordNetCache, WordNetDatabase, WordNetSenses } from './wordnet';


/** Serves the engine's calls on `port` until the caller disposes it. */
export function serveEngine(port: ServePort, { settings, logLevel }: EngineWorkerData): void {
  /** Set by `serve` below, before any message is read. */
  let post: (event: EngineEvent) => void = () => undefined;

  const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];
  const logger = Object.fromEntries(
    LEVELS.map((level) => [
      level,
      LEVELS.indexOf(level) < LEVELS.indexOf(logLevel)
        ? () => undefined
        : (message: string | Error) => post({ type: 'log', level, message: describeError(message) }),
    ]),
  ) as unknown as Logger;

  const engine = new SenseEngine({ ...settings, logger, onNotice: (notice) => post({ type: 'notice', notice }) });
  let wordnet: WordNetSenses | undefined;

  /** Made on first use: no WordNet file is read before a WordNet hover. */
  function wordNet(): WordNetSenses {
    wordnet ??= new WordNetSenses({
      embedder: engine,
      cacheDir: settings.cacheDir,
      database: settings.wordNetDir ? new WordNetDatabase(settings.wordNetDir) : WordNetDatabase.packaged(),
      logger,
    });
    return wordnet;
  }

  async function taughtState(reload: boolean): Promise<TaughtState> {
    const listing = await (reload ? engine.reloadTaught() : engine.taughtSenses());
    return { ...listing, allWords: engine.words };
  }

  // Hovers' forward passes go first, then views' (plots, analyses); background completion runs in between.
  const handlers: ServeOptions<EngineCalls, EngineProgress>['handlers'] = {
    load: (_, options) => engine.load(options),
    classify: ({ text, target, run }, options) => engine.foreground(() => engine.classifyTarget(text, target, { ...run, ...options, priority: 'hover' })),
    classifyAll: async ({ text, run }, options) => ({ ...(await engine.classifyText(text, { ...run, ...options, priority: 'view' })), maxOccurrences: engine.maxOccurrences }),
    reclassify: ({ occurrences, run }, options) => engine.reclassify(occurrences, { ...run, ...options, priority: 'view' }),
    findOccurrences: async ({ text, limit }) => engine.findOccurrences(text, limit),
    plot: ({ word, occurrences, run }, options) => engine.plot(word, occurrences, { ...run, ...options, priority: 'view' }),
    rankWordNet: ({ text, span, run, hovers }, options) => engine.foreground(() => wordNet().rankSpan(text, span, { ...run, ...options, priority: 'hover', hovers })),
    plotWordNet: ({ word, occurrences, run }, options) => wordNet().plot(word, occurrences, { ...run, ...options, priority: 'view' }),
    wordNetOccurrences: ({ text, word }) => wordNet().occurrences(text, word),
    rankWordNetConfident: ({ text, spans, run }, options) => wordNet().rankConfident(text, spans, { ...run, ...options, priority: 'view' }),
    teach: async (request) => ({ result: await engine.teach(request), state: await taughtState(false) }),
    forget: async (example) => ({ removed: await engine.forget(example), state: await taughtState(false) }),
    renameSense: async (request) => {
      await engine.renameSense(request);
      return taughtState(false);
    },
    deleteSense: async (request) => {
      await engine.deleteSense(request);
      return taughtState(false);
    },
    taughtSenses: ({ reload }) => taughtState(reload),
    clearCache: async () => {
      await engine.clearCache();
      wordnet?.vectors.clear();
      await clearWordNetCache(settings.cacheDir);
    },
  };

  async function dispose(): Promise<void> {
    await wordnet?.dispose().catch((error: unknown) => logger.warn(`Closing WordNet: ${describeError(error)}`));
    await engine.dispose().catch((error: unknown) => logger.warn(`Disposing the engine: ${describeError(error)}`));
  }

  post = serve<EngineCalls, EngineProgress, EngineEvent>(port, { handlers, validate: ENGINE_REQUESTS, version: ENGINE_PROTOCOL_VERSION, dispose }).emit;
}
