/**
 * What substitutes ("BERT would also say…") add to a warm hover. Per hover, on a sentence the
 * worker has not seen: `off` (the warm hover: forward + classification), then `off`, `unmasked` and
 * `masked` again, which find the sentence's states shared and skip its forward. The unmasked hover's
 * forward is the plain one (the head runs in the same request, after it), so `unmasked − off` over
 * shared states is exactly what it adds: the head on one target state, ranking and decoding.
 * `masked − off` adds the second forward on the masked sentence as well. Budget: unmasked p50 ≤ 10 %
 * of the warm hover p50, set for bert-base shape (12 layers); a smaller model gets no verdict: its
 * forward is so cheap that one hidden × vocab product is a large share of it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SubstituteMode } from '../../src/senses/types';
import { latencyStats } from '../metrics';
import type { EngineModules } from './engineModules';
import type { Hover, WarmEngine } from './hovers';
import { log, mb, ms } from './measure';
import type { PerfOptions } from './options';
import type { PerfResults } from './results';

const BUDGET_SHARE = 0.1;

export async function measureSubstitutes(options: PerfOptions, modules: EngineModules, results: PerfResults, warm: WarmEngine, hovers: readonly Hover[]): Promise<void> {
  const e = await warm.get();
  const timed = async (h: Hover, substitutes: SubstituteMode) => {
    const t0 = performance.now();
    const result = await e.classify(h.slice, h.offset, { ...modules.hoverOptions(), substitutes });
    const elapsed = performance.now() - t0;
    if (!result || (substitutes !== 'off' && !result.substitutes)) throw new Error(`no ${substitutes} substitutes for ${h.word}`);
    return elapsed;
  };
  // Warm-up: the head's first runs allocate.
  for (const h of hovers.slice(-5)) for (const mode of ['unmasked', 'masked'] as const) await timed(h, mode);

  const set = hovers.slice(0, options.hovers);
  const hover: number[] = [];
  const unmasked: number[] = [];
  const masked: number[] = [];
  for (const h of set) {
    hover.push(await timed(h, 'off'));
    const shared = await timed(h, 'off');
    unmasked.push((await timed(h, 'unmasked')) - shared);
    masked.push((await timed(h, 'masked')) - shared);
  }
  const hs = latencyStats(hover);
  const us = latencyStats(unmasked);
  const mks = latencyStats(masked);
  const share = us.p50 / hs.p50;
  const prepared = path.join(warm.cacheDir, 'models', '.prepared');
  const headFile = path.join(prepared, fs.readdirSync(prepared).find((f) => f.endsWith('.head.onnx'))!);
  const modelFile = headFile.replace(/\.head\.onnx$/, '.onnx');
  const headBytes = fs.statSync(headFile).size;
  // What the head's session adds, in a fresh process: RSS after creating it less after the model's.
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'loadChild.ts'), 'head', modelFile, headFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const child = JSON.parse(out.trim().split('\n').pop()!) as { loadMs: number; rssBefore: number; rssAfterLoad: number };
  const headRss = child.rssAfterLoad - child.rssBefore;

  const label = `${set.length} hovers on ${options.hoverWords.length} words' test sentences in context`;
  results.row(`Substitutes: warm hover without them (${label}), p50 / p95`, `${ms(hs.p50)} / ${ms(hs.p95)}`);
  const bertBase = (e.numLayers ?? 0) >= 12;
  results.row(
    'Substitutes, unmasked: added per hover (MLM head on the target state, no extra forward), p50 / p95',
    `${ms(us.p50)} / ${ms(us.p95)} (${(100 * share).toFixed(1)} % of the hover p50)`,
    `≤ ${100 * BUDGET_SHARE} % of the warm hover p50${bertBase ? '' : ' (at bert-base shape)'}`,
    bertBase ? share <= BUDGET_SHARE : undefined,
  );
  results.row(
    'Substitutes, masked: added per hover (a second forward with [MASK], then the head), p50 / p95',
    `${ms(mks.p50)} / ${ms(mks.p95)} (${(100 * mks.p50 / hs.p50).toFixed(0)} % of the hover p50)`,
  );
  results.row(
    'Substitutes: the MLM head session, created at model load from its prepared file (fresh process): RSS added, time, file size',
    `${mb(headRss)}, ${ms(child.loadMs)}, ${mb(headBytes)}`,
  );
  log(`substitutes: hover p50 ${ms(hs.p50)}, unmasked +${ms(us.p50)}, masked +${ms(mks.p50)}`);
  results.json.substitutes = { words: options.hoverWords, hover: hs, unmaskedAdded: us, maskedAdded: mks, unmaskedShareOfHoverP50: share, headBytes, headRss, headLoadMs: child.loadMs };
}
