/**
 * The web's lock on a taught-senses file (src/web/storeLock.ts) on a stand-in of the host's files
 * that renames as VS Code's disk provider does with `overwrite: false`: it checks that the target is
 * missing, then renames (Node's `fs.rename`, which fails onto a folder that is not empty). Time is a
 * clock of the test's own: waiting advances it, nothing depends on how fast this machine is.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { storeLocks, type LockFiles, type LockTiming } from '../../src/web/storeLock';

let dir: string;
before(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-weblock-'))));
after(() => fs.rm(dir, { recursive: true, force: true }));

let n = 0;
const fresh = async () => {
  const folder = path.join(dir, `case-${n++}`, '.vscode');
  await fs.mkdir(folder, { recursive: true });
  return path.join(folder, 'word-senses.json');
};

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The test's clock: a wait moves it on. */
function clock(): LockTiming & { elapsed(): number } {
  let now = 0;
  return {
    staleMs: 10_000,
    waitMs: 15_000,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await yieldTurn();
    },
    elapsed: () => now,
  };
}

interface HostOptions {
  /** Runs between the existence check and the rename (to make two windows pass the check together). */
  readonly between?: () => Promise<void>;
}

/** Node's files with the host's check-then-rename; counts the renames asked. */
function host(options: HostOptions = {}): LockFiles & { renames: number } {
  const files = {
    renames: 0,
    mkdir: (p: string) => fs.mkdir(p, { recursive: true }),
    writeFile: (p: string, data: string) => fs.writeFile(p, data),
    readFile: (p: string) => fs.readFile(p, 'utf8'),
    rm: (p: string) => fs.rm(p, { recursive: true, force: true }),
    stat: (p: string) => fs.stat(p),
    async rename(from: string, to: string) {
      files.renames++;
      if (await fs.stat(to).then(() => true, () => false)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
      await options.between?.();
      await fs.rename(from, to);
    },
  };
  return files;
}

/** Holds the lock of `file` through `lock` for a few turns, counting who else holds it meanwhile. */
async function hold(lock: ReturnType<typeof storeLocks>, file: string, holders: { now: number; most: number }): Promise<void> {
  const release = await lock(file);
  holders.now++;
  holders.most = Math.max(holders.most, holders.now);
  for (let i = 0; i < 3; i++) await yieldTurn();
  holders.now--;
  await release();
}

describe('the web lock on taught-senses files', () => {
  it('lets one of two windows edit at a time, and both get their turn', async () => {
    const file = await fresh();
    const timing = clock();
    const a = storeLocks(host(), timing);
    const b = storeLocks(host(), timing);
    const holders = { now: 0, most: 0 };
    await Promise.all([0, 1, 2].flatMap(() => [hold(a, file, holders), hold(b, file, holders)]));
    assert.equal(holders.most, 1);
    await assert.rejects(fs.stat(`${file}.lock`), { code: 'ENOENT' }, 'released');
    assert.deepEqual((await fs.readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp')), [], 'no temporary folder left');
  });

  it('gives the lock to one window when both pass the host\'s check before either renames', async () => {
    const file = await fresh();
    const timing = clock();
    let arrived = 0;
    let go!: () => void;
    const bothChecked = new Promise<void>((resolve) => (go = resolve));
    const between = async () => {
      if (++arrived === 2) go();
      await bothChecked;
    };
    const a = storeLocks(host({ between }), timing);
    const b = storeLocks(host({ between }), timing);
    const holders = { now: 0, most: 0 };
    await Promise.all([hold(a, file, holders), hold(b, file, holders)]);
    assert.equal(arrived >= 2, true, 'both windows passed the check');
    assert.equal(holders.most, 1);
  });

  it('queues a window\'s own edits before they ask the host', async () => {
    const file = await fresh();
    const files = host();
    const lock = storeLocks(files, clock());
    const holders = { now: 0, most: 0 };
    await Promise.all([hold(lock, file, holders), hold(lock, file, holders), hold(lock, file, holders)]);
    assert.equal(holders.most, 1);
    assert.equal(files.renames, 3, 'one rename per edit: none waited on the host');
  });

  it('takes over a lock whose owner has not changed for 10 s (a window closed mid-edit)', async () => {
    const file = await fresh();
    await fs.mkdir(`${file}.lock`);
    await fs.writeFile(`${file}.lock/owner`, 'a window that closed');
    const timing = clock();
    const release = await storeLocks(host(), timing)(file);
    assert.ok(timing.elapsed() >= timing.staleMs, `waited ${timing.elapsed()} ms of the test's clock`);
    assert.notEqual(await fs.readFile(`${file}.lock/owner`, 'utf8'), 'a window that closed');
    await release();
    await assert.rejects(fs.stat(`${file}.lock`), { code: 'ENOENT' });
  });

  it('takes over what was left behind at the lock\'s place: the desktop\'s empty folder, a plain file', async () => {
    for (const leave of [(p: string) => fs.mkdir(p), (p: string) => fs.writeFile(p, '')]) {
      const file = await fresh();
      await leave(`${file}.lock`);
      const timing = clock();
      const release = await storeLocks(host(), timing)(file);
      assert.ok(timing.elapsed() >= timing.staleMs);
      assert.ok((await fs.stat(`${file}.lock`)).isDirectory());
      await release();
    }
  });

  it('waits for a lock that is in use (its owner changes) and gives up, saying so', async () => {
    const file = await fresh();
    await fs.mkdir(`${file}.lock`);
    const files = host();
    let owner = 0;
    const busy: LockFiles = { ...files, readFile: async () => `window ${owner++}` };
    const timing = clock();
    await assert.rejects(storeLocks(busy, timing)(file), /other windows kept it locked for 15 s/);
    assert.ok(timing.elapsed() >= timing.waitMs);
    assert.deepEqual((await fs.readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp')), [], 'its temporary folder is removed');
  });

  it('does not remove the lock of a window that took it over', async () => {
    const file = await fresh();
    const timing = clock();
    const releaseSlow = await storeLocks(host(), timing)(file);
    const releaseOther = await storeLocks(host(), timing)(file);
    const other = await fs.readFile(`${file}.lock/owner`, 'utf8');
    await releaseSlow();
    assert.equal(await fs.readFile(`${file}.lock/owner`, 'utf8'), other);
    await releaseOther();
    await assert.rejects(fs.stat(`${file}.lock`), { code: 'ENOENT' });
  });

  it('fails with the host\'s error when the rename fails and no lock is there', async () => {
    const file = await fresh();
    const refusing: LockFiles = { ...host(), rename: async () => Promise.reject(Object.assign(new Error('read-only folder'), { code: 'EACCES' })) };
    await assert.rejects(storeLocks(refusing, clock())(file), /read-only folder/);
    assert.deepEqual((await fs.readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp')), []);
  });
});
