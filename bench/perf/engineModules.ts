/**
 * The engine, imported lazily and timed (what the first hover pays when EngineHost imports
 * ../senses), with the factories the measurements share: engines and raw encoders on the
 * benchmark's model, hover options and the target inventory.
 */
import { performance } from 'node:perf_hooks';
import { tmpDir } from './measure';
import { RawForward } from './rawForward';
import type { PerfOptions } from './options';

/** Imports the engine modules (after activation was measured: nothing of the engine is loaded before). */
export async function importEngine(options: PerfOptions) {
  const t = performance.now();
  const { SenseEngine, FIRST_PER_SENSE } = await import('../../src/senses/senseEngine');
  const { BertEncoder, defaultThreads } = await import('../../src/bert/bertEncoder');
  const { Inventory, sentenceContext } = await import('../../src/shared/inventory');
  const { Dataset, COARSEWSD20_WORDS } = await import('../../src/senses/dataset');
  const { targetInput } = await import('../../src/bert/wordPieces');
  const { silentLogger } = await import('../../src/shared/logger');
  const ort = await import('onnxruntime-node');
  const importMs = performance.now() - t;
  // One prepared-model folder for the raw anchors and tokenizer encoders: prepared once per run.
  const preparedDir = tmpDir('prepared');
  return {
    importMs,
    ort,
    Dataset,
    COARSEWSD20_WORDS,
    targetInput,
    FIRST_PER_SENSE,
    /** The engine's context window, for raw anchors that feed the ids the engine feeds. */
    windowOf: (encoder: { info: { maxLength: number } }) => Math.min(options.contextWindow || Infinity, encoder.info.maxLength),
    sentenceContext,
    silentLogger,
    inventory: new Inventory(COARSEWSD20_WORDS),
    /** What measured calls run with (`PerfOptions.run`). */
    run: options.run,
    engineFor: (cacheDir: string) =>
      new SenseEngine({ model: options.model, dtype: options.dtype, contextWindow: options.contextWindow, cacheDir, datasetFolder: options.data, allowNetwork: false, logger: silentLogger }),
    /** An encoder for tokenizing as the engine does (and its forward through the worker). */
    encoderFor: (threads?: number) =>
      BertEncoder.load({ model: options.model, dtype: options.dtype, cacheDir: tmpDir('enc'), preparedDir, allowNetwork: false, logger: silentLogger, threads }),
    /** The raw onnxruntime anchor (`threads` default: the engine's). */
    rawFor: (threads?: number) => RawForward.open(options.model, options.dtype, threads ?? defaultThreads(), preparedDir),
    /** Warm-hover options: full indexes, or the first stage's examples per sense with `--skip-full-index` (the forward timed is the same). */
    hoverOptions: () => ({ ...options.run, maxExamplesPerSense: options.skipFullIndex ? FIRST_PER_SENSE : 0, signal: new AbortController().signal, onProgress: () => {} }),
  };
}

export type EngineModules = Awaited<ReturnType<typeof importEngine>>;
