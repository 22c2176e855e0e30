/**
 * Activation: `require(dist/extension.js)` + `activate()` in 7 fresh Node processes
 * (bench/activation.cjs against the test fake of `vscode`), and whether activation loads a model.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { latencyStats } from '../metrics';
import { log, ms, tmpDir } from './measure';
import { ROOT } from './options';
import type { PerfResults } from './results';

/**
 * Builds dist/extension.js first (a stale bundle would time old code) and bundles the fake the
 * integration tests use, so the bench sees every API they keep the fake in step with.
 */
export function measureActivation(results: PerfResults): void {
  const bundle = path.join(ROOT, 'dist/extension.js');
  execFileSync(process.execPath, ['esbuild.mjs', '--production', '--only=extension'], { cwd: ROOT, stdio: 'inherit' });
  const fake = path.join(tmpDir('activation-fake'), 'vscode.cjs');
  esbuild.buildSync({ entryPoints: [path.join(ROOT, 'test/fakes/vscode.ts')], outfile: fake, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const runs: Record<string, any>[] = [];
  for (let i = 0; i < 7; i++) {
    const child = spawnSync(process.execPath, [path.join(ROOT, 'bench/activation.cjs'), bundle, tmpDir('activation'), fake], { encoding: 'utf8' });
    const run = JSON.parse(child.stdout.trim().split('\n').pop() || '{}') as Record<string, any>;
    if (child.status !== 0 || run.error) throw new Error(`activation failed: ${run.error ?? child.stderr}`);
    runs.push(run);
  }
  if (runs[0].missingFakeApis.length) throw new Error(`activation touched APIs test/fakes/vscode.ts lacks: ${runs[0].missingFakeApis.join(', ')}`);
  const total = latencyStats(runs.map((r) => r.totalMs));
  const req = latencyStats(runs.map((r) => r.requireMs));
  const act = latencyStats(runs.map((r) => r.activateMs));
  results.json.activation = { runs, bundleBytes: fs.statSync(bundle).size, bundleMtime: fs.statSync(bundle).mtime };
  results.row('Activation: require(dist/extension.js) + activate(), median of 7 fresh processes', `${ms(total.p50)} (require ${ms(req.p50)}, activate ${ms(act.p50)}; min ${ms(Math.min(...runs.map((r) => r.totalMs)))}, max ${ms(total.max)})`, '≤ 50 ms', total.p50 <= 50);
  const noModel = runs.every((r) => r.sessionCreates === 0 && r.onnxRequiredAfter300ms.length === 0);
  results.row('Activation loads no model', noModel ? `yes: InferenceSession.create calls 0, onnxruntime-node not required (within 300 ms after activate); ${runs[0].subscriptions} subscriptions, ${runs[0].commands} commands, ${runs[0].hoverProviders} hover provider` : `NO: ${JSON.stringify(runs.map((r) => [r.sessionCreates, r.onnxRequiredAfter300ms]))}`, 'no model', noModel);
  log(`activation ${ms(total.p50)}`);
}
