/**
 * Process-level helpers of the performance benchmark: formatting of times and sizes, the load
 * average, the progress log, scratch folders (removed when the run ends) and a forced GC before
 * memory readings.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `global.gc`, present when Node runs with `--expose-gc` (as the npm script does). */
export const gc = (globalThis as { gc?: () => void }).gc;

/** The 1/5/15-minute load average, e.g. `1.02 0.80 0.75`. */
export const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** A progress line on stderr with the time and the load. */
export const log = (m: string) => process.stderr.write(`[perf ${new Date().toISOString().slice(11, 19)} load ${load()}] ${m}\n`);

/**
 * This run's scratch folder under the OS temp folder, removed when the process exits: at bert-base
 * every engine cache in it holds a prepared model of hundreds of MB.
 */
const SCRATCH = fs.mkdtempSync(path.join(os.tmpdir(), 'bws-perf-'));
process.on('exit', () => fs.rmSync(SCRATCH, { recursive: true, force: true }));

/** A new empty folder in the run's scratch folder. */
export function tmpDir(name: string): string {
  return fs.mkdtempSync(path.join(SCRATCH, `${name}-`));
}

/** Two full GCs (when exposed), so RSS and heap readings do not count garbage. */
export function settle(): void {
  gc?.();
  gc?.();
}
