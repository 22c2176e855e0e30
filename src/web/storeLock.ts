/**
 * The lock an edit of a taught-senses file holds in the web, through the extension host's files:
 * esbuild.mjs puts this module in place of src/senses/taught/storeLock.ts (proper-lockfile) in the
 * web engine's bundle. docs/web.md.
 *
 * `workspace.fs` has no exclusive create: `writeFile` takes no options, and `rename` with
 * `overwrite: false` checks that the target is missing, then renames (two steps). So the lock is
 * proper-lockfile's own `<file>.lock` folder (a desktop window and a web window on one folder
 * exclude each other), made beside it with an owner file inside and renamed into place without
 * overwriting: a rename onto a folder that is not empty fails in the file system itself, so of two
 * windows that both pass the check, one gets the lock. A window's own edits queue before they ask.
 * A lock whose owner stays the same for 10 s on this window's clock (the server's may differ) was
 * left by a window that closed mid-edit, and is taken over.
 */
import type { lockStore as desktopLockStore } from '../senses/taught/storeLock';
import * as hostFiles from './hostFiles';

/** What the lock needs of the host's files (src/web/hostFiles.ts). */
export interface LockFiles {
  mkdir(path: string, options: { readonly recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string): Promise<void>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  rename(from: string, to: string, options: { readonly overwrite: false }): Promise<void>;
  rm(path: string, options: { readonly recursive: true; readonly force: true }): Promise<void>;
  stat(path: string): Promise<{ readonly mtimeMs: number | bigint }>;
}

export interface LockTiming {
  /** A lock whose owner has not changed for this long is taken over. */
  readonly staleMs: number;
  /** How long an edit waits for the lock before it gives up (longer than `staleMs`). */
  readonly waitMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** As the desktop's: stale after 10 s; a little longer to wait, so a stale lock is always taken over first. */
const TIMING: LockTiming = { staleMs: 10_000, waitMs: 15_000, now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

const OWNER_FILE = 'owner';

/** The lock function of one window: its own edits of a file wait in line, then take the file's lock. */
export function storeLocks(files: LockFiles, timing: LockTiming = TIMING): typeof desktopLockStore {
  const lines = new Map<string, Promise<void>>();
  return async (file) => {
    const lock = `${file}.lock`;
    const ahead = lines.get(lock) ?? Promise.resolve();
    let leave!: () => void;
    const turn = new Promise<void>((resolve) => (leave = resolve));
    const mine = ahead.then(() => turn);
    lines.set(lock, mine);
    const done = () => {
      leave();
      if (lines.get(lock) === mine) lines.delete(lock);
    };
    await ahead;
    let owner: string;
    try {
      owner = await take(files, lock, timing);
    } catch (error) {
      done();
      throw error;
    }
    return async () => {
      try {
        // Not when another window took it over meanwhile: the lock is theirs now.
        if ((await holder(files, lock)) === owner) await files.rm(lock, { recursive: true, force: true });
      } finally {
        done();
      }
    };
  };
}

export const lockStore = storeLocks(hostFiles);

async function take(files: LockFiles, lock: string, timing: LockTiming): Promise<string> {
  const owner = `${timing.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const temp = `${lock}.${owner}.tmp`;
  await files.mkdir(temp, { recursive: true });
  try {
    await files.writeFile(`${temp}/${OWNER_FILE}`, owner);
    const start = timing.now();
    let seen: { readonly holder: string; readonly since: number } | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        await files.rename(temp, lock, { overwrite: false });
        return owner;
      } catch (error) {
        const now = await holder(files, lock);
        // No lock there: the rename failed for another reason (permissions, a read-only folder),
        // unless the lock was released in between.
        if (now === undefined && (error as { code?: string }).code !== 'EEXIST') throw error;
        if (timing.now() - start >= timing.waitMs) {
          throw new Error(`other windows kept it locked for ${Math.round(timing.waitMs / 1000)} s (${lock}).`, { cause: error });
        }
        if (now === undefined) continue;
        if (seen?.holder !== now) seen = { holder: now, since: timing.now() };
        else if (timing.now() - seen.since >= timing.staleMs) {
          await files.rm(lock, { recursive: true, force: true });
          seen = undefined;
          continue;
        }
        await timing.sleep(Math.min(250, 20 * 2 ** Math.min(attempt, 4)));
      }
    }
  } catch (error) {
    await files.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Who holds the lock: its owner file's text, or for a lock without one (the desktop's empty
 * folder) its time stamp; undefined when there is no lock.
 */
async function holder(files: LockFiles, lock: string): Promise<string | undefined> {
  try {
    return await files.readFile(`${lock}/${OWNER_FILE}`, 'utf8');
  } catch {
    return files.stat(lock).then((s) => `folder of ${s.mtimeMs}`, () => undefined);
  }
}
