/**
 * Model load, each in a fresh process so peak RSS is the load's own: the first load ever (nothing
 * cached: the tapped, optimized graph is prepared and written), a later load (from the prepared
 * file), and the raw-onnxruntime anchor (a session created from that file, nothing else). The
 * engine runs also answer one hover with the shipped settings.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { log, mb, ms, tmpDir } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

interface ChildResult {
  readonly loadMs: number;
  readonly peakRssAfterLoad: number;
  readonly hoverMs?: number;
  readonly indexStage?: string;
  readonly peakRssAfterHover?: number;
}

export function measureModelLoad(options: PerfOptions, results: PerfResults): void {
  const cacheDir = tmpDir('load');
  const child = (mode: 'engine' | 'raw', dir: string): ChildResult => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'loadChild.ts'), mode, options.model, options.dtype, dir, options.data, options.firstWord],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
  };
  const first = child('engine', cacheDir);
  const later = child('engine', cacheDir);
  // The engine keeps prepared files in <cacheDir>/models/.prepared.
  const raw = child('raw', path.join(cacheDir, 'models', '.prepared'));
  results.json.load = { dtype: options.dtype, first, later, raw };
  const hover = (r: ChildResult) => `first hover on '${options.firstWord}' ${ms(r.hoverMs!)} (${r.indexStage} index), peak RSS ${mb(r.peakRssAfterHover!)}`;
  results.row(`Model load (${options.dtype}), first ever: tap + optimize + write the prepared file, fresh process`, `${ms(first.loadMs)}, peak RSS ${mb(first.peakRssAfterLoad)}; ${hover(first)}`);
  results.row(`Model load (${options.dtype}), later: from the prepared file, fresh process`, `${ms(later.loadMs)}, peak RSS ${mb(later.peakRssAfterLoad)}; ${hover(later)}`);
  results.row('Model load: raw onnxruntime anchor (InferenceSession.create from the prepared file, 1 thread, fresh process)', `${ms(raw.loadMs)}, peak RSS ${mb(raw.peakRssAfterLoad)}`);
  log(`load first ${ms(first.loadMs)}, later ${ms(later.loadMs)}, raw ${ms(raw.loadMs)}`);
}
