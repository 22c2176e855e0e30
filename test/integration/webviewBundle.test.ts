import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';

describe('webview bundle', () => {
  it('needs no eval under the strict CSP (no eval, new Function or string timers)', async () => {
    const result = await esbuild.build({
      entryPoints: [path.resolve(__dirname, '../../webview/main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      outdir: 'out',
      minify: false,
      logLevel: 'silent',
    });
    const js = result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text).join('\n');
    assert.ok(js.length > 100_000, 'bundle unexpectedly small');
    assert.doesNotMatch(js, /\beval\s*\(|new Function\s*\(|\bFunction\s*\(\s*["'`]/);
    assert.doesNotMatch(js, /set(Timeout|Interval)\s*\(\s*["'`]/);
    assert.doesNotMatch(js, /https?:\/\/[^"'\s]*\.(js|css|woff2?)\b/, 'remote resource in the bundle');
  });
});
