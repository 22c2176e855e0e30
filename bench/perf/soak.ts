/**
 * Soak: RSS and heap after 100 warm hovers (or all of a shorter soak) vs after `--soak` hovers
 * (after full GCs; budget ≤ 5 % growth), and the drift of the median latency from the first to the
 * last hovers.
 */
import { performance } from 'node:perf_hooks';
import { latencyStats, quantile } from '../metrics';
import type { EngineModules } from './engineModules';
import type { Hover, WarmEngine } from './hovers';
import { gc, log, mb, ms, settle } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

export async function measureSoak(options: PerfOptions, modules: EngineModules, results: PerfResults, warm: WarmEngine, hovers: readonly Hover[]): Promise<void> {
  const SOAK = options.soak;
  const BASE = Math.min(100, SOAK);
  const e = await warm.get();
  const lat: number[] = [];
  let rssBase = 0;
  let heapBase = 0;
  const trajectory: { hovers: number; rss: number; heap: number }[] = [];
  settle();
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < SOAK; i++) {
    const h = hovers[i % hovers.length];
    const t0 = performance.now();
    await e.classify(h.slice, h.offset, modules.hoverOptions());
    lat.push(performance.now() - t0);
    if (i + 1 === BASE) {
      settle();
      rssBase = process.memoryUsage().rss;
      heapBase = process.memoryUsage().heapUsed;
    }
    if ((i + 1) % 2000 === 0) {
      settle();
      trajectory.push({ hovers: i + 1, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
      log(`soak ${i + 1}/${SOAK}: rss ${mb(process.memoryUsage().rss)}`);
    }
  }
  settle();
  const rssEnd = process.memoryUsage().rss;
  const heapEnd = process.memoryUsage().heapUsed;
  const growth = (rssEnd - rssBase) / rssBase;
  const window = Math.min(1000, Math.floor(SOAK / 2));
  const firstP50 = quantile(lat.slice(0, window), 0.5);
  const lastP50 = quantile(lat.slice(-window), 0.5);
  results.json.soak = { rssBefore, trajectory, hovers: SOAK, distinctHovers: Math.min(SOAK, hovers.length), base: BASE, rssBase, rssEnd, heapBase, heapEnd, growth, firstP50, lastP50, all: latencyStats(lat), gc: Boolean(gc) };
  results.row(`RSS after ${BASE} warm hovers → after ${SOAK} (${Math.min(SOAK, hovers.length)} distinct)${gc ? ', after global.gc()' : ', NO gc exposed'}`, `${mb(rssBase)} → ${mb(rssEnd)} (${(growth * 100).toFixed(1)} %); heap ${mb(heapBase)} → ${mb(heapEnd)}`, '≤ 5 % growth', growth <= 0.05);
  results.row(`Soak latency drift: p50 of first ${window} vs last ${window} hovers`, `${ms(firstP50)} → ${ms(lastP50)} (${(((lastP50 - firstP50) / firstP50) * 100).toFixed(1)} %)`);
  log(`soak rss ${mb(rssBase)} -> ${mb(rssEnd)}`);
}
