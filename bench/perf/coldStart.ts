/**
 * Cold start and first hover: the first hover on a word with no index (a 2-sense and a 4-sense
 * word) with the shipped settings (progressive index) and with the full index, each beside the raw
 * forward of the sentences it had to embed; the next hover; and a new engine with the index on disk
 * or with nothing cached. Also reports the engine's import time.
 */
import { performance } from 'node:perf_hooks';
import { sampleIndices } from '../../src/senses/senseIndex';
import type { EngineModules } from './engineModules';
import { engineBatches, lastFourLayers, sortedInputs } from './forward';
import { testHovers } from './hovers';
import { log, ms, tmpDir } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

/** The shipped hover settings: `maxExamplesPerSense` 100 with `completeIndexInBackground`. */
const SHIPPED = { maxExamplesPerSense: 100, completeIndexInBackground: true };
/** Examples per sense the progressive index embeds before its first answer (senseEngine.ts). */

export async function measureColdStart(options: PerfOptions, modules: EngineModules, results: PerfResults): Promise<void> {
  const { engineFor, hoverOptions, importMs } = modules;
  results.row('Engine module import (first `import(../senses)`, tsx: includes TS transpile)', ms(importMs));
  const tokens = await modules.encoderFor();
  const raw = await modules.rawFor();
  const layers = lastFourLayers(raw.numLayers);
  const dataset = new modules.Dataset({ folder: options.data, cacheDir: tmpDir('ds-cold'), allowNetwork: false, logger: modules.silentLogger });
  /** Raw batched forward (engine order and batch size) of the word's training examples `selected`. */
  const rawForward = async (word: string, selected: readonly number[]) => {
    const data = await dataset.load(word, 'train');
    const inputs = sortedInputs(modules, tokens, { ...data, examples: selected.map((i) => data.examples[i]) });
    const t = performance.now();
    for (const batch of engineBatches(inputs)) await raw.forward(batch, layers);
    return { ms: performance.now() - t, sentences: inputs.length, senses: new Set(data.examples.map((e) => e.sense)).size, data };
  };
  const first: Record<string, unknown> = {};
  for (const word of options.firstWords) {
    const hover = testHovers(modules, options.data, word)[0];
    /** A new engine, loaded, then its first hover on `word` timed (dispose not timed). */
    const firstHover = async (extra: object) => {
      const engine = engineFor(tmpDir('first'));
      await engine.load();
      const t = performance.now();
      const result = await engine.classify(hover.slice, hover.offset, { ...hoverOptions(), ...extra });
      const elapsed = performance.now() - t;
      const t2 = performance.now();
      await engine.classify(hover.slice, hover.offset, { ...hoverOptions(), ...extra });
      const next = performance.now() - t2;
      await engine.dispose();
      return { ms: elapsed, next, stage: result?.indexStage, winner: result?.winner.sense };
    };
    const shipped = await firstHover(SHIPPED);
    const data = await dataset.load(word, 'train');
    const rawFirst = await rawForward(word, sampleIndices(data, modules.FIRST_PER_SENSE));
    const senses = rawFirst.senses;
    first[word] = { shipped, rawFirstMs: rawFirst.ms, firstSentences: rawFirst.sentences };
    results.row(
      `First hover on '${word}' (${senses} senses), model loaded, no index, shipped settings (maxExamplesPerSense 100, completeIndexInBackground: progressive)`,
      `${ms(shipped.ms)} (${shipped.stage} index, ${rawFirst.sentences} sentences embedded; next hover ${ms(shipped.next)})`,
    );
    results.row(`First hover on '${word}': raw onnxruntime forward of those ${rawFirst.sentences} sentences (the engine's batches)`, ms(rawFirst.ms));
    log(`first hover ${word}: shipped ${ms(shipped.ms)}`);
    if (options.skipFullIndex) continue;
    const full = await firstHover({ maxExamplesPerSense: 0 });
    const rawFull = await rawForward(word, sampleIndices(data, 0));
    first[word] = { ...(first[word] as object), full, rawFullMs: rawFull.ms, trainSentences: rawFull.sentences };
    results.row(`First hover on '${word}', full index (maxExamplesPerSense 0: all ${rawFull.sentences} training sentences)`, `${ms(full.ms)} (next hover ${ms(full.next)})`);
    results.row(`First hover on '${word}': raw onnxruntime forward of all ${rawFull.sentences} sentences`, ms(rawFull.ms));
    log(`first hover ${word}: full ${ms(full.ms)}`);
  }
  await raw.dispose();
  await tokens.dispose();

  const word = options.firstWord;
  const hover = testHovers(modules, options.data, word)[0];
  const coldCache = tmpDir('cold');
  const warmUp = engineFor(coldCache);
  await warmUp.classify(hover.slice, hover.offset, hoverOptions());
  await warmUp.dispose();
  /** A new engine on `cacheDir` until its first hover is answered (dispose not timed). */
  const newEngineFirstHover = async (cacheDir: string) => {
    const start = performance.now();
    const engine = engineFor(cacheDir);
    await engine.classify(hover.slice, hover.offset, hoverOptions());
    const elapsed = performance.now() - start;
    await engine.dispose();
    return elapsed;
  };
  // Cold start with the index and the prepared model on disk (VS Code restarted).
  const coldMs = await newEngineFirstHover(coldCache);
  results.row(`Cold start, index and prepared model on disk: new SenseEngine + model load + first hover ('${word}')`, ms(coldMs));
  // Cold start with nothing cached: construction + load (model prepared) + full index build + first hover.
  const coldFreshMs = options.skipFullIndex ? undefined : await newEngineFirstHover(tmpDir('empty'));
  if (coldFreshMs !== undefined) results.row(`Cold start, nothing cached: new SenseEngine + model load (prepared) + full index build + first hover ('${word}')`, ms(coldFreshMs));
  results.json.cold = { first, word, importMs, coldMs, coldFreshMs };
  log(`cold ${ms(coldMs)}`);
}
