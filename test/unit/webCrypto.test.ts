/** The web engine's SHA-256 (src/web/node/crypto.ts) against Node's, fed whole and in pieces. */
import assert from 'node:assert/strict';
import { createHash as nodeHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createHash } from '../../src/web/node/crypto';

const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);

describe('web createHash("sha256")', () => {
  it('gives Node\'s digest at every length around a block\'s edges, whole or in pieces', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 5000]) {
      const data = bytes.subarray(0, n);
      const want = nodeHash('sha256').update(data).digest('hex');
      assert.equal(createHash('sha256').update(data).digest('hex'), want, `${n} bytes whole`);
      for (const piece of [1, 7, 64, 100]) {
        const hash = createHash('sha256');
        for (let at = 0; at < n; at += piece) hash.update(data.subarray(at, at + piece));
        assert.equal(hash.digest('hex'), want, `${n} bytes in pieces of ${piece}`);
      }
    }
  });

  it('hashes strings as their UTF-8 bytes', () => {
    assert.equal(createHash('sha256').update('size 42\nbänk').digest('hex'), nodeHash('sha256').update('size 42\nbänk').digest('hex'));
  });
});
