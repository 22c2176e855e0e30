/**
 * Activation: `require(dist/extension.js)` + `activate()` in 7 fresh Node processes
 * (bench/activation.cjs against a fake `vscode`), and whether activation loads a model.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { latencyStats } from '../metrics';
import { log, ms, tmpDir } from './measure';
import { ROOT } from './options';
import type { PerfResults } from './results';

/** Builds dist/extension.js first if it is missing. */
export function measureActivation(results: PerfResults): void {
  const bundle = path.join(ROOT, 'dist/extension.js');
  if (!fs.existsSync(bundle)) execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  const runs: Record<string, any>[] = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'bench/activation.cjs'), bundle, tmpDir('activation')], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  if (runs[0].error) throw new Error(`activation failed: ${runs[0].error}`);
  const total = latencyStats(runs.map((r) => r.totalMs));
  const req = latencyStats(runs.map((r) => r.requireMs));
  const act = latencyStats(runs.map((r) => r.activateMs));
  results.json.activation = { runs, bundleBytes: fs.statSync(bundle).size, bundleMtime: fs.statSync(bundle).mtime };
  results.row('Activation: require(dist/extension.js) + activate(), median of 7 fresh processes', `${ms(total.p50)} (require ${ms(req.p50)}, activate ${ms(act.p50)}; min ${ms(Math.min(...runs.map((r) => r.totalMs)))}, max ${ms(total.max)})`, '≤ 50 ms', total.p50 <= 50);
  const noModel = runs.every((r) => r.sessionCreates === 0 && r.onnxRequiredAfter300ms.length === 0);
  results.row('Activation loads no model', noModel ? `yes: InferenceSession.create calls 0, onnxruntime-node not required (within 300 ms after activate); ${runs[0].subscriptions} subscriptions, ${runs[0].commands} commands, ${runs[0].hoverProviders} hover provider` : `NO: ${JSON.stringify(runs.map((r) => [r.sessionCreates, r.onnxRequiredAfter300ms]))}`, 'no model', noModel);
  if (runs[0].missingFakeApis.length) results.row('Activation touched APIs the fake lacks', runs[0].missingFakeApis.join(', '));
  log(`activation ${ms(total.p50)}`);
}
