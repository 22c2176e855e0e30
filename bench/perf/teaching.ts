/**
 * Teaching latency: from "add example" (`SenseEngine.teach`: lock, re-read, edit and write the store
 * file) to an updated classification of a hover on the word, for a taught word with 3 senses × 10
 * examples. The first classification builds the word's index (30 forward passes' worth of
 * sentences); every taught example after it costs one forward pass for itself plus the hover's
 * own, which the numbers count. Centroid classifier: with the probe the answer is the same (the
 * centroid answers until the new index's probe is trained in the background).
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SenseEngine } from '../../src/senses/senseEngine';
import { log, ms, tmpDir } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

const SENSES: [string, string, string[]][] = [
  ['os', 'kernel (operating system)', ['schedules every process', 'loads the disk driver', 'handles the interrupt', 'panicked at boot', 'maps virtual memory', 'was patched for the bug', 'isolates the containers', 'answers the system call', 'was compiled with debug symbols', 'reclaims unused pages']],
  ['ml', 'kernel (machine learning)', ['measures similarity between points', 'of the support vector machine is Gaussian', 'width was tuned on validation', 'trick avoids explicit features', 'matrix must be positive definite', 'smooths the density estimate', 'maps inputs to a higher space', 'of the Gaussian process was learned', 'bandwidth controls the fit', 'ridge regression fits the curve']],
  ['grain', 'kernel (grain)', ['of corn popped in the oil', 'of wheat holds the germ', 'was roasted with salt', 'of maize is yellow', 'cracked between her teeth', 'of the walnut is edible', 'sprouted in the damp soil', 'of rice was polished', 'fell from the husk', 'of barley was malted']],
];
const HOVER = 'The kernel preempts the running process when its time slice ends.';
const REPEATS = 10;

export async function measureTeaching(options: PerfOptions, results: PerfResults): Promise<void> {
  const dir = tmpDir('teach');
  const store = path.join(dir, 'workspace', '.vscode', 'word-senses.json');
  const engine = new SenseEngine({ model: options.model, dtype: options.dtype, contextWindow: options.contextWindow, cacheDir: path.join(dir, 'cache'), allowNetwork: false, taughtStores: [store], coarsewsd20: false });
  const run = options.run;
  const teach = (sense: string, label: string, tail: string) => {
    const sentence = `The kernel ${tail}.`;
    return engine.teach({ word: 'kernel', sense, label, sentence, start: 4, end: 10 });
  };
  try {
    await engine.load();
    // Warm the model itself on another taught word.
    await engine.teach({ word: 'spring', label: 'spring (season)', sentence: 'Spring came early.', start: 0, end: 6 });
    await engine.classify('In spring the days grow longer.', 4, run);
    for (const [sense, label, tails] of SENSES) for (const tail of tails) await teach(sense, label, tail);
    let t = performance.now();
    const firstPasses = engine.forwardPasses!;
    await engine.classify(HOVER, 5, run);
    const firstMs = performance.now() - t;
    const firstForwards = engine.forwardPasses! - firstPasses;

    const teachMs: number[] = [];
    const classifyMs: number[] = [];
    const forwards: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const [sense, label] = SENSES[i % SENSES.length];
      const passes = engine.forwardPasses!;
      t = performance.now();
      await teach(sense, label, `example number ${i + 1} of the benchmark`);
      const taught = performance.now();
      const r = await engine.classify(HOVER, 5, run);
      const done = performance.now();
      if (r?.senses.reduce((n, s) => n + s.examples, 0) !== 31 + i) throw new Error('the classification did not use the new example');
      teachMs.push(taught - t);
      classifyMs.push(done - taught);
      forwards.push(engine.forwardPasses! - passes);
    }
    const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
    const total = teachMs.map((x, i) => x + classifyMs[i]);
    const model = `${path.basename(options.model)} ${options.dtype}`;
    results.row(`Teaching (${model}): first hover on a word taught 3 × 10 examples`, `${ms(firstMs)} (${firstForwards} forward passes)`);
    results.row(
      `Teaching (${model}): add an example → updated hover, median of ${REPEATS}`,
      `${ms(median(total))}, max ${ms(Math.max(...total))} (medians: store edit ${ms(median(teachMs))}, classify ${ms(median(classifyMs))}; forward passes per step: ${[...new Set(forwards)].join(' or ')})`,
    );
    log(`teach: first ${ms(firstMs)}, add → hover median ${ms(median(total))}, max ${ms(Math.max(...total))}`);
    results.json.teaching = { model: options.model, dtype: options.dtype, firstMs, firstForwards, teachMs, classifyMs, forwards };
  } finally {
    await engine.dispose();
  }
}
