/**
 * Cost of training the linear probe (settings chosen on a split of train, then refitted), for a
 * 2-sense word (bank) and a 5-sense word (mole), with all training examples and with the default
 * cap of 100 per sense: on the benchmark model's own vectors, and, when that model is not
 * 768-wide, on synthetic 768-d vectors with the same labels (bert-base's width). Also the longest
 * the event loop waited meanwhile: training yields between iterations, so a hover is never held
 * up by more than one pass over the data.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildSenseIndex, sampleIndices } from '../../src/senses';
import { trainProbe, type ProbeTrainingSet } from '../../src/senses/probe/probe';
import { VECTOR, type EngineModules } from './engineModules';
import { log, ms, tmpDir } from './measure';
import type { PerfResults } from './results';

const WORDS = ['bank', 'mole'];
const CAP = 100;
const BERT_BASE_WIDTH = 768;

export async function measureProbeTraining(modules: EngineModules, results: PerfResults): Promise<void> {
  const engine = modules.engineFor(tmpDir('probe'));
  const runs: Record<string, unknown>[] = [];
  try {
    for (const word of WORDS) {
      const { data, layerMeans, hidden } = await engine.trainingLayerMeans(word, { vector: VECTOR, maxPerSense: 0 });
      for (const cap of [0, CAP]) {
        const index = buildSenseIndex(data, sampleIndices(data, cap).filter((i) => layerMeans.has(i)), layerMeans, hidden, VECTOR);
        const sets: ProbeTrainingSet[] = hidden === BERT_BASE_WIDTH ? [index] : [index, synthetic(index, BERT_BASE_WIDTH)];
        for (const set of sets) {
          const dims = set.units[0].length;
          const delay = monitorEventLoopDelay({ resolution: 5 });
          delay.enable();
          const t = performance.now();
          const probe = await trainProbe(set);
          const trainMs = performance.now() - t;
          delay.disable();
          const source = set === index ? 'model vectors' : 'synthetic';
          const label = `${word} (${data.senses.length} senses), ${cap ? `≤${cap}/sense` : 'all'}: ${set.units.length} × ${dims} dims, ${source}`;
          runs.push({ word, senses: data.senses.length, cap, examples: set.units.length, dims, source, trainMs, maxEventLoopDelayMs: delay.max / 1e6, l2: probe.l2, classWeighting: probe.classWeighting });
          results.row(`Probe training, ${label}`, `${ms(trainMs)} (event loop held ≤ ${ms(delay.max / 1e6)})`);
          log(`probe ${label}: ${ms(trainMs)}`);
        }
      }
    }
  } finally {
    await engine.dispose();
  }
  results.json.probeTraining = runs;
}

/**
 * The index's labels on `dims`-d unit vectors: a direction shared by all (as in BERT's vectors),
 * one random direction per sense and Gaussian noise, from a fixed seed.
 */
function synthetic(index: ProbeTrainingSet, dims: number): ProbeTrainingSet {
  const random = gaussian(7);
  const direction = () => Float32Array.from({ length: dims }, () => random() / Math.sqrt(dims));
  const shared = direction();
  const senses = index.senses.map(direction);
  const units = Array.from(index.senseOf, (s) => {
    const v = Float32Array.from({ length: dims }, (_, j) => 2 * shared[j] + senses[s][j] + (1.5 * random()) / Math.sqrt(dims));
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
  return { senses: index.senses, senseOf: index.senseOf, units };
}

/** Standard normal numbers (Box–Muller over a seeded LCG). */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 1) / 4294967297;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
