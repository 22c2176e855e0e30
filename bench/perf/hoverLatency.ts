/**
 * Warm hover latency on the test sentences in context and on short editor-like sentences:
 * `engine.classify` vs a raw onnxruntime forward of the same ids, interleaved one by one so both
 * see the same machine load; budget p95 ≤ 1.2 × raw p95 + 5 ms.
 */
import { performance } from 'node:perf_hooks';
import { latencyStats, quantile } from '../metrics';
import type { EngineModules } from './engineModules';
import { lastFourLayers } from './forward';
import { hoverInput, interleave, shortHovers, type Hover, type WarmEngine } from './hovers';
import { log, ms } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

export async function measureHoverLatency(options: PerfOptions, modules: EngineModules, results: PerfResults, warm: WarmEngine, hovers: readonly Hover[]): Promise<void> {
  const e = await warm.get();
  const tokens = await modules.encoderFor();
  const raw = await modules.rawFor();
  const short = interleave(options.hoverWords.map((w) => shortHovers(modules, options.data, w)));
  const sets = [
    { name: 'test', label: "test sentences in context (2 neighbours each side, as the hover provider cuts them)", hovers: hovers.slice(0, options.hovers) },
    { name: 'short', label: 'short editor-like sentences (10–40 words, alone)', hovers: short.slice(0, options.hovers) },
  ];
  const json: Record<string, unknown> = {};
  for (const set of sets) {
    const inputs = set.hovers.map((h) => hoverInput(modules, tokens, h));
    const layers = lastFourLayers(raw.numLayers);
    for (const input of inputs.slice(0, 20)) await raw.forward([input.ids], layers); // warm-up
    const hoverMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < set.hovers.length; i++) {
      const h = set.hovers[i];
      let t0 = performance.now();
      const result = await e.classify(h.slice, h.offset, modules.hoverOptions());
      hoverMs.push(performance.now() - t0);
      if (!result) throw new Error(`no classification for ${h.word}`);
      t0 = performance.now();
      await raw.forward([inputs[i].ids], layers);
      rawMs.push(performance.now() - t0);
    }
    const hs = latencyStats(hoverMs);
    const rs = latencyStats(rawMs);
    const budget = 1.2 * rs.p95 + 5;
    const lengths = inputs.map((i) => i.ids.length);
    json[set.name] = { hover: hs, raw: rs, budgetMs: budget, ids: latencyStats(lengths) };
    results.row(
      `Warm hover, ${set.hovers.length} hovers on ${options.hoverWords.length} words' ${set.label}, ${Math.min(...lengths)}–${Math.max(...lengths)} ids (median ${quantile(lengths, 0.5)}): engine.classify`,
      `p50 ${ms(hs.p50)}, p95 ${ms(hs.p95)}, max ${ms(hs.max)}`,
    );
    results.row('Warm hover: raw onnxruntime forward of the same ids (same prepared graph on this thread, batch 1, last 4 layers)', `p50 ${ms(rs.p50)}, p95 ${ms(rs.p95)}, max ${ms(rs.max)}`);
    results.row('Warm hover p95 vs budget 1.2 × raw p95 + 5 ms', `${ms(hs.p95)} vs ${ms(budget)}`, '≤ 1.2 × raw p95 + 5 ms', hs.p95 <= budget);
    log(`hover ${set.name} p95 ${ms(hs.p95)} raw p95 ${ms(rs.p95)}`);
  }
  await raw.dispose();
  await tokens.dispose();
  results.json.hover = { words: options.hoverWords, ...json };
}
