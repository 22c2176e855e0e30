/** The web bundles' `node:path` (src/web/posixPath.ts) agrees with Node's POSIX paths. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as web from '../../src/web/posixPath';

const PATHS = ['/work/x/model', '/work/x/../y/./z/', 'a/b/../../..', '', '.', '/', 'model/onnx/model.onnx', '/a/b.tar.gz', 'x/.hidden', '../up'];

describe('posixPath', () => {
  it('isAbsolute, normalize, dirname, basename, extname as node:path.posix', () => {
    for (const p of PATHS) {
      assert.equal(web.isAbsolute(p), path.posix.isAbsolute(p), `isAbsolute(${p})`);
      if (p !== '') assert.equal(web.normalize(p).replace(/\/$/, '') || '/', path.posix.normalize(p).replace(/(.)\/$/, '$1'), `normalize(${p})`);
      if (p !== '' && !p.endsWith('/')) {
        assert.equal(web.dirname(p), path.posix.dirname(p), `dirname(${p})`);
        assert.equal(web.basename(p), path.posix.basename(p), `basename(${p})`);
        assert.equal(web.extname(p), path.posix.extname(p), `extname(${p})`);
      }
    }
    assert.equal(web.basename('/a/config.json', '.json'), 'config');
  });

  it('join, resolve (against /) and relative as node:path.posix', () => {
    assert.equal(web.join('/work', 'model', '../data', 'bank'), path.posix.join('/work', 'model', '../data', 'bank'));
    assert.equal(web.join('a', '', 'b'), path.posix.join('a', '', 'b'));
    assert.equal(web.resolve('/work/x', 'onnx', 'model.onnx'), path.posix.resolve('/work/x', 'onnx', 'model.onnx'));
    assert.equal(web.resolve('/a', '/b', 'c'), '/b/c');
    assert.equal(web.resolve('rel'), '/rel');
    assert.equal(web.relative('/work/x/model', '/work/x/data/bank'), path.posix.relative('/work/x/model', '/work/x/data/bank'));
    assert.equal(web.relative('/a', '/a'), '');
  });
});
