/**
 * One runtime of `--scenario runtimes` (`runtimes.ts`) in a fresh process, so its peak RSS is its
 * own: a SenseEngine on that onnxruntime build (its ONNX worker runs the same tapped graph, with
 * the engine's threads) loads, answers a first hover (building the index that hover builds with
 * the settings: the first stage with background completion, else the capped index), then warm
 * hovers on other sentences of the word (one forward pass each), a first hover on a next word
 * (the session now warm) and the capped index of another word, for the throughput. Nothing runs in the background: the completion would compete with the
 * measurements. Prints one JSON line.
 *
 * `threads`: the engine's threads are one per logical core (`defaultThreads`); the child makes
 * `os.availableParallelism` answer this instead, as the web build's `node:os` stub answers 1
 * (src/web/node/os.ts): a browser without cross-origin isolation runs onnxruntime-web on one thread.
 * The first hover's forward passes are timed where the engine calls them (`OnnxSession.run`, in
 * this thread: the time from request to vectors, so the ONNX worker's run and the RPC).
 *
 *   node --import tsx bench/perf/runtimeChild.ts '<ChildRequest as JSON>'
 */
import { performance } from 'node:perf_hooks';
import type { CallSettings, RuntimeName } from '../../src/shared/engineProtocol';
import type { ModelDtype } from '../../src/shared/modelLayout';

export interface ChildRequest {
  readonly runtime: RuntimeName;
  readonly model: string;
  readonly dtype: ModelDtype;
  readonly contextWindow: number;
  readonly run: CallSettings;
  readonly cacheDir: string;
  readonly data: string;
  /** The first hover's word; its other test sentences are the warm hovers. */
  readonly word: string;
  readonly hovers: number;
  /** A word hovered for the first time after the first word: a new word once the session is warm. */
  readonly nextWord: string;
  /** The word whose capped index (`run.maxExamplesPerSense`) is built for the throughput. */
  readonly indexWord: string;
  /** The engine's threads; default one per logical core. */
  readonly threads?: number;
}

/** One forward pass: its padded shape and the time the engine waited for it. */
export interface TimedRun {
  readonly batch: number;
  readonly sequence: number;
  readonly ms: number;
}

export interface ChildResult {
  readonly runtime: RuntimeName;
  readonly threads: number;
  readonly loadMs: number;
  /** CPU time of the process during the load (all its threads). */
  readonly loadCpuMs: number;
  /** `prepared`, `built` or `memory`, from the engine's log. */
  readonly loadedFrom: string;
  readonly firstHoverMs: number;
  /** CPU time of the process (all its threads) during the first hover: less sensitive than wall time to other processes on the machine. */
  readonly firstHoverCpuMs: number;
  readonly firstIndexStage: string | undefined;
  /** The first hover's forward passes, in order (the rest of its time: data, tokenizer, index, probe). */
  readonly firstHoverRuns: readonly TimedRun[];
  /** The first hover on `nextWord`, after the warm hovers. */
  readonly nextWordMs: number;
  /** Examples per sense of the first hover's index. */
  readonly firstPerSense: number;
  readonly warmMs: readonly number[];
  readonly indexSentences: number;
  readonly indexMs: number;
  readonly indexCpuMs: number;
  readonly peakRssBytes: number;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2]) as ChildRequest;
  // The module object itself: an `import * as` namespace is a read-only copy.
  if (request.threads !== undefined) (require('node:os') as { availableParallelism: () => number }).availableParallelism = () => request.threads!;
  const runs = timeRuns((await import('../../src/bert/onnxSession')).OnnxSession.prototype);
  const { SenseEngine } = await import('../../src/senses/senseEngine');
  const { defaultThreads } = await import('../../src/bert/bertEncoder');
  const { testHovers } = await import('./hovers');
  const { Inventory } = await import('../../src/shared/inventory');
  const { COARSEWSD20_WORDS } = await import('../../src/senses/dataset');
  const inventory = new Inventory(COARSEWSD20_WORDS);
  let loadedFrom = '?';
  const logger = {
    info: (m: string) => {
      if (m.startsWith('Loaded ')) loadedFrom = m.includes('prepared file written') ? 'built' : m.includes('prepared file') ? 'prepared' : 'memory';
    },
    warn: (m: string) => process.stderr.write(`warn: ${m}\n`),
    error: (m: string | Error) => process.stderr.write(`error: ${m instanceof Error ? m.message : m}\n`),
    debug: () => undefined,
    trace: () => undefined,
  };
  const engine = new SenseEngine({
    model: request.model,
    dtype: request.dtype,
    contextWindow: request.contextWindow,
    cacheDir: request.cacheDir,
    datasetFolder: request.data,
    allowNetwork: false,
    runtime: request.runtime,
    logger,
  });
  const { FIRST_PER_SENSE } = await import('../../src/senses/senseIndexes');
  const cap = request.run.maxExamplesPerSense;
  const run = { ...request.run, completeIndexInBackground: false };
  // The examples per sense of the index a first hover builds (senseIndexes.ts `staged`), without what it starts in the background.
  const firstRun = request.run.completeIndexInBackground && cap > 0 ? { ...run, maxExamplesPerSense: Math.min(FIRST_PER_SENSE, cap) } : run;
  let t = performance.now();
  let cpu = process.cpuUsage();
  await engine.load();
  const loadMs = performance.now() - t;
  const loadCpuMs = cpuMs(process.cpuUsage(cpu));

  const hovers = testHovers({ inventory }, request.data, request.word);
  if (hovers.length < 2) throw new Error(`'${request.word}' needs at least 2 test sentences`);
  t = performance.now();
  cpu = process.cpuUsage();
  runs.length = 0;
  const first = await engine.classify(hovers[0].slice, hovers[0].offset, firstRun);
  const firstHoverMs = performance.now() - t;
  const firstHoverCpuMs = cpuMs(process.cpuUsage(cpu));
  const firstHoverRuns = runs.splice(0);
  // Let a probe that the first hover started finish, so it does not run under the warm hovers.
  await engine.classify(hovers[0].slice, hovers[0].offset, { ...firstRun, awaitProbe: true });
  const warmMs: number[] = [];
  for (const hover of hovers.slice(1, 1 + request.hovers)) {
    t = performance.now();
    await engine.classify(hover.slice, hover.offset, firstRun);
    warmMs.push(performance.now() - t);
  }

  const next = testHovers({ inventory }, request.data, request.nextWord)[0];
  t = performance.now();
  await engine.classify(next.slice, next.offset, firstRun);
  const nextWordMs = performance.now() - t;

  t = performance.now();
  cpu = process.cpuUsage();
  const index = await engine.senseIndex(request.indexWord, run);
  const indexMs = performance.now() - t;
  const indexCpuMs = cpuMs(process.cpuUsage(cpu));
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  await engine.dispose();
  const result: ChildResult = {
    runtime: request.runtime,
    threads: defaultThreads(),
    loadMs,
    loadCpuMs,
    loadedFrom,
    firstHoverMs,
    firstHoverCpuMs,
    firstIndexStage: first?.indexStage,
    firstHoverRuns,
    firstPerSense: firstRun.maxExamplesPerSense,
    nextWordMs,
    warmMs,
    indexSentences: index.examples.length,
    indexMs,
    indexCpuMs,
    peakRssBytes,
  };
  console.log(JSON.stringify(result));
}

/** Every `run` of the engine's ONNX sessions from now on, appended to the returned list. */
function timeRuns(session: { run(ids: Int32Array, batch: number, sequence: number, ...rest: never[]): Promise<unknown> }): TimedRun[] {
  const runs: TimedRun[] = [];
  const run = session.run;
  session.run = async function (this: unknown, ids, batch, sequence, ...rest) {
    const t = performance.now();
    try {
      return await run.call(this, ids, batch, sequence, ...rest);
    } finally {
      runs.push({ batch, sequence, ms: performance.now() - t });
    }
  };
  return runs;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
