/**
 * One taught-senses file: its last parsed contents, and edits that never lose anyone's work. An
 * edit takes the file's lock (`storeLock.ts`: two windows, or two stores, queue), re-reads it, changes only
 * the value concerned (`storeEdits.ts`) and writes it atomically (`writeFileAtomic` of
 * `src/bert/cacheFiles.ts`: a temporary file renamed over it). A broken file (JSON syntax errors,
 * truncated, not an object) is never written and never replaces what was read before: its problems
 * come with positions and the user fixes them.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../bert/cacheFiles';
import { EngineError } from '../../shared/errors';
import type { TaughtStoreState } from '../../shared/engineProtocol';
import type { StoreProblem, TaughtWord } from '../types';
import { brokenStore, parseStore } from './parseStore';
import { EMPTY_STORE } from './storeEdits';
import { lockStore } from './storeLock';

export interface StoreSnapshot {
  readonly exists: boolean;
  readonly words: readonly TaughtWord[];
  readonly problems: readonly StoreProblem[];
  /** Why the file as it is now is not used (`words` are those last read from it). */
  readonly broken?: TaughtStoreState['broken'];
}

const BOM = '\uFEFF';

const EMPTY: StoreSnapshot = { exists: false, words: [], problems: [] };

export class TaughtStore {
  private current: StoreSnapshot = EMPTY;
  /** The text last read; null after a failed read (whatever comes next is new). */
  private text: string | undefined | null;
  /** The byte order mark the file starts with, written back as it was. */
  private bom = '';

  constructor(readonly file: string) {}

  get snapshot(): StoreSnapshot {
    return this.current;
  }

  /**
   * Re-reads the file (the host calls this from its file watcher); true when what it holds changed.
   * An unreadable or broken file (a truncated one) keeps every sense last read from it and says why.
   */
  async reload(): Promise<boolean> {
    let text: string | undefined;
    try {
      text = await this.read();
    } catch (error) {
      const problem: StoreProblem = { file: this.file, severity: 'error', message: (error as Error).message, offset: 0, length: 0, line: 1, column: 1 };
      this.text = null;
      this.current = { ...this.current, problems: [problem], broken: problem };
      return true;
    }
    if (text === this.text && this.current !== EMPTY) return false;
    this.accept(text);
    return true;
  }

  /**
   * Applies `change` to the file's current text under the file's lock and writes the result when it
   * differs. `change` may throw (an `EngineError` naming what is wrong): nothing is written then.
   */
  async edit<R>(change: (text: string) => { text: string; result: R }): Promise<R> {
    // The lock is a folder next to the file: its folder must exist (a new `.vscode/`).
    await fs.mkdir(path.dirname(this.file), { recursive: true }).catch(() => undefined);
    const release = await lockStore(this.file).catch((cause: unknown) => {
      throw new EngineError('taught-senses', `Could not lock ${this.file} to edit it: ${(cause as Error).message}`, { cause });
    });
    try {
      const before = await this.read();
      const broken = before === undefined ? undefined : brokenStore(before, this.file);
      if (broken) throw new EngineError('taught-senses', `${brokenText(broken)} Fix it first (nothing was written).`);
      const { text, result } = change(before ?? EMPTY_STORE);
      if (text !== (before ?? EMPTY_STORE)) {
        await this.write(text).catch((cause: unknown) => {
          throw new EngineError('taught-senses', `Could not write ${this.file}: ${(cause as Error).message}`, { cause });
        });
      }
      this.accept(text === EMPTY_STORE && before === undefined ? undefined : text);
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  }

  /**
   * Writes through a symbolic link (the rename would replace the link by a file, and its target
   * would stop receiving edits) and keeps the file's permissions (a private 600 file stays so).
   */
  private async write(text: string): Promise<void> {
    const target = await fs.realpath(this.file).catch(() => this.file);
    const mode = await fs.stat(target).then((s) => s.mode & 0o7777, () => undefined);
    await writeFileAtomic(target, this.bom + text, mode);
  }

  /** The file's text (without a UTF-8 byte order mark, which editors on Windows may add), or undefined when there is no file. */
  private async read(): Promise<string | undefined> {
    try {
      const text = await fs.readFile(this.file, 'utf8');
      this.bom = text.startsWith(BOM) ? BOM : '';
      return text.slice(this.bom.length);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
        this.bom = '';
        return undefined;
      }
      throw new EngineError('taught-senses', `Could not read ${this.file}: ${(cause as Error).message}`, { cause });
    }
  }

  private accept(text: string | undefined): void {
    this.text = text;
    if (text === undefined) {
      this.current = { ...EMPTY };
      return;
    }
    const { words, problems, broken } = parseStore(text, this.file);
    this.current = broken ? { exists: true, words: this.current.words, problems, broken } : { exists: true, words, problems };
  }
}

/** "<file>:<line>:<column>: <message>" (with the JSON path when known), for messages and errors. */
export function brokenText(problem: NonNullable<StoreSnapshot['broken']>): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}${problem.path ? ` (at ${problem.path})` : ''}`;
}
