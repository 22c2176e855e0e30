import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../../src/shared/logger';
import { decodeVectors, encodeVectors, VectorCache } from '../../src/senses/vectorCache';

const stored = {
  hidden: 3,
  layers: 2,
  vectors: new Map([
    [7, Float32Array.from([1, 2, 3, 4, 5, 6])],
    [2, Float32Array.from([-1, 0.5, 0, 1e-8, 3, 9])],
  ]),
};

describe('vector cache format', () => {
  it('round-trips vectors and their example indices', () => {
    const back = decodeVectors(encodeVectors(stored), 3, 2)!;
    assert.deepEqual([...back.vectors.keys()].sort(), [2, 7]);
    assert.deepEqual([...back.vectors.get(2)!], [...stored.vectors.get(2)!]);
    assert.deepEqual([...back.vectors.get(7)!], [...stored.vectors.get(7)!]);
  });
  it('rejects truncated, flipped or mismatched files', () => {
    const bytes = encodeVectors(stored);
    assert.equal(decodeVectors(bytes.subarray(0, bytes.length - 1), 3, 2), undefined);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 2] ^= 0xff;
    assert.equal(decodeVectors(flipped, 3, 2), undefined);
    assert.equal(decodeVectors(bytes, 4, 2), undefined);
    assert.equal(decodeVectors(Buffer.from('not a cache'), 3, 2), undefined);
  });
  it('rejects non-finite floats even under a valid checksum', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const vectors = new Map([[0, Float32Array.from([1, 2, 3, 4, 5, bad])]]);
      assert.equal(decodeVectors(encodeVectors({ hidden: 3, layers: 2, vectors }), 3, 2), undefined);
    }
  });
  it('writes atomically and reads back; a corrupt file reads as missing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-cache-'));
    const cache = new VectorCache(dir, silentLogger);
    await cache.write('bank.last2', stored);
    assert.deepEqual(await fs.readdir(dir), ['bank.last2.bwsv']);
    assert.equal((await cache.read('bank.last2', 3, 2))?.vectors.size, 2);
    await fs.writeFile(path.join(dir, 'bank.last2.bwsv'), 'garbage');
    assert.equal(await cache.read('bank.last2', 3, 2), undefined);
    await fs.rm(dir, { recursive: true });
  });
});
