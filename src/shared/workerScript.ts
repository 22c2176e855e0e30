import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread of `name` (`engineWorker`, `onnxWorker`, `probeWorker`): `dist/<name>.js`
 * next to the bundle (esbuild.mjs builds each), or, run from source (tests, benchmarks under tsx),
 * the source file `sourceDir/<name>.ts` after registering tsx's CommonJS hook.
 */
export function startWorker(name: string, sourceDir: string, workerData?: unknown): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, `${name}.js`), { workerData });
  const source = path.join(sourceDir, `${name}.ts`);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
