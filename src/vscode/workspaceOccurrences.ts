/**
 * Occurrences of the dataset words across the workspace, for "Analyze Workspace" and the plot: the
 * files of the `languages` setting, found with VS Code's file search (files.exclude and
 * search.exclude respected), at most `workspaceMaxFiles`. The engine cuts each file's sentences
 * (`findOccurrences`) and this layer places them by line and UTF-16 character. Each file's entry
 * is kept with its modification time and size in workspace storage, so the plot reopens at once
 * after a reload, and a file that changed or went away loses its entry (a watcher, and a check of
 * each file when collecting again).
 */
import * as vscode from 'vscode';
import type { OccurrenceContext } from '../shared/engineProtocol';
import { describeError } from '../shared/errors';
import type { EngineClient } from './engineClient';
import { locateOccurrences } from './textPositions';

/** Occurrences kept per file (a file with more is cut: a plot of one word never needs them all). */
const MAX_PER_FILE = 1_000;
/** Files larger than this are skipped (logs, dumps: not prose anyone hovers). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const STORE_FILE = 'workspace-occurrences.json';
const STORE_VERSION = 1;

interface FileEntry {
  readonly mtime: number;
  readonly size: number;
  readonly occurrences: readonly OccurrenceContext[];
}

export interface CollectResult {
  /** Files whose occurrences are known (read now or kept from before). */
  readonly files: number;
  /** Files read now (new or changed). */
  readonly read: number;
  /** More files matched than `maxFiles`. */
  readonly truncated: boolean;
  readonly skipped: readonly string[];
}

export interface WordCount {
  readonly word: string;
  readonly occurrences: number;
  readonly files: number;
}

export class WorkspaceOccurrences implements vscode.Disposable {
  private files = new Map<string, FileEntry>();
  /** The store read from workspace storage, on first use (activation reads nothing). */
  private loading: Promise<void> | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  /** `storage`: the workspace's storage folder (`ExtensionContext.storageUri`); none: kept in memory only. */
  constructor(
    private readonly storage: vscode.Uri | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private loaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /**
   * Reads every matching file that is new or changed since it was last read (others keep their
   * entry), with progress and cancellation; entries of files that no longer match are dropped.
   */
  async collect(
    engine: EngineClient,
    languages: readonly string[],
    maxFiles: number,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<CollectResult> {
    await this.loaded();
    const include = languageGlob(languages);
    if (!include) return { files: 0, read: 0, truncated: false, skipped: [] };
    this.watch(include);
    const found = await vscode.workspace.findFiles(include, excludeGlob(), maxFiles + 1, token);
    const uris = found.slice(0, maxFiles);
    const kept = new Set(uris.map((u) => u.toString()));
    for (const key of [...this.files.keys()]) if (!kept.has(key)) this.files.delete(key);
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    let read = 0;
    const skipped: string[] = [];
    try {
      for (const [i, uri] of uris.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1} of ${uris.length}: ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
        const stat = await vscode.workspace.fs.stat(uri);
        const key = uri.toString();
        const known = this.files.get(key);
        if (known && known.mtime === stat.mtime && known.size === stat.size) continue;
        if (stat.size > MAX_FILE_BYTES) {
          skipped.push(`${vscode.workspace.asRelativePath(uri)} (${(stat.size / 1_048_576).toFixed(1)} MB)`);
          this.files.delete(key);
          continue;
        }
        const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        const occurrences = await engine.call('findOccurrences', { text, limit: MAX_PER_FILE }, { signal: controller.signal });
        this.files.set(key, { mtime: stat.mtime, size: stat.size, occurrences: locateOccurrences(text, occurrences, key) });
        read++;
      }
    } finally {
      cancel.dispose();
      this.scheduleSave();
    }
    if (skipped.length > 0) this.log.info(`Analyze Workspace skipped ${skipped.length} file(s) over ${MAX_FILE_BYTES / 1_048_576} MB: ${skipped.join(', ')}`);
    return { files: this.files.size, read, truncated: found.length > maxFiles, skipped };
  }

  /** The workspace's occurrences of `word`, in file order. */
  async occurrences(word: string): Promise<OccurrenceContext[]> {
    await this.loaded();
    return [...this.files.values()].flatMap((f) => f.occurrences.filter((o) => o.target.word === word));
  }

  /** Each word found, with its counts, most frequent first. */
  async words(): Promise<WordCount[]> {
    await this.loaded();
    const counts = new Map<string, { occurrences: number; files: number }>();
    for (const file of this.files.values()) {
      const seen = new Set<string>();
      for (const o of file.occurrences) {
        const c = counts.get(o.target.word) ?? { occurrences: 0, files: 0 };
        c.occurrences++;
        if (!seen.has(o.target.word)) c.files++;
        seen.add(o.target.word);
        counts.set(o.target.word, c);
      }
    }
    return [...counts].map(([word, c]) => ({ word, ...c })).sort((a, b) => b.occurrences - a.occurrences || a.word.localeCompare(b.word));
  }

  /** A file changed or went away: its occurrences are stale until it is read again. */
  forget(uri: vscode.Uri): void {
    if (this.files.delete(uri.toString())) this.scheduleSave();
  }

  private watch(include: string): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(include, true, false, false);
    this.watcher.onDidChange((uri) => this.forget(uri));
    this.watcher.onDidDelete((uri) => this.forget(uri));
  }

  private async load(): Promise<void> {
    if (!this.storage) return;
    try {
      const raw = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.storage, STORE_FILE)))) as unknown;
      if (isStore(raw)) this.files = new Map(Object.entries(raw.files));
      else this.log.warn(`Ignored ${STORE_FILE}: not a version ${STORE_VERSION} store (Analyze Workspace builds it again).`);
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`Could not read ${STORE_FILE} (Analyze Workspace builds it again): ${describeError(error)}`);
      }
    }
  }

  /** Saves a second after the last change (a branch switch changes many files at once). */
  private scheduleSave(): void {
    if (!this.storage) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), 1_000);
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a store. */
  private async save(): Promise<void> {
    if (!this.storage) return;
    const target = vscode.Uri.joinPath(this.storage, STORE_FILE);
    const temporary = vscode.Uri.joinPath(this.storage, `${STORE_FILE}.tmp`);
    try {
      await vscode.workspace.fs.createDirectory(this.storage);
      const body = JSON.stringify({ version: STORE_VERSION, files: Object.fromEntries(this.files) });
      await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(body));
      await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    } catch (error) {
      this.log.warn(`Could not save ${STORE_FILE} (the workspace's occurrences stay in memory): ${describeError(error)}`);
    }
  }

  /** Saves now (on deactivate). */
  async flush(): Promise<void> {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.save();
  }

  dispose(): void {
    void this.flush();
    this.watcher?.dispose();
  }
}

function isStore(value: unknown): value is { version: number; files: Record<string, FileEntry> } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { version?: unknown; files?: unknown };
  return v.version === STORE_VERSION && typeof v.files === 'object' && v.files !== null &&
    Object.values(v.files).every((f) => typeof f?.mtime === 'number' && typeof f.size === 'number' && Array.isArray(f.occurrences));
}

/**
 * `**\/*.{md,txt,…}` for the languages' file extensions and names, as the installed extensions
 * (built-in ones included) declare them; undefined when none is known.
 */
export function languageGlob(languages: readonly string[], extensions: readonly vscode.Extension<unknown>[] = vscode.extensions.all): string | undefined {
  const patterns = new Set<string>();
  // Plain text is VS Code's own language: no extension declares its files.
  if (languages.includes('plaintext')) patterns.add('**/*.txt');
  for (const extension of extensions) {
    const contributed = (extension.packageJSON as { contributes?: { languages?: { id?: string; extensions?: string[]; filenames?: string[] }[] } }).contributes?.languages ?? [];
    for (const language of contributed) {
      if (!language.id || !languages.includes(language.id)) continue;
      for (const ext of language.extensions ?? []) if (/^\.[\w.+-]+$/.test(ext)) patterns.add(`**/*${ext}`);
      for (const name of language.filenames ?? []) if (/^[\w.+-]+$/.test(name)) patterns.add(`**/${name}`);
    }
  }
  return patterns.size === 0 ? undefined : `{${[...patterns].sort().join(',')}}`;
}

/** files.exclude and search.exclude together (an explicit exclude replaces VS Code's default one). */
function excludeGlob(): string | undefined {
  const enabled = (section: string) =>
    Object.entries(vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
  const globs = [...new Set([...enabled('files'), ...enabled('search')])];
  return globs.length === 0 ? undefined : `{${globs.join(',')}}`;
}
