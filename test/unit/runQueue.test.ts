import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunQueue, type RunPriority } from '../../src/bert/runQueue';
import { isCancellation } from '../../src/shared/errors';

/** A run that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => (log.push(name), done.then(() => name)), finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RunQueue', () => {
  it('runs one job at a time, the most urgent waiting job next, in order within a priority', async () => {
    const queue = new RunQueue();
    const log: string[] = [];
    const jobs: [RunPriority, string][] = [['background', 'b1'], ['background', 'b2'], ['view', 'v1'], ['hover', 'h1'], ['hover', 'h2']];
    const gates = jobs.map(([, name]) => gate(log, name));
    const results = jobs.map(([priority], i) => queue.run(priority, gates[i].work));
    await tick();
    assert.deepEqual(log, ['b1'], 'only the first job runs while it is busy');
    for (const name of ['b1', 'h1', 'h2', 'v1', 'b2']) {
      gates[jobs.findIndex(([, n]) => n === name)].finish();
      await tick();
    }
    assert.deepEqual(log, ['b1', 'h1', 'h2', 'v1', 'b2']);
    assert.deepEqual(await Promise.all(results), ['b1', 'b2', 'v1', 'h1', 'h2']);
    assert.deepEqual(queue.started, { hover: 2, view: 1, background: 2 });
  });

  it('holds back less urgent jobs until released, but not more urgent or equal ones', async () => {
    const queue = new RunQueue();
    const log: string[] = [];
    const release = queue.hold('hover');
    const b = gate(log, 'b');
    const h = gate(log, 'h');
    const background = queue.run('background', b.work);
    await tick();
    assert.deepEqual(log, [], 'background waits while a hover holds the queue');
    const hover = queue.run('hover', h.work);
    await tick();
    assert.deepEqual(log, ['h']);
    h.finish();
    await hover;
    await tick();
    assert.deepEqual(log, ['h'], 'still held after the hover run');
    release();
    await tick();
    assert.deepEqual(log, ['h', 'b']);
    b.finish();
    await background;
  });

  it('ends a hold by itself after its time, so a holder waiting on held work cannot stall it', async () => {
    const queue = new RunQueue();
    const log: string[] = [];
    queue.hold('hover', 20);
    const b = gate(log, 'b');
    const background = queue.run('background', b.work);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(log, ['b']);
    b.finish();
    await background;
  });

  it('drops a waiting job whose signal aborts, and fails the waiting ones when the session closes', async () => {
    const queue = new RunQueue();
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = queue.run('hover', first.work);
    const controller = new AbortController();
    const cancelled = queue.run('hover', gate(log, 'cancelled').work, controller.signal);
    const closed = queue.run('background', gate(log, 'closed').work);
    controller.abort();
    await assert.rejects(cancelled, isCancellation);
    queue.abortWaiting(new Error('closed'));
    await assert.rejects(closed, /closed/);
    first.finish();
    assert.equal(await running, 'first');
    await tick();
    assert.deepEqual(log, ['first']);
  });
});

describe('RunQueue.unheld', () => {
  it('waits while a more urgent hold is on, and not otherwise', async () => {
    const queue = new RunQueue();
    let resumed = false;
    await queue.unheld('background'); // no hold: a turn of the event loop
    const release = queue.hold('hover');
    const waiting = queue.unheld('background').then(() => (resumed = true));
    await queue.unheld('hover'); // a hover's own work is not held back
    await tick();
    assert.equal(resumed, false);
    release();
    await waiting;
    assert.equal(resumed, true);
  });
});
