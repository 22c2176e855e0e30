/**
 * Cost of training the linear probe (settings chosen on a split of train, then refitted), for the
 * `--probe-words` (default a 2-sense word, bank, and a 5-sense word, mole), with all training
 * examples and with the default cap of 100 per sense: on the benchmark model's own vectors, and, when that model is not
 * 768-wide, on those vectors lifted to bert-base's 768 dims (a fixed random projection plus
 * noise: the same labels and much the same difficulty, four to six times the work). Wall time and
 * the process's CPU time (the better figure on a shared, busy machine: training is single-threaded),
 * and the longest the event loop waited meanwhile: training yields before every pass over the
 * data, so a hover is never held up by more than one pass.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildSenseIndex, sampleIndices } from '../../src/senses';
import { trainProbe, type ProbeTrainingSet } from '../../src/senses/probe/probe';
import { type EngineModules } from './engineModules';
import { log, ms, tmpDir } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

const CAP = 100;
const BERT_BASE_WIDTH = 768;

export async function measureProbeTraining(options: PerfOptions, modules: EngineModules, results: PerfResults): Promise<void> {
  const engine = modules.engineFor(tmpDir('probe'));
  const runs: Record<string, unknown>[] = [];
  try {
    for (const word of options.probeWords) {
      const { data, layerMeans, hidden } = await engine.trainingLayerMeans(word, { ...modules.run, maxExamplesPerSense: 0 });
      for (const cap of [0, CAP]) {
        const index = buildSenseIndex(data, sampleIndices(data, cap).filter((i) => layerMeans.has(i)), layerMeans, hidden, modules.run.vector);
        const sets: ProbeTrainingSet[] = hidden === BERT_BASE_WIDTH ? [index] : [index, lifted(index, BERT_BASE_WIDTH)];
        for (const set of sets) {
          const dims = set.units[0].length;
          const delay = monitorEventLoopDelay({ resolution: 5 });
          delay.enable();
          const t = performance.now();
          const cpu = process.cpuUsage();
          const probe = await trainProbe(set);
          const trainMs = performance.now() - t;
          const { user, system } = process.cpuUsage(cpu);
          const cpuMs = (user + system) / 1000;
          delay.disable();
          const source = set === index ? 'model vectors' : `model vectors projected to ${dims}`;
          const label = `${word} (${data.senses.length} senses), ${cap ? `≤${cap}/sense` : 'all'}: ${set.units.length} × ${dims} dims, ${source}`;
          runs.push({ word, senses: data.senses.length, cap, examples: set.units.length, dims, source, trainMs, cpuMs, maxEventLoopDelayMs: delay.max / 1e6, l2: probe.l2, classWeighting: probe.classWeighting });
          results.row(`Probe training, ${label}`, `${ms(trainMs)}, CPU ${ms(cpuMs)} (event loop held ≤ ${ms(delay.max / 1e6)})`);
          log(`probe ${label}: ${ms(trainMs)}, CPU ${ms(cpuMs)}`);
        }
      }
    }
  } finally {
    await engine.dispose();
  }
  results.json.probeTraining = runs;
}

/** The set's vectors through a fixed random `dims × d` Gaussian projection, plus noise, at unit length. */
function lifted(set: ProbeTrainingSet, dims: number): ProbeTrainingSet {
  const random = gaussian(7);
  const d = set.units[0].length;
  const projection = Float64Array.from({ length: dims * d }, () => random() / Math.sqrt(d));
  const units = set.units.map((u) => {
    const v = new Float32Array(dims);
    for (let i = 0; i < dims; i++) {
      let x = 0.1 * random() / Math.sqrt(dims);
      for (let j = 0; j < d; j++) x += projection[i * d + j] * u[j];
      v[i] = x;
    }
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
  return { senses: set.senses, senseOf: set.senseOf, units };
}

/** Standard normal numbers (Box–Muller over a seeded LCG). */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 1) / 4294967297;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
