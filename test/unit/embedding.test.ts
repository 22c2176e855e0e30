import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchSizes, EMBED_BATCH } from '../../src/senses/embedding';

describe('batchSizes', () => {
  it('keeps a long sentence from padding a batch of short ones', () => {
    const lengths = [...Array.from({ length: 31 }, () => 30), 500];
    assert.deepEqual(batchSizes(lengths), [31, 1]);
  });

  it('fills batches of 32 up to 128 ids, fewer above, and covers every input once', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => 10 + i * 2).sort((a, b) => a - b);
    const sizes = batchSizes(lengths);
    assert.equal(sizes.reduce((a, b) => a + b, 0), lengths.length);
    let start = 0;
    for (const size of sizes) {
      const widest = lengths[start + size - 1];
      assert.ok(size <= EMBED_BATCH);
      assert.ok(size === 1 || size * widest <= EMBED_BATCH * 128, `batch of ${size} × ${widest}`);
      start += size;
    }
    assert.equal(sizes[0], EMBED_BATCH);
    assert.ok(sizes.at(-1)! < EMBED_BATCH);
  });
});
