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

/** Module specifiers of value imports (type-only imports vanish at build time). */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
}

describe('layering', () => {
  it('the engine (src/bert, src/senses, src/shared) never imports vscode', () => {
    for (const file of ['bert', 'senses', 'shared'].flatMap((dir) => files(path.join(SRC, dir)))) {
      assert.ok(!/from 'vscode'|require\('vscode'\)/.test(fs.readFileSync(file, 'utf8')), path.relative(SRC, file));
    }
  });

  it('the VS Code layer loads the engine only lazily, plus a few dependency-free leaf modules', () => {
    // Anything else would pull Transformers.js and onnxruntime into dist/extension.js and slow activation.
    const leaves = new Set<string>();
    for (const file of files(path.join(SRC, 'vscode'))) {
      for (const spec of valueImports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
        if (target.startsWith('bert') || target.startsWith('senses')) {
          assert.ok(leaves.has(target), `${path.relative(SRC, file)} imports ${target}`);
        }
      }
    }
    for (const leaf of leaves) assert.deepEqual(valueImports(path.join(SRC, `${leaf}.ts`)), [], `${leaf} must stay dependency-free`);
  });

  it('only src/senses/wordnet/wink.ts imports the wink packages, and only loadWink requires it', () => {
    // esbuild.mjs makes wink.ts the lazily loaded dist/wink.js; an import elsewhere would put its
    // 5 MB back into dist/engine.js, parsed on every engine load.
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
