/**
 * The web engine's `Buffer` (src/web/node/buffer.ts) against Node's, for what WordNet's reader and
 * vector files use of it: byte order, equality and `copy`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Buffer as WebBuffer } from '../../src/web/node/buffer';

/** `from` of text: the class's static type also has Uint8Array's `from`, which TypeScript would pick. */
const bytes = (text: string) => WebBuffer.from(text, 'utf8') as WebBuffer;

const PAIRS: [string, string][] = [['bank', 'bank'], ['bank', 'banks'], ['banks', 'bank'], ['bank', 'bass'], ['', 'a'], ['', ''], ['zebra', 'apple'], ['é', 'e']];

describe('the web Buffer', () => {
  it('compares bytes as Node does', () => {
    for (const [a, b] of PAIRS) {
      assert.equal(WebBuffer.compare(bytes(a), bytes(b)), Buffer.compare(Buffer.from(a), Buffer.from(b)), `${a} vs ${b}`);
      assert.equal(bytes(a).equals(bytes(b)), Buffer.from(a).equals(Buffer.from(b)), `${a} equals ${b}`);
    }
  });

  it('copies as Node does, within the target and from an offset', () => {
    for (const [targetStart, sourceStart, sourceEnd, size] of [[0, 0, 5, 8], [3, 1, 5, 8], [6, 0, 5, 8], [0, 2, 2, 4]]) {
      const web = new Uint8Array(size);
      const node = new Uint8Array(size);
      const webCopied = bytes('hello').copy(web, targetStart, sourceStart, sourceEnd);
      const nodeCopied = Buffer.from('hello').copy(node, targetStart, sourceStart, sourceEnd);
      assert.equal(webCopied, nodeCopied);
      assert.deepEqual([...web], [...node], JSON.stringify({ targetStart, sourceStart, sourceEnd, size }));
    }
  });

  it('keeps its methods on a subarray', () => {
    const line = bytes('kernel n 3 1 @ 3 0 1 2 3\nnext').subarray(0, 6);
    assert.equal(line.toString('utf8'), 'kernel');
    assert.ok(line.equals(bytes('kernel')));
  });
});
