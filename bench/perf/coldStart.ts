/**
 * Cold start and first hover: a hover with the model loaded but no cached index, the next hover,
 * the shipped capped-index first hover, and a new engine with the index on disk or with nothing
 * cached. Also reports the engine's import time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EngineModules } from './engineModules';
import { testHovers } from './hovers';
import { log, ms, tmpDir } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

export async function measureColdStart(options: PerfOptions, modules: EngineModules, results: PerfResults): Promise<void> {
  const { engineFor, hoverOptions, importMs } = modules;
  const word = options.firstWord;
  const hover = testHovers(modules, options.data, word)[0];
  const coldCache = tmpDir('cold');
  let t = performance.now();
  const cold = engineFor(coldCache);
  await cold.load();
  const loadMs = performance.now() - t;
  t = performance.now();
  const first = await cold.classify(hover.slice, hover.offset, hoverOptions());
  const firstMs = performance.now() - t;
  t = performance.now();
  await cold.classify(hover.slice, hover.offset, hoverOptions());
  const secondMs = performance.now() - t;
  await cold.dispose();
  /** A new engine on `cacheDir` until its first hover is answered (dispose not timed). */
  const newEngineFirstHover = async (cacheDir: string) => {
    const start = performance.now();
    const engine = engineFor(cacheDir);
    await engine.classify(hover.slice, hover.offset, hoverOptions());
    const elapsed = performance.now() - start;
    await engine.dispose();
    return elapsed;
  };
  // Cold start with the index on disk (VS Code restarted): construction + model load + first hover.
  const coldMs = await newEngineFirstHover(coldCache);
  // Cold start with nothing cached: construction + load + index build + first hover.
  const coldFreshMs = await newEngineFirstHover(tmpDir('empty'));
  // The shipped hover settings: capped first index (maxExamplesPerSense 100) completed in the background.
  const cappedEngine = engineFor(tmpDir('capped'));
  await cappedEngine.load();
  t = performance.now();
  await cappedEngine.classify(hover.slice, hover.offset, { ...hoverOptions(), maxPerSense: 100, completeInBackground: true });
  const cappedFirstMs = performance.now() - t;
  await cappedEngine.dispose();
  const trainCount = fs.readFileSync(path.join(options.data, word, 'train.data.txt'), 'utf8').split('\n').filter(Boolean).length;
  results.json.cold = { word, trainCount, cappedFirstMs, importMs, loadMs, firstMs, secondMs, coldMs, coldFreshMs, winner: first?.winner.sense };
  results.row('Engine module import (first `import(../senses)`, tsx: includes TS transpile)', ms(importMs));
  results.row(`First hover on '${word}', model loaded, no cached index (dataset read + ${trainCount} train sentences embedded + index)`, `${ms(firstMs)} (next hover ${ms(secondMs)})`);
  results.row(`First hover on '${word}' with the shipped defaults (maxExamplesPerSense 100, completeIndexInBackground): capped index, full one built after`, ms(cappedFirstMs));
  results.row(`Cold start, index on disk: new SenseEngine + model load + first hover ('${word}')`, `${ms(coldMs)} (model load alone ${ms(loadMs)})`);
  results.row(`Cold start, nothing cached: new SenseEngine + model load + index build + first hover ('${word}')`, ms(coldFreshMs));
  log(`cold ${ms(coldMs)}, first ${ms(firstMs)}`);
}
