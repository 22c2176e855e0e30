/** Registers every command in one place (ids in `ids.ts`, one file per command). */
import * as vscode from 'vscode';
import { editTaughtSense, openTaughtExample, showTaughtSenses, teachSense } from './teachSenses';
import { analyzeWorkspace } from './analyzeWorkspace';
import { analyzeSelection } from './analyzeSelection';
import { clearCache } from './clearCache';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';
import { plotSenses } from './plotSenses';
import { selectModelFolder } from './selectModelFolder';

export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const { host, occurrences, log } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.plotSenses, (word?: unknown) => plotSenses(deps, word)),
    vscode.commands.registerCommand(CommandId.analyzeSelection, () => analyzeSelection(host, { store: occurrences, wordnet: deps.wordnetAnnotations, memory: deps.analysisMemory })),
    vscode.commands.registerCommand(CommandId.analyzeWorkspace, () => analyzeWorkspace(deps)),
    vscode.commands.registerCommand(CommandId.teachSense, (arg?: unknown) => teachSense(deps, arg)),
    vscode.commands.registerCommand(CommandId.showTaughtSenses, () => showTaughtSenses()),
    vscode.commands.registerCommand(CommandId.refreshTaughtSenses, () => deps.taught.refresh(true)),
    vscode.commands.registerCommand(CommandId.openTaughtExample, (node?: unknown) => openTaughtExample(deps, node)),
    // From the Taught Senses view the item comes as the argument; from the palette nothing does.
    vscode.commands.registerCommand(CommandId.renameSense, (node?: unknown) => editTaughtSense(deps, 'rename', node)),
    vscode.commands.registerCommand(CommandId.forgetExample, (node?: unknown) => editTaughtSense(deps, 'forget', node)),
    vscode.commands.registerCommand(CommandId.deleteSense, (node?: unknown) => editTaughtSense(deps, 'delete', node)),
    vscode.commands.registerCommand(CommandId.clearCache, () => clearCache(host, deps.cacheDir)),
    vscode.commands.registerCommand(CommandId.showLog, () => log.show()),
    vscode.commands.registerCommand(CommandId.selectModelFolder, () => selectModelFolder()),
  );
}
