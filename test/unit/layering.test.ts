/**
 * The engine boundary, as imports: the VS Code layer reaches the engine only through the protocol
 * (`src/shared/engineProtocol.ts`) and the client that speaks it; the engine never sees `vscode`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports, type-only ones included. */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'|require\('([^']+)'\)/gms)].map((m) => m[1] ?? m[2]);
}

/** Module specifiers of value imports (type-only imports vanish at build time). */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
}

/** `src/`-relative targets of a file's relative imports. */
function localImports(file: string): string[] {
  return imports(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec)));
}

const under = (dir: string) => files(path.join(SRC, dir));
const rel = (file: string) => path.relative(SRC, file);

describe('layering', () => {
  it('the engine (src/bert, src/senses) and the shared modules never import vscode', () => {
    for (const file of ['bert', 'senses', 'shared'].flatMap(under)) {
      assert.ok(!imports(file).includes('vscode'), rel(file));
    }
  });

  it('the protocol module imports nothing', () => {
    assert.deepEqual(imports(path.join(SRC, 'shared', 'engineProtocol.ts')), []);
  });

  it('the shared modules use only each other and Node', () => {
    for (const file of under('shared')) {
      for (const spec of imports(file)) {
        const local = spec.startsWith('.') && !path.relative(path.join(SRC, 'shared'), path.resolve(path.dirname(file), spec)).startsWith('..');
        // tsx: only when run from source (tests), to start a worker from its .ts file.
        // The manifest owns the settings' defaults and rules (see settingRules.ts).
        const manifest = spec === '../../package.json' && file.endsWith('settingRules.ts');
        assert.ok(local || manifest || spec.startsWith('node:') || (spec === 'tsx/cjs' && file.endsWith('workerScript.ts')), `${rel(file)} imports ${spec}`);
      }
    }
  });

  it('nothing under src/vscode imports the engine: only src/shared (the protocol) and its own modules', () => {
    let checked = 0;
    for (const file of under('vscode')) {
      for (const target of localImports(file)) {
        checked++;
        assert.ok(target.startsWith('shared') || target.startsWith('vscode'), `${rel(file)} imports ${target}`);
      }
      for (const spec of imports(file).filter((s) => !s.startsWith('.'))) {
        assert.ok(spec === 'vscode' || spec.startsWith('node:'), `${rel(file)} imports the package ${spec}`);
      }
    }
    assert.ok(checked > 50, 'the import scan found the imports');
  });

  it('the webview imports only src/shared of the extension (the protocol and the message types)', () => {
    const webview = path.resolve(SRC, '../webview');
    let checked = 0;
    for (const file of files(webview).filter((f) => !f.includes(`${path.sep}dev${path.sep}`))) {
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
        if (!target.startsWith('..')) {
          checked++;
          assert.ok(target.startsWith('shared'), `${path.relative(webview, file)} imports src/${target}`);
        }
      }
    }
    assert.ok(checked > 3, 'the import scan found the imports');
  });

  it('the web entries: the extension reaches the engine only through the VS Code layer, the worker never sees vscode', () => {
    const web = (name: string) => path.join(SRC, 'web', name);
    assert.deepEqual(localImports(web('extension.ts')).filter((p) => /^(bert|senses)\//.test(p)), []);
    assert.ok(!imports(web('engineWorker.ts')).includes('vscode'));
    assert.deepEqual(imports(web('posixPath.ts')), [], 'posixPath.ts stands in for node:path: it imports nothing');
  });

  it('the scan sees type-only imports and re-exports too', () => {
    const probe = path.join(SRC, 'senses', 'types.ts');
    assert.ok(localImports(probe).includes('shared/engineProtocol'));
  });

  it('only src/senses/wordnet/wink.ts imports the wink packages, and only loadWink requires it', () => {
    // esbuild.mjs makes wink.ts the lazily loaded dist/wink.js; an import elsewhere would put its
    // 5 MB back into dist/engineWorker.js, parsed on every engine start.
    for (const file of files(SRC)) {
      const rel = path.relative(SRC, file);
      const text = fs.readFileSync(file, 'utf8');
      if (rel !== path.join('senses', 'wordnet', 'wink.ts')) {
        assert.deepEqual(valueImports(file).filter((spec) => spec.startsWith('wink-')), [], rel);
        assert.ok(!/require\('wink-/.test(text), rel);
      }
      if (rel !== path.join('senses', 'wordnet', 'loadWink.ts')) {
        assert.deepEqual(valueImports(file).filter((spec) => spec === './wink'), [], rel);
        assert.ok(!/require\('\.\/wink'\)/.test(text), rel);
      }
    }
  });
});
