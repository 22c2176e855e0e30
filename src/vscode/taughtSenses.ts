/**
 * Taught senses on the VS Code side: where their files are (the workspace's
 * `.vscode/word-senses.json`, then `word-senses.json` in the extension's global storage), what the
 * engine last listed, the files' problems as diagnostics, one message per broken file (the engine
 * keeps what it read before), and a watcher that has the engine re-read a file edited outside (git
 * pull, a hand edit, another window). The engine starts at activation only when one of the files
 * exists: its words must be hoverable before any model work.
 */
import * as vscode from 'vscode';
import type { TaughtState, TaughtStoreState } from '../shared/engineProtocol';
import type { EngineHost } from './engineHost';
import { linkedOutside } from './taughtPaths';
import { inventory } from './wordInventory';

const TAUGHT_FILE = 'word-senses.json';

/** The files, in priority order: edits go to the first unless told otherwise. */
export function taughtFiles(globalStorage: vscode.Uri): vscode.Uri[] {
  const workspace = workspaceTaughtFile();
  return [...(workspace && !workspace.refused ? [workspace.file] : []), vscode.Uri.joinPath(globalStorage, TAUGHT_FILE)];
}

/** The workspace's file, and why it is not used when it links out of the workspace. */
function workspaceTaughtFile(): { file: vscode.Uri; refused?: string } | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const file = vscode.Uri.joinPath(folder, '.vscode', TAUGHT_FILE);
  return { file, refused: linkedOutside(file, folder) };
}

/** Why a taught-senses file is not read now (see `TaughtStoreState.broken`). */
export type BrokenFile = NonNullable<TaughtStoreState['broken']>;

export class TaughtSenses implements vscode.Disposable {
  private state: TaughtState | undefined;
  /** The broken files already reported (file → where), so a re-read of the same breakage says nothing new. */
  private readonly reported = new Map<string, string>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('bertWordSense.taught');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private readonly changed = new vscode.EventEmitter<void>();
  /** The taught senses changed: hovers and annotations computed before are stale. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly host: EngineHost,
    private readonly globalStorage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    for (const file of this.files()) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), TAUGHT_FILE));
      const reload = () => void this.refresh(true);
      this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    }
    // A new engine (settings changed, cache cleared) reads the files afresh.
    this.disposables.push(this.changed, host.onDidReset(() => void (this.state && this.refresh(false))));
  }

  files(): vscode.Uri[] {
    return taughtFiles(this.globalStorage);
  }

  /**
   * The URI of a taught-senses file the engine names (by the `fsPath` it was given): in a browser
   * the workspace and the global storage are not `file:` URIs.
   */
  uriOf(file: string): vscode.Uri {
    return this.files().find((u) => u.fsPath === file) ?? vscode.Uri.file(file);
  }

  /** The user's own file, which follows them across workspaces. */
  get userFile(): vscode.Uri {
    return vscode.Uri.joinPath(this.globalStorage, TAUGHT_FILE);
  }

  /** The workspace's file, when a folder is open. */
  get workspaceFile(): vscode.Uri | undefined {
    const [first] = this.files();
    return first.toString() === this.userFile.toString() ? undefined : first;
  }

  /** Reads the taught senses at activation when a file exists (else nothing is started). */
  async start(): Promise<void> {
    const refused = workspaceTaughtFile()?.refused;
    if (refused) {
      this.log.warn(`${refused}: its taught senses are not read, and nothing is written there.`);
      void vscode.window.showWarningMessage(`BERT Word Sense: ${refused}, so it is not used. Taught senses go to your own file.`);
    }
    const exists = await Promise.all(this.files().map((f) => vscode.workspace.fs.stat(f).then(() => true, () => false)));
    if (exists.some(Boolean)) await this.refresh(false);
  }

  /** At least one sense is taught, as last listed (false before anything was read). */
  get hasSenses(): boolean {
    return this.state?.words.some((w) => w.senses.length > 0) ?? false;
  }

  /** What the engine last listed, without asking it (undefined before anything was read). */
  get last(): TaughtState | undefined {
    return this.state;
  }

  /** The broken file among `files` (default: every file), as last read. */
  broken(files?: readonly string[]): BrokenFile | undefined {
    return this.state?.stores.find((s) => s.broken && (!files || files.includes(s.file)))?.broken;
  }

  /**
   * Says that a file is broken (`what`: what cannot be done, or undefined for the default "kept"
   * message), with a button that opens it where it broke.
   */
  async showBroken(broken: BrokenFile, what?: string): Promise<void> {
    const name = vscode.workspace.asRelativePath(this.uriOf(broken.file));
    const where = `line ${broken.line}, column ${broken.column}${broken.path ? ` (at ${broken.path})` : ''}`;
    const message = what
      ? `BERT Word Sense: ${what}: ${name} has an error at ${where}: ${broken.message} Fix the file first.`
      : `BERT Word Sense: ${name} has an error at ${where}: ${broken.message} The senses read from it before are kept until it is fixed.`;
    const open = 'Open File';
    if ((await vscode.window.showErrorMessage(message, open)) !== open) return;
    const at = new vscode.Position(Math.max(0, broken.line - 1), Math.max(0, broken.column - 1));
    await vscode.window.showTextDocument(this.uriOf(broken.file), { selection: new vscode.Range(at, at) });
  }

  /** What the engine last listed (undefined before anything was read). */
  async current(): Promise<TaughtState | undefined> {
    if (!this.state) await this.refresh(false);
    return this.state;
  }

  /** Asks the engine for the taught senses (`reload`: re-read the files) and applies them. */
  async refresh(reload: boolean): Promise<void> {
    try {
      this.apply(await this.host.engine().call('taughtSenses', { reload }));
    } catch (error) {
      this.host.logError('Reading the taught senses', error);
    }
  }

  /**
   * A new listing: the word matcher, the diagnostics and everything computed from the old senses.
   * The same listing again (the watcher's echo of the extension's own write) changes nothing: the
   * view, the plot and the hovers are not redone, and a click on the view is not lost to a re-render.
   */
  apply(state: TaughtState): void {
    if (this.state && JSON.stringify(this.state) === JSON.stringify(state)) return;
    this.state = state;
    inventory.update(state.allWords);
    this.diagnostics.clear();
    for (const store of state.stores) {
      const diagnostics = store.problems.map((p) => {
        const start = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
        const range = new vscode.Range(start, start.translate(0, Math.max(1, p.length)));
        const diagnostic = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'BERT Word Sense';
        return diagnostic;
      });
      if (diagnostics.length > 0) this.diagnostics.set(this.uriOf(store.file), diagnostics);
    }
    this.reportBroken(state);
    const problems = state.stores.reduce((n, s) => n + s.problems.length, 0);
    this.log.info(`Taught senses: ${state.words.length} word(s)${problems ? `, ${problems} problem(s) in their files (see Problems)` : ''}.`);
    this.changed.fire();
  }

  /** One message per breakage of a file (not one per re-read); a fixed file may break again later. */
  private reportBroken(state: TaughtState): void {
    for (const { file, broken } of state.stores) {
      const where = broken && `${broken.line}:${broken.column}:${broken.message}`;
      if (where === this.reported.get(file)) continue;
      if (!broken || !where) {
        this.reported.delete(file);
        continue;
      }
      this.reported.set(file, where);
      this.log.warn(`${file}:${broken.line}:${broken.column}: ${broken.message} Its senses as last read are kept until it is fixed.`);
      void this.showBroken(broken);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
