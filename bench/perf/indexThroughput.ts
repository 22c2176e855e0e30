/**
 * Index build throughput over the train sets: the engine's `senseIndex` on a fresh cache vs a raw
 * batched forward of the same sentences (same sort, batches of 32, last 4 layers).
 */
import * as os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { type EngineModules } from './engineModules';
import { engineBatches, lastFourLayers, sortedInputs } from './forward';
import { log, ms, tmpDir } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

/** `cacheDir` is where the engine's indexes go (the warm hovers reuse them). */
export async function measureIndexBuild(options: PerfOptions, modules: EngineModules, results: PerfResults, cacheDir: string): Promise<void> {
  const words = options.words ? options.words.split(',') : [...modules.COARSEWSD20_WORDS];
  const engine = modules.engineFor(cacheDir);
  await engine.load();
  const tokens = await modules.encoderFor();
  const raw = await modules.rawFor();
  const dataset = new modules.Dataset({ folder: options.data, cacheDir: tmpDir('ds'), allowNetwork: false, logger: modules.silentLogger });
  const perWord: Record<string, unknown>[] = [];
  let engineMs = 0;
  let rawMs = 0;
  let sentences = 0;
  const layers = lastFourLayers(raw.numLayers);
  // How long the main (extension host) thread is held up while the engine builds: BERT runs in a
  // worker. A fresh histogram per word, so the bench's own synchronous work in between never counts.
  const lags: { p50: number; p99: number; max: number }[] = [];
  for (const word of words) {
    let t = performance.now();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const index = await engine.senseIndex(word, { ...options.run, maxExamplesPerSense: 0 });
    delay.disable();
    lags.push({ p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 });
    const e = performance.now() - t;
    // Raw: the same inputs, same sort, same batches of 32, forward only (tokenization outside).
    const inputs = sortedInputs(modules, tokens, await dataset.load(word, 'train'));
    let r = 0;
    for (const batch of engineBatches(inputs)) {
      t = performance.now();
      await raw.forward(batch, layers);
      r += performance.now() - t;
    }
    engineMs += e;
    rawMs += r;
    sentences += inputs.length;
    perWord.push({ word, sentences: inputs.length, indexed: index.examples.length, engineMs: e, rawMs: r, load: os.loadavg()[0] });
    log(`index ${word}: ${inputs.length} sentences, engine ${ms(e)}, raw ${ms(r)}`);
  }
  await engine.dispose();
  await raw.dispose();
  await tokens.dispose();
  const engineRate = sentences / (engineMs / 1000);
  const rawRate = sentences / (rawMs / 1000);
  results.json.index = { words, sentences, engineMs, rawMs, engineRate, rawRate, perWord };
  results.row(`Index build, ${words.length === 20 ? 'all 20 words' : `${words.length} words (${words.join(', ')})`}, fresh cache: ${sentences} sentences`, `${engineRate.toFixed(0)} sent/s (${(engineMs / 1000).toFixed(1)} s)`);
  results.row('Index build: raw batched forward (same sort and batches, last 4 layers)', `${rawRate.toFixed(0)} sent/s (${(rawMs / 1000).toFixed(1)} s)`);
  results.row('Index build: engine / raw throughput', `${((engineRate / rawRate) * 100).toFixed(1)} %`, '≥ 80 %', engineRate / rawRate >= 0.8);
  const worst = (key: 'p50' | 'p99' | 'max') => Math.max(...lags.map((l) => l[key]));
  results.json.indexEventLoopDelay = { perWord: lags, p50: worst('p50'), p99: worst('p99'), max: worst('max') };
  results.row(
    "Event-loop delay of the main thread during the engine's index build (BERT in a worker thread), worst word",
    `p50 ${ms(worst('p50'))}, p99 ${ms(worst('p99'))}, max ${ms(worst('max'))}`,
  );
}
