import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../shared/logger';

/**
 * `root` joined with `segments`, refusing any result outside `root` (`..`, absolute segments, or
 * `root` itself): names that reach cache paths come from API callers and data.
 */
export function resolveUnder(root: string, ...segments: string[]): string {
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const relative = path.relative(base, target);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new RangeError(`${JSON.stringify(path.join(...segments))} does not name a file inside ${base}.`);
  }
  return target;
}

/**
 * Writes a temporary file next to `file` and renames it, so a crash never leaves half a file. A
 * directory standing where `file` belongs (only our own caches call this) is removed, not kept
 * failing on every write. `mode`: the new file's permission bits (default: the umask's).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Created with `mode` (never readable by more people than it lets), then set exactly: the umask may take bits off.
    await fs.writeFile(temp, data, mode === undefined ? undefined : { mode });
    if (mode !== undefined) await fs.chmod(temp, mode);
    try {
      await fs.rename(temp, file);
    } catch (error) {
      if (!(await fs.stat(file).then((s) => s.isDirectory(), () => false))) throw error;
      await fs.rm(file, { recursive: true, force: true });
      await fs.rename(temp, file);
    }
  } catch (error) {
    // The clean-up can fail for the same reason as the write (the folder is a file, it is read-only).
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Writes to a cache that may be unwritable (read-only, a file where a folder belongs, disk full):
 * a failed write only costs time later, so the first failure is a warning and the next ones are
 * debug lines, and the caller keeps working from memory.
 */
export class CacheWriter {
  private warned = false;

  constructor(
    private readonly logger: Logger,
    /** What is cached, for the warning: "vector cache", "dataset cache". */
    private readonly what: string,
  ) {}

  /** False when the write failed (already logged). */
  async write(file: string, data: string | Uint8Array): Promise<boolean> {
    try {
      await writeFileAtomic(file, data);
      return true;
    } catch (error) {
      const message = `Could not write the ${this.what} ${file}: ${(error as Error).message}`;
      if (this.warned) {
        this.logger.debug(message);
      } else {
        this.warned = true;
        this.logger.warn(`${message}. Working from memory: nothing is lost but time next session. Check the folder's permissions or clear the cache.`);
      }
      return false;
    }
  }
}
