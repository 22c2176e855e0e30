/**
 * What the extension host's thread pays, with the engine in this thread (`SenseEngine` directly, as
 * the extension host ran it before the engine boundary) and behind it (`EngineClient` and the engine
 * worker, as the extension runs it now): main-thread busy time (event-loop utilization) and the
 * event loop's delay during a word's index build, and per warm hover with its latency. Interleaved
 * per phase on fresh caches, so both see the same machine load.
 */
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { CallSettings, TargetMatch } from '../../src/shared/engineProtocol';
import { EngineClient } from '../../src/vscode/engineClient';
import { latencyStats } from '../metrics';
import type { EngineModules } from './engineModules';
import type { Hover } from './hovers';
import { log, ms, tmpDir } from './measure';
import { ROOT, type PerfOptions } from './options';
import type { PerfResults } from './results';

/** One way of running the engine: classify a found target, and end. */
interface Arrangement {
  readonly name: string;
  classify(text: string, target: TargetMatch, run: CallSettings): Promise<unknown>;
  dispose(): Promise<void>;
}

async function inThread(modules: EngineModules): Promise<Arrangement> {
  const engine = modules.engineFor(tmpDir('boundary-thread'));
  await engine.load();
  return { name: 'in the host thread (before)', classify: (text, target, run) => engine.classifyTarget(text, target, run), dispose: () => engine.dispose() };
}

async function behindBoundary(options: PerfOptions): Promise<Arrangement> {
  const client = new EngineClient({
    settings: { model: options.model, dtype: options.dtype, contextWindow: options.contextWindow, cacheDir: tmpDir('boundary-worker'), datasetFolder: options.data, allowNetwork: false },
    logLevel: 'warn',
  });
  await client.load();
  return { name: 'behind the engine boundary (now)', classify: (text, target, run) => client.call('classify', { text, target, run }), dispose: () => client.dispose() };
}

/** Wall time, main-thread busy time and event-loop delay of `work`. */
async function observe(work: () => Promise<unknown>): Promise<{ wallMs: number; busyMs: number; delayMaxMs: number; delayP99Ms: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  const used = performance.eventLoopUtilization(elu);
  delay.disable();
  return { wallMs, busyMs: used.active, delayMaxMs: delay.max / 1e6, delayP99Ms: delay.percentile(99) / 1e6 };
}

/** RSS of a process in MB, from /proc (Linux). */
function rssOf(pid: number): number | undefined {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return status ? Number(status[1]) / 1024 : undefined;
}

/**
 * Engine start as a worker thread (what the extension does) and as a child process (the
 * alternative): time from spawn to the engine's `hello`, and the memory it adds. The built bundle
 * `dist/engineWorker.js` runs both (built first if missing), median of 5 each, interleaved.
 */
async function measureEngineStart(options: PerfOptions, results: PerfResults): Promise<void> {
  const bundle = path.join(ROOT, 'dist/engineWorker.js');
  if (!fs.existsSync(bundle)) execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  const workerData = { settings: { model: options.model, dtype: options.dtype, contextWindow: options.contextWindow, cacheDir: tmpDir('start'), allowNetwork: false }, logLevel: 'warn' };
  const runs: { worker: { ms: number; mb: number }[]; child: { ms: number; mb: number }[] } = { worker: [], child: [] };
  for (let i = 0; i < 5; i++) {
    const before = process.memoryUsage().rss;
    let t = performance.now();
    const worker = new Worker(bundle, { workerData });
    await new Promise<void>((resolve) => worker.on('message', (m: { type: string }) => m.type === 'hello' && resolve()));
    runs.worker.push({ ms: performance.now() - t, mb: (process.memoryUsage().rss - before) / 1_048_576 });
    await worker.terminate();
    t = performance.now();
    const child = fork(path.join(ROOT, 'bench/engineChild.cjs'), { env: { ...process.env, ENGINE_BUNDLE: bundle, ENGINE_WORKER_DATA: JSON.stringify(workerData) } });
    await new Promise<void>((resolve) => child.on('message', (m: { type: string }) => m.type === 'hello' && resolve()));
    runs.child.push({ ms: performance.now() - t, mb: rssOf(child.pid!) ?? NaN });
    child.kill();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const worker = { ms: median(runs.worker.map((r) => r.ms)), mb: median(runs.worker.map((r) => r.mb)) };
  const child = { ms: median(runs.child.map((r) => r.ms)), mb: median(runs.child.map((r) => r.mb)) };
  results.json.engineStart = runs;
  results.row('Engine start as a worker thread (the extension): spawn to ready, host RSS added (median of 5)', `${ms(worker.ms)}, +${worker.mb.toFixed(0)} MB`);
  results.row('Engine start as a child process (the alternative): spawn to ready, its RSS (median of 5)', `${ms(child.ms)}, ${child.mb.toFixed(0)} MB`);
  log(`engine start: worker ${ms(worker.ms)} +${worker.mb.toFixed(0)} MB, child ${ms(child.ms)} ${child.mb.toFixed(0)} MB`);
}

export async function measureBoundary(options: PerfOptions, modules: EngineModules, results: PerfResults, hovers: readonly Hover[]): Promise<void> {
  await measureEngineStart(options, results);
  const word = options.firstWord;
  const first = hovers.find((h) => h.word === word) ?? hovers[0];
  const cap = options.skipFullIndex ? modules.FIRST_PER_SENSE : 100;
  const build: CallSettings = { ...options.run, classifier: { method: 'centroid' }, maxExamplesPerSense: cap };
  const warmHovers = hovers.slice(0, Math.min(options.hovers, 100));
  const json: Record<string, unknown> = {};
  for (const make of [() => inThread(modules), () => behindBoundary(options)]) {
    const arrangement = await make();
    try {
      const target = modules.inventory.findAt(first.slice, first.offset)!;
      const index = await observe(() => arrangement.classify(first.slice, target, build));
      // Every hover word's index, so the timed hovers below are warm.
      for (const w of new Set(warmHovers.map((h) => h.word))) {
        const h = warmHovers.find((x) => x.word === w)!;
        await arrangement.classify(h.slice, modules.inventory.findAt(h.slice, h.offset)!, build);
      }
      const hoverMs: number[] = [];
      const busyMs: number[] = [];
      for (const h of warmHovers) {
        const r = await observe(() => arrangement.classify(h.slice, modules.inventory.findAt(h.slice, h.offset)!, build));
        hoverMs.push(r.wallMs);
        busyMs.push(r.busyMs);
      }
      const hs = latencyStats(hoverMs);
      const bs = latencyStats(busyMs);
      json[arrangement.name] = { index, hover: hs, hoverBusy: bs };
      results.row(
        `Engine ${arrangement.name}: first hover on "${word}" building its index (${cap} per sense): wall, main-thread busy, event-loop delay max / p99`,
        `${ms(index.wallMs)}, busy ${ms(index.busyMs)}, delay ${ms(index.delayMaxMs)} / ${ms(index.delayP99Ms)}`,
      );
      results.row(
        `Engine ${arrangement.name}: ${warmHovers.length} warm hovers: latency p50 / p95, main-thread busy per hover p50 / p95`,
        `${ms(hs.p50)} / ${ms(hs.p95)}, busy ${ms(bs.p50)} / ${ms(bs.p95)}`,
      );
      log(`boundary ${arrangement.name}: index busy ${ms(index.busyMs)} of ${ms(index.wallMs)}, hover p95 ${ms(hs.p95)} busy p95 ${ms(bs.p95)}`);
    } finally {
      await arrangement.dispose();
    }
  }
  results.json.boundary = json;
}
