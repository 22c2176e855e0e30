/**
 * intraOpNumThreads 1 vs 2 (vs one per logical core, if more) on raw onnxruntime, for the hover forward
 * (batch 1) and for batched index forwards of the `--thread-words` train sets; the thread counts
 * alternate per hover and per batch so they see the same machine load.
 */
import { performance } from 'node:perf_hooks';
import * as os from 'node:os';
import { latencyStats } from '../metrics';
import type { EngineModules } from './engineModules';
import { BATCH, lastFourLayers, sortedInputs } from './forward';
import { hoverInput, type Hover } from './hovers';
import { log, ms, tmpDir } from './measure';
import type { RawForward } from './rawForward';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

export async function measureThreads(options: PerfOptions, modules: EngineModules, results: PerfResults, hovers: readonly Hover[]): Promise<void> {
  const encoders = new Map<number, RawForward>();
  for (const n of new Set([1, 2, os.availableParallelism()])) encoders.set(n, await modules.rawFor(n));
  const tokens = await modules.encoderFor();
  const layers = lastFourLayers(tokens.info.numLayers);
  const sample = hovers.slice(0, options.hovers).map((h) => hoverInput(modules, tokens, h).ids);
  const hoverMs = new Map<number, number[]>([...encoders.keys()].map((n) => [n, []]));
  for (const [, enc] of encoders) for (const ids of sample.slice(0, 20)) await enc.forward([ids], layers); // warm-up
  for (const ids of sample) {
    for (const [n, enc] of encoders) {
      const t0 = performance.now();
      await enc.forward([ids], layers);
      hoverMs.get(n)!.push(performance.now() - t0);
    }
  }
  // Batched: the thread words' train sets, sorted, batch 32; threads alternate per batch.
  const dataset = new modules.Dataset({ folder: options.data, cacheDir: tmpDir('ds2'), allowNetwork: false, logger: modules.silentLogger });
  const batches: number[][][] = [];
  let sentences = 0;
  for (const word of options.threadWords.split(',')) {
    const inputs = sortedInputs(modules, tokens, await dataset.load(word, 'train'));
    sentences += inputs.length;
    for (let b = 0; b < inputs.length; b += BATCH) batches.push(inputs.slice(b, b + BATCH).map((i) => [...i.ids]));
  }
  const batchMs = new Map<number, number>([...encoders.keys()].map((n) => [n, 0]));
  for (const batch of batches) {
    for (const [n, enc] of encoders) {
      const t0 = performance.now();
      await enc.forward(batch, layers);
      batchMs.set(n, batchMs.get(n)! + performance.now() - t0);
    }
  }
  for (const enc of encoders.values()) await enc.dispose();
  await tokens.dispose();
  const label = (n: number) => `${n}`;
  const result: Record<string, unknown> = {};
  for (const n of encoders.keys()) {
    const h = latencyStats(hoverMs.get(n)!);
    const rate = sentences / (batchMs.get(n)! / 1000);
    result[n] = { hover: h, batchMs: batchMs.get(n), rate };
    results.row(`intraOpNumThreads ${label(n)}: hover forward (batch 1) | index forward (${options.threadWords}, ${sentences} sentences)`, `p50 ${ms(h.p50)}, p95 ${ms(h.p95)} | ${rate.toFixed(0)} sent/s`);
  }
  results.json.threads = result;
  log('threads done');
}
