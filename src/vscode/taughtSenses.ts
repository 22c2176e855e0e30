/**
 * Taught senses on the VS Code side: where their files are (the workspace's
 * `.vscode/word-senses.json`, then `word-senses.json` in the extension's global storage), what the
 * engine last listed, the files' problems as diagnostics, and a watcher that has the engine re-read
 * a file edited outside (git pull, a hand edit, another window). The engine starts at activation
 * only when one of the files exists: its words must be hoverable before any model work.
 */
import * as vscode from 'vscode';
import type { TaughtState } from '../shared/engineProtocol';
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

export class TaughtSenses implements vscode.Disposable {
  private state: TaughtState | undefined;
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

  /** A new listing: the word matcher, the diagnostics and everything computed from the old senses. */
  apply(state: TaughtState): void {
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
      if (diagnostics.length > 0) this.diagnostics.set(vscode.Uri.file(store.file), diagnostics);
    }
    const problems = state.stores.reduce((n, s) => n + s.problems.length, 0);
    this.log.info(`Taught senses: ${state.words.length} word(s)${problems ? `, ${problems} problem(s) in their files (see Problems)` : ''}.`);
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
