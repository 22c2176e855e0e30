import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CacheWriter, resolveUnder, writeFileAtomic } from '../../src/bert/cacheFiles';
import { silentLogger } from '../../src/shared/logger';

describe('resolveUnder', () => {
  const root = path.resolve(os.tmpdir(), 'root');
  it('joins names inside the root', () => {
    assert.equal(resolveUnder(root, 'bank'), path.join(root, 'bank'));
    assert.equal(resolveUnder(root, 'indexes', 'm-1', 'bank.x.last4.bwsv'), path.join(root, 'indexes', 'm-1', 'bank.x.last4.bwsv'));
    assert.equal(resolveUnder(root, '..bank'), path.join(root, '..bank'));
  });
  it('refuses names that leave the root or name it', () => {
    for (const name of ['..', '../pwned', '../../../pwned', 'bank/../../pwned', path.resolve('/pwned'), '', '.', 'bank/..']) {
      assert.throws(() => resolveUnder(root, name), /does not name a file inside/, name);
    }
  });
});

describe('writeFileAtomic and CacheWriter', () => {
  it('replaces a directory standing where the file belongs', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-atomic-'));
    const file = path.join(dir, 'x.bin');
    await fs.mkdir(path.join(file, 'nested'), { recursive: true });
    await writeFileAtomic(file, 'data');
    assert.equal(await fs.readFile(file, 'utf8'), 'data');
    assert.deepEqual(await fs.readdir(dir), ['x.bin']);
    await fs.rm(dir, { recursive: true });
  });
  it('a failed write leaves no temporary file, and warns once, then logs at debug level', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-atomic-'));
    const blocker = path.join(dir, 'file');
    await fs.writeFile(blocker, 'a regular file where a folder belongs');
    const warnings: string[] = [];
    const debug: string[] = [];
    const writer = new CacheWriter({ ...silentLogger, warn: (m) => warnings.push(m), debug: (m) => debug.push(m) }, 'test cache');
    assert.equal(await writer.write(path.join(blocker, 'a.bin'), 'x'), false);
    assert.equal(await writer.write(path.join(blocker, 'b.bin'), 'x'), false);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Could not write the test cache .*a\.bin: .*Working from memory/);
    assert.equal(debug.length, 1);
    assert.deepEqual(await fs.readdir(dir), ['file']);
    assert.equal(await writer.write(path.join(dir, 'ok.bin'), 'x'), true);
    await fs.rm(dir, { recursive: true });
  });
});
