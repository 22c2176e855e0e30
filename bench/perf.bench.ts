/**
 * Performance benchmark (not a test: nothing is asserted). Prints a Markdown table and writes JSON
 * to bench/results/ (or `--out`). `npm run bench:perf -- --help` lists the flags and the sections
 * (bench/perf/options.ts).
 *
 * `--scenario reading` runs a reader's hovers with think time (bench/perf/reading.ts) instead of the
 * sections (`--scenario runtimes`: onnxruntime-node against onnxruntime-web WASM, bench/perf/runtimes.ts), with the run settings of the settings' flags (default: the extension's, the product
 * recipe); `--json` also writes its summary to that file.
 *
 * The npm script runs `node --expose-gc --import tsx`, so RSS is measured after a full GC.
 * The data (CC BY-NC 4.0) is only read from `--data`; results hold timings only. The sections live
 * in bench/perf/, one file each, and run in this order.
 */
import { runBench } from './cli';
import { measureActivation } from './perf/activation';
import { measureBoundary } from './perf/boundary';
import { measureColdStart } from './perf/coldStart';
import { importEngine } from './perf/engineModules';
import { measureHoverLatency } from './perf/hoverLatency';
import { interleave, testHovers, WarmEngine } from './perf/hovers';
import { measureIndexBuild } from './perf/indexThroughput';
import { measureModelLoad } from './perf/modelLoad';
import { gc, log, tmpDir } from './perf/measure';
import { parsePerfOptions } from './perf/options';
import { measureProbeTraining } from './perf/probeTraining';
import { measureProjections } from './perf/projection';
import { measureReading } from './perf/reading';
import { PerfResults } from './perf/results';
import { measureRuntimes } from './perf/runtimes';
import { measureSoak } from './perf/soak';
import { measureTeaching } from './perf/teaching';
import { measureSubstitutes } from './perf/substitutes';
import { measureThreads } from './perf/threads';
import { measureVsixSize } from './perf/vsixSize';

async function main() {
  const started = Date.now();
  const options = parsePerfOptions();
  const results = new PerfResults();
  log(`model ${options.model}, data ${options.data}, hovers ${options.hovers}, soak ${options.soak}, gc ${gc ? 'exposed' : 'NOT exposed'}`);
  results.start(options);
  if (options.scenario) {
    await (options.scenario === 'reading' ? measureReading : measureRuntimes)(options, results);
    results.finish(options, started);
    return;
  }

  // Activation, in fresh Node processes before anything of the engine is loaded here.
  if (options.runs('activation')) measureActivation(results);
  // Model load in fresh processes, before this one holds a model.
  if (options.runs('load')) measureModelLoad(options, results);
  const modules = await importEngine(options);
  const warmCache = tmpDir('warm');
  if (options.runs('cold')) await measureColdStart(options, modules, results);
  if (options.runs('index')) await measureIndexBuild(options, modules, results, warmCache);

  const hoverLists = options.hoverWords.map((word) => testHovers(modules, options.data, word));
  const hovers = interleave(hoverLists);
  const warm = new WarmEngine(modules, warmCache, hoverLists);
  if (options.runs('hover')) await measureHoverLatency(options, modules, results, warm, hovers);
  if (options.runs('substitutes')) await measureSubstitutes(options, modules, results, warm, hovers);
  if (options.runs('soak')) await measureSoak(options, modules, results, warm, hovers);
  await warm.dispose();
  if (options.runs('boundary')) await measureBoundary(options, modules, results, hovers);

  if (options.runs('threads')) await measureThreads(options, modules, results, hovers);
  if (options.runs('vsix')) measureVsixSize(results);
  if (options.runs('probe')) await measureProbeTraining(options, modules, results);
  if (options.runs('projection')) await measureProjections(results);
  if (options.runs('teach')) await measureTeaching(options, results);
  results.finish(options, started);
}

runBench(main);
