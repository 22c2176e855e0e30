/**
 * `node:os` for the web engine's bundle (esbuild.mjs): one core, since onnxruntime-web runs
 * single-threaded without `SharedArrayBuffer` (docs/web.md); the web has no home folder.
 */
export const availableParallelism = () => 1;
export const cpus = () => [{}];
export const homedir = () => '/';
export const tmpdir = () => '/tmp';
export const platform = () => 'browser';
export const EOL = '\n';

export default { availableParallelism, cpus, homedir, tmpdir, platform, EOL };
