/**
 * VSIX size (budget ≤ 40 MB each): the .vsix files in the repository root, packaged first with
 * `npm run package` when there are none and scripts/package.mjs exists.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mb } from './measure';
import { ROOT } from './options';
import type { PerfResults } from './results';

export function measureVsixSize(results: PerfResults): void {
  let vsix = fs.readdirSync(ROOT).filter((f) => f.endsWith('.vsix'));
  if (vsix.length === 0 && fs.existsSync(path.join(ROOT, 'scripts/package.mjs'))) {
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
    vsix = fs.readdirSync(ROOT).filter((f) => f.endsWith('.vsix'));
  }
  results.json.vsix = vsix.map((f) => ({ file: f, bytes: fs.statSync(path.join(ROOT, f)).size, mtime: fs.statSync(path.join(ROOT, f)).mtime }));
  for (const f of vsix) {
    const size = fs.statSync(path.join(ROOT, f)).size;
    results.row(`VSIX size: ${f}`, mb(size), '≤ 40 MB', size <= 40 * 1_048_576);
  }
  if (vsix.length === 0) results.row('VSIX size', 'no VSIX and no scripts/package.mjs: not measured');
}
