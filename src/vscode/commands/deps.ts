import type * as vscode from 'vscode';
import type { AnalysisMemory } from '../analysisMemory';
import type { EngineHost } from '../engineHost';
import type { OccurrenceStore } from '../occurrences';
import type { TaughtSenses } from '../taughtSenses';
import type { WordNetAnnotations } from '../wordnetAnnotations';
import type { WorkspaceOccurrences } from '../workspaceOccurrences';

/** What the commands work with, made in `activate()` (its own file: commands import it, `index.ts` imports them). */
export interface CommandDeps {
  readonly extensionUri: vscode.Uri;
  readonly cacheDir: string;
  readonly host: EngineHost;
  readonly occurrences: OccurrenceStore;
  /** Where Analyze Selection ran in each document, for its annotations after a reload. */
  readonly analysisMemory: AnalysisMemory;
  readonly wordnetAnnotations: WordNetAnnotations;
  readonly workspaceOccurrences: WorkspaceOccurrences;
  readonly taught: TaughtSenses;
  readonly log: vscode.LogOutputChannel;
}
