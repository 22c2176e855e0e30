/**
 * The lock an edit of a taught-senses file holds, so that two windows (or two stores) queue:
 * proper-lockfile's `<file>.lock` folder (made with `mkdir`, which fails when it exists; taken over
 * when its time stamp is 10 s old). The web engine's bundle has src/web/storeLock.ts in its place
 * (esbuild.mjs): proper-lockfile patches Node's `fs` and `process`, which a browser does not have.
 */
import * as lockfile from 'proper-lockfile';

/** About 10 s of retries before an edit gives up (a stale lock is taken over after 10 s). */
const LOCK_OPTIONS = { realpath: false, stale: 10_000, retries: { retries: 60, minTimeout: 20, maxTimeout: 250 } } as const;

/** Waits for the file's lock and takes it; the function returned releases it. */
export function lockStore(file: string): Promise<() => Promise<void>> {
  return lockfile.lock(file, LOCK_OPTIONS);
}
