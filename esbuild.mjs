// Bundles the extension host (Node, CJS) and the "Plot Senses" webview (browser, ESM).
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (npm run build)
//   node esbuild.mjs --watch       rebuild on change, errors in the VS Code problem-matcher format
// Type checking is a separate step: `npm run typecheck`.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Resolved at run time from the VSIX's node_modules, never bundled.
 * - onnxruntime-node: native binaries (transformers.js#863, onnxruntime#15136).
 * - onnxruntime-common: onnxruntime-node validates tensors with `instanceof Tensor` of *its* copy, so
 *   transformers.js must use that same copy (a bundled second copy would fail the check).
 */
const EXTERNAL_MODULES = ['vscode', 'onnxruntime-node', 'onnxruntime-common'];

/**
 * Imported by @huggingface/transformers but never needed for text-only use: replaced by an empty
 * module, so they are neither bundled nor `require`d at run time (as transformers.js'
 * scripts/build/plugins/ignoreModulesPlugin.mjs does for its own web build).
 * - sharp: image loading only.
 * - onnxruntime-web: the WASM/WebGPU backend; we run on onnxruntime-node.
 */
const IGNORED_MODULES = ['sharp', 'onnxruntime-web'];

/** @param {readonly string[]} modules @returns {esbuild.Plugin} */
function ignoreModulesPlugin(modules) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filter = new RegExp(`^(${modules.map(escape).join('|')})(/.*)?$`);
  return {
    name: 'ignore-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'ignore-modules' }));
      // `export default {}` like transformers.js: its image module throws at load time when the
      // default export is falsy; an empty object is only touched when an image is actually read.
      build.onLoad({ filter: /.*/, namespace: 'ignore-modules' }, () => ({
        contents: 'export default {};',
        loader: 'js',
      }));
    },
  };
}

/**
 * Node's built-ins in the web bundles (a browser's extension host and its Web Worker have none):
 * `path` is src/web/posixPath.ts; every other one is a module of the same export names whose
 * functions throw "node:fs/promises stat() is not available in VS Code for the Web yet.", so code
 * that merely imports one loads, and the code path that needs it fails naming what it needed.
 * Nothing of Node is bundled.
 * @type {esbuild.Plugin}
 */
const nodeBuiltinsForWebPlugin = nodeBuiltinsForWeb({});

/**
 * The same, with some built-ins in place of the stubs: the web engine's (`WEB_ENGINE_BUILTINS`).
 * @param {Record<string, string>} replaced built-in name → source file
 * @returns {esbuild.Plugin}
 */
function nodeBuiltinsForWeb(replaced) {
  return {
  name: 'node-builtins-for-web',
  setup(build) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!names.has(args.path)) return undefined;
      const name = args.path.replace(/^node:/, '');
      if (name === 'path' || name === 'path/posix') return { path: new URL('./src/web/posixPath.ts', import.meta.url).pathname };
      if (replaced[name]) return { path: new URL(replaced[name], import.meta.url).pathname };
      return { path: name, namespace: 'node-builtin-for-web' };
    });
    const require = createRequire(import.meta.url);
    build.onLoad({ filter: /.*/, namespace: 'node-builtin-for-web' }, (args) => {
      const exports = Object.keys(require(`node:${args.path}`)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
      const unavailable = `(name) => function () { throw new Error(\`node:${args.path} \${name}() is not available in VS Code for the Web yet.\`); }`;
      return {
        contents: `const unavailable = ${unavailable};\n` + exports.map((key) => `export const ${key} = unavailable(${JSON.stringify(key)});`).join('\n') + `\nexport default {};`,
        loader: 'js',
      };
    });
  },
  };
}

/**
 * What the web engine's worker gets for Node's built-ins it really uses: files through the
 * extension host (src/web/hostFiles.ts), SHA-256, CRC-32, one core. docs/web.md.
 */
const WEB_ENGINE_BUILTINS = {
  'fs/promises': './src/web/hostFiles.ts',
  fs: './src/web/node/fs.ts',
  crypto: './src/web/node/crypto.ts',
  zlib: './src/web/node/zlib.ts',
  os: './src/web/node/os.ts',
  buffer: './src/web/node/buffer.ts',
};

/**
 * The web engine's modules in place of the desktop's: the ONNX and probe workers are served in the
 * engine's own worker (src/web/workerScript.ts for src/shared/workerScript.ts), and taught-senses
 * files are locked through the host's files (src/web/storeLock.ts for
 * src/senses/taught/storeLock.ts, proper-lockfile).
 * @type {esbuild.Plugin}
 */
const webModulesPlugin = {
  name: 'web-modules',
  setup(build) {
    build.onResolve({ filter: /\/shared\/workerScript$/ }, () => ({ path: new URL('./src/web/workerScript.ts', import.meta.url).pathname }));
    build.onResolve({ filter: /\/storeLock$/ }, () => ({ path: new URL('./src/web/storeLock.ts', import.meta.url).pathname }));
  },
};

/**
 * onnxruntime-web's binaries, which the web engine reads through the host: the WASM-only build's
 * (single-threaded SIMD) and the WebGPU build's (src/web/webGpu.ts), read only where WebGPU runs.
 */
const WEB_WASM = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.asyncify.wasm'];

/**
 * The web engine's own WebGPU import (src/web/webGpu.ts) is the real WebGPU build, its glue in the
 * bundle (`ort.webgpu.bundle.min.mjs`): a Blob worker cannot import the glue at run time. Every
 * other `onnxruntime-web/webgpu` (Transformers.js') is the WASM-only build (`alias` below).
 * @type {esbuild.Plugin}
 */
const webGpuBuildPlugin = {
  name: 'web-gpu-build',
  setup(build) {
    build.onResolve({ filter: /^onnxruntime-web\/webgpu$/ }, (args) =>
      args.importer.endsWith('/src/web/webGpu.ts') ? { path: new URL('./node_modules/onnxruntime-web/dist/ort.webgpu.bundle.min.mjs', import.meta.url).pathname } : undefined,
    );
  },
};

/** Prints errors in the format of the `$esbuild-watch` problem matcher (esbuild-sample). */
function problemMatcherPlugin(name) {
  return {
    name: 'problem-matcher',
    setup(build) {
      build.onStart(() => console.log(`[watch] build started (${name})`));
      build.onEnd((result) => {
        for (const { text, location } of result.errors) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        console.log(`[watch] build finished (${name})`);
      });
    },
  };
}

/**
 * WordNet's tagger and lemmatizer (the wink packages, 5.4 MB minified) are their own bundle,
 * `dist/wink.js`, which the engine `require`s on the first WordNet lookup (src/senses/wordnet/loadWink.ts).
 * @type {esbuild.Plugin}
 */
const lazyWinkPlugin = {
  name: 'lazy-wink',
  setup(build) {
    build.onResolve({ filter: /^\.\/wink$/ }, (args) =>
      args.kind === 'require-call' ? { path: './wink.js', external: true } : undefined,
    );
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  legalComments: production ? 'linked' : 'inline',
};

/** @type {Record<string, esbuild.BuildOptions>} */
const targets = {
  extension: {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL_MODULES,
    plugins: watch ? [problemMatcherPlugin('extension')] : [],
  },
  // The sense engine (Transformers.js, ml-pca, WordNet: most of the code) runs in a worker thread
  // (src/vscode/engineClient.ts starts it): the extension host never loads any of it.
  engineWorker: {
    ...common,
    entryPoints: ['src/senses/engineWorker.ts'],
    outfile: 'dist/engineWorker.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL_MODULES,
    // transformers' ESM build reads `import.meta.url`; in CJS output esbuild makes it `{}` and the
    // library falls back to `__filename`, which is what we want. Silence that warning only.
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [ignoreModulesPlugin(IGNORED_MODULES), lazyWinkPlugin, ...(watch ? [problemMatcherPlugin('engineWorker')] : [])],
  },
  // WordNet's tagger and lemmatizer, the engine `require`s it on the first WordNet lookup.
  wink: {
    ...common,
    entryPoints: ['src/senses/wordnet/wink.ts'],
    outfile: 'dist/wink.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: watch ? [problemMatcherPlugin('wink')] : [],
  },
  // onnxruntime runs in its own worker thread (src/bert/onnxSession.ts starts it from the engine's).
  onnxWorker: {
    ...common,
    entryPoints: ['src/bert/onnxWorker.ts'],
    outfile: 'dist/onnxWorker.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL_MODULES,
    // Its `wasm` runtime (onnxruntime-web) is for measuring from source: the desktop bundle leaves it out.
    plugins: [ignoreModulesPlugin(['onnxruntime-web']), ...(watch ? [problemMatcherPlugin('onnxWorker')] : [])],
  },
  // Linear probes are trained in a worker thread (src/senses/probe/probeTrainer.ts), started from this file.
  probeWorker: {
    ...common,
    entryPoints: ['src/senses/probe/probeWorker.ts'],
    outfile: 'dist/probeWorker.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: watch ? [problemMatcherPlugin('probeWorker')] : [],
  },
  // The web extension (vscode.dev, github.dev, code-server's web worker host): the same VS Code layer
  // as dist/extension.js, its engine in a Web Worker (src/web/extension.ts starts it). docs/web.md.
  webExtension: {
    ...common,
    entryPoints: ['src/web/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    external: ['vscode'],
    plugins: [nodeBuiltinsForWebPlugin, ...(watch ? [problemMatcherPlugin('webExtension')] : [])],
  },
  webEngineWorker: {
    ...common,
    entryPoints: ['src/web/engineWorker.ts'],
    outfile: 'dist/web/engineWorker.js',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    logOverride: { 'empty-import-meta': 'silent' },
    // onnxruntime-node is the desktop's runtime. WordNet's tagger and lemmatizer (./wink, 5.4 MB)
    // are bundled: the worker cannot `require` a file, and esbuild keeps the module's body lazy (run
    // on the first WordNet lookup), so the start only parses it (docs/web.md).
    // Transformers.js' onnxruntime-web is the WASM-only build (it only tokenizes here), the one the
    // engine's runtime falls back to; the WebGPU build comes in only for src/web/webGpu.ts.
    alias: { 'onnxruntime-web/webgpu': 'onnxruntime-web/wasm' },
    inject: ['./src/web/node/buffer.ts'],
    // A browser has no process id (temporary files' names, src/bert/cacheFiles.ts) and no module
    // folder (`startWorker`'s, which src/web/workerScript.ts does not need).
    define: { 'process.pid': '0', __dirname: '"/"' },
    plugins: [
      ignoreModulesPlugin(['sharp', 'onnxruntime-node']),
      webModulesPlugin,
      webGpuBuildPlugin,
      nodeBuiltinsForWeb(WEB_ENGINE_BUILTINS),
      ...(watch ? [problemMatcherPlugin('webEngineWorker')] : []),
    ],
  },
  webview: {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'media/webview/main.js', // main.css is emitted next to it (imported by main.ts)
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    plugins: watch ? [problemMatcherPlugin('webview')] : [],
  },
};

async function main() {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const selected = Object.entries(targets).filter(([name]) => !only || only.split(',').includes(name));
  // No stale source maps of a development build next to a production bundle.
  if (production) await Promise.all(selected.map(([, o]) => rm(`${o.outfile}.map`, { force: true })));
  if (production && selected.some(([name]) => name === 'webview')) await rm('media/webview/main.css.map', { force: true });
  const contexts = await Promise.all(selected.map(([, options]) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  try {
    const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    if (selected.some(([name]) => name === 'webEngineWorker')) {
      await mkdir('dist/web', { recursive: true });
      await Promise.all(WEB_WASM.map((file) => copyFile(`node_modules/onnxruntime-web/dist/${file}`, `dist/web/${file}`)));
    }
    if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
