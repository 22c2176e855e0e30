/**
 * Warm hover latency: `engine.classify` vs a raw onnxruntime forward of the same ids, interleaved
 * one by one so both see the same machine load; budget p95 ≤ 1.2 × raw p95 + 5 ms.
 */
import { performance } from 'node:perf_hooks';
import { latencyStats, quantile } from '../metrics';
import type { EngineModules } from './engineModules';
import { lastFourLayers } from './forward';
import { hoverInput, type Hover, type WarmEngine } from './hovers';
import { log, ms } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

export async function measureHoverLatency(options: PerfOptions, modules: EngineModules, results: PerfResults, warm: WarmEngine, hovers: readonly Hover[]): Promise<void> {
  const e = await warm.get();
  const tokens = await modules.encoderFor();
  const raw = await modules.rawFor();
  const layers = lastFourLayers(raw.numLayers);
  const sample = hovers.slice(0, options.hovers);
  const inputs = sample.map((h) => hoverInput(modules, tokens, h));
  await tokens.dispose();
  for (let i = 0; i < 20; i++) await raw.forward([inputs[i].ids], layers); // warm-up
  const hoverMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    const h = sample[i];
    let t0 = performance.now();
    const result = await e.classify(h.slice, h.offset, modules.hoverOptions());
    hoverMs.push(performance.now() - t0);
    if (!result) throw new Error(`no classification for ${h.word}`);
    t0 = performance.now();
    await raw.forward([inputs[i].ids], layers);
    rawMs.push(performance.now() - t0);
  }
  await raw.dispose();
  const hs = latencyStats(hoverMs);
  const rs = latencyStats(rawMs);
  const budget = 1.2 * rs.p95 + 5;
  const lengths = inputs.map((i) => i.ids.length);
  results.json.hover = { words: options.hoverWords, hover: hs, raw: rs, budgetMs: budget, ids: latencyStats(lengths) };
  results.row(`Warm hover, ${sample.length} hovers on ${options.hoverWords.length} words' test sentences (${Math.min(...lengths)}–${Math.max(...lengths)} ids, median ${quantile(lengths, 0.5)}): engine.classify`, `p50 ${ms(hs.p50)}, p95 ${ms(hs.p95)}, max ${ms(hs.max)}`);
  results.row('Warm hover: raw onnxruntime forward of the same ids (same prepared graph on this thread, batch 1, last 4 layers)', `p50 ${ms(rs.p50)}, p95 ${ms(rs.p95)}, max ${ms(rs.max)}`);
  results.row('Warm hover p95 vs budget 1.2 × raw p95 + 5 ms', `${ms(hs.p95)} vs ${ms(budget)}`, '≤ 1.2 × raw p95 + 5 ms', hs.p95 <= budget);
  log(`hover p95 ${ms(hs.p95)} raw p95 ${ms(rs.p95)}`);
}
