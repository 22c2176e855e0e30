/**
 * `--scenario runtimes`: the same tapped graph on onnxruntime-node and on onnxruntime-web's WASM
 * build in Node, in one run, each in fresh child processes (`runtimeChild.ts`) so their peaks do
 * not mix, with the engine's threads: model load, first hover (building the word's capped index),
 * warm hover p95, index build throughput and peak RSS. onnxruntime-node runs twice, as a user's
 * first session (the prepared file is written) and a later one (read from it); WASM has no files
 * and taps the graph in memory on every load, as the web does (`--wasm-only`: that column alone, to
 * repeat the web's case). Then the sizes a web build carries and the VSIX's.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { latencyStats } from '../metrics';
import { log, mb, ms, tmpDir } from './measure';
import { ROOT, type PerfOptions } from './options';
import type { PerfResults } from './results';
import type { ChildRequest, ChildResult } from './runtimeChild';

/** What the web build must carry of onnxruntime-web 1.31: the JS entry, its WASM loader and binary. */
const WEB_RUNTIME_FILES = {
  'WASM only (ort.wasm.min.mjs)': ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'],
  'WebGPU + WASM (ort.webgpu.min.mjs)': ['ort.webgpu.min.mjs', 'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'],
} as const;

interface Column {
  readonly label: string;
  readonly result: ChildResult;
}

export async function measureRuntimes(options: PerfOptions, results: PerfResults): Promise<void> {
  const [word, indexWord, nextWord = 'crane'] = options.firstWords.length > 1 ? options.firstWords : [options.firstWords[0], options.firstWord];
  const child = (runtime: ChildRequest['runtime'], cacheDir: string): ChildResult => {
    const request: ChildRequest = {
      runtime,
      model: options.model,
      dtype: options.dtype,
      contextWindow: options.contextWindow,
      run: options.run,
      cacheDir,
      data: options.data,
      word,
      hovers: options.hovers,
      nextWord,
      indexWord,
      ...(options.threads !== undefined && { threads: options.threads }),
    };
    log(`runtimes: ${runtime} (${path.basename(cacheDir)})…`);
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'runtimeChild.ts'), JSON.stringify(request)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
    log(`runtimes: ${runtime} load ${ms(result.loadMs)} (${result.loadedFrom}), first hover ${ms(result.firstHoverMs)}, peak ${mb(result.peakRssBytes)}`);
    return result;
  };

  const columns: Column[] = [];
  if (!options.wasmOnly) {
    const first = tmpDir('node-first');
    columns.push({ label: 'onnxruntime-node, first session', result: child('node', first) });
    // A later session: the prepared file is there, the indexes are not (the first hover builds one again).
    const later = tmpDir('node-later');
    linkTree(path.join(first, 'models', '.prepared'), path.join(later, 'models', '.prepared'));
    columns.push({ label: 'onnxruntime-node, later session', result: child('node', later) });
  }
  columns.push({ label: 'onnxruntime-web WASM (in Node)', result: child('wasm', tmpDir('wasm')) });

  const header = `${path.basename(options.model)} ${options.dtype}, ${columns[0].result.threads} threads, window ${options.contextWindow}, maxExamplesPerSense ${options.run.maxExamplesPerSense}`;
  const each = (f: (r: ChildResult) => string) => columns.map((c) => `${c.label}: ${f(c.result)}`).join('; ');
  const node = columns.length > 1 ? columns[1].result : undefined;
  const wasm = columns.at(-1)!.result;
  const ratio = (f: (r: ChildResult) => number, what = '') => (node ? `. WASM / node later: ${(f(wasm) / f(node)).toFixed(2)}×${what}` : '');
  const p95 = (r: ChildResult) => latencyStats(r.warmMs).p95;
  const rate = (r: ChildResult) => r.indexSentences / (r.indexMs / 1000);
  results.row(`Runtimes (${header}): model load (engine.load: tokenizer, graph, sessions)`, `${each((r) => `${ms(r.loadMs)} (CPU ${ms(r.loadCpuMs)}, ${r.loadedFrom})`)}${ratio((r) => r.loadMs)}`);
  results.row(`Runtimes: first hover on '${word}' (its index of ${wasm.firstPerSense} examples per sense built)`, `${each((r) => `${ms(r.firstHoverMs)} (CPU ${ms(r.firstHoverCpuMs)})`)}${ratio((r) => r.firstHoverMs, node && `, CPU ${(wasm.firstHoverCpuMs / node.firstHoverCpuMs).toFixed(2)}×`)}`, 'WASM < 3 s', wasm.firstHoverMs < 3000);
  const runs = (r: ChildResult) => {
    const total = r.firstHoverRuns.reduce((n, run) => n + run.ms, 0);
    const shapes = r.firstHoverRuns.map((run) => `${run.batch}×${run.sequence}`).join(', ');
    return `${r.firstHoverRuns.length} runs (${shapes}) ${ms(total)}, the first ${ms(r.firstHoverRuns[0]?.ms ?? 0)}; the rest ${ms(r.firstHoverMs - total)}`;
  };
  results.row("Runtimes: the first hover's forward passes (batch × ids, in order; the rest: data, tokenizer, index, probe)", each(runs));
  results.row(`Runtimes: first hover on a next word, '${nextWord}', the session warm`, `${each((r) => ms(r.nextWordMs))}${ratio((r) => r.nextWordMs)}`, 'WASM < 3 s', wasm.nextWordMs < 3000);
  results.row(`Runtimes: warm hovers on ${wasm.warmMs.length} other sentences of '${word}', p50 / p95`, `${each((r) => `${ms(latencyStats(r.warmMs).p50)} / ${ms(p95(r))}`)}${ratio(p95)}`);
  results.row(`Runtimes: index build of '${indexWord}' (${wasm.indexSentences} sentences)`, `${each((r) => `${rate(r).toFixed(1)} sent/s (CPU ${(r.indexCpuMs / r.indexSentences).toFixed(0)} ms per sentence)`)}${node ? `. node later / WASM: ${(rate(node) / rate(wasm)).toFixed(2)}×, CPU ${(wasm.indexCpuMs / node.indexCpuMs).toFixed(2)}×` : ''}`);
  results.row('Runtimes: peak RSS of the process (worker threads included)', `${each((r) => mb(r.peakRssBytes))}`);

  const dist = path.join(ROOT, 'node_modules', 'onnxruntime-web', 'dist');
  const sizes: Record<string, { bytes: number; gzip: number }> = {};
  for (const [build, files] of Object.entries(WEB_RUNTIME_FILES)) {
    const bytes = files.map((f) => fs.readFileSync(path.join(dist, f)));
    sizes[build] = { bytes: bytes.reduce((n, b) => n + b.length, 0), gzip: bytes.reduce((n, b) => n + gzipSync(b).length, 0) };
    results.row(`Web build carries onnxruntime-web, ${build}: ${files.join(' + ')}`, `${mb(sizes[build].bytes)} (${mb(sizes[build].gzip)} gzipped)`);
  }
  const web = path.join(ROOT, 'dist', 'web');
  const webBytes = fs.existsSync(web) ? treeSize(web) : undefined;
  results.row('Web bundle: dist/web/ (npm run build)', webBytes === undefined ? 'not built in this checkout' : mb(webBytes));
  const vsix = fs.readdirSync(ROOT).filter((f) => f.endsWith('.vsix')).map((f) => ({ file: f, bytes: fs.statSync(path.join(ROOT, f)).size }));
  for (const v of vsix) results.row(`VSIX: ${v.file}`, mb(v.bytes));
  if (vsix.length === 0) results.row('VSIX', 'none in the repository root (npm run package)');

  results.json.runtimes = { word, nextWord, indexWord, load: os.loadavg(), columns, webRuntime: sizes, webBundleBytes: webBytes, vsix };
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(results.json.runtimes, null, 2)}\n`);
}

/** `to` with hard links to the files of `from`: a prepared bert-base graph is hundreds of MB. */
function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) fs.linkSync(path.join(from, f), path.join(to, f));
}

function treeSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
}
