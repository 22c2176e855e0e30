/** The web engine's `setImmediate` (src/web/immediate.ts), on Node's `MessageChannel`. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { channelImmediate, type ImmediateChannel } from '../../src/web/immediate';

describe('channelImmediate', () => {
  it('runs callbacks in order, each in its own task, and sets no timer', async (t) => {
    const channel = new MessageChannel();
    t.after(() => channel.port1.close());
    const timeout = mock.method(globalThis, 'setTimeout');
    t.after(() => timeout.mock.restore());
    // Node's ports have `onmessage` too (its types leave it out).
    const immediate = channelImmediate(channel as unknown as ImmediateChannel);
    const ran: string[] = [];
    const done = new Promise<void>((resolve) => {
      immediate(() => {
        ran.push('a');
        // Queued from a callback: after those already queued, not at once.
        immediate(() => {
          ran.push('c');
          resolve();
        });
      });
      immediate(() => ran.push('b'));
    });
    assert.deepEqual(ran, [], 'nothing runs synchronously');
    await done;
    assert.deepEqual(ran, ['a', 'b', 'c']);
    assert.equal(timeout.mock.callCount(), 0);
  });
});
