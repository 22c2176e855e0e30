/** Registers every command in one place (ids in `ids.ts`, one file per command). */
import * as vscode from 'vscode';
import { editTaughtSense, showTaughtSenses, teachSense } from './teachSenses';
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
    vscode.commands.registerCommand(CommandId.showTaughtSenses, () => showTaughtSenses(deps)),
    vscode.commands.registerCommand(CommandId.renameSense, () => editTaughtSense(deps, 'rename')),
    vscode.commands.registerCommand(CommandId.forgetExample, () => editTaughtSense(deps, 'forget')),
    vscode.commands.registerCommand(CommandId.deleteSense, () => editTaughtSense(deps, 'delete')),
    vscode.commands.registerCommand(CommandId.clearCache, () => clearCache(host, deps.cacheDir)),
    vscode.commands.registerCommand(CommandId.showLog, () => log.show()),
    vscode.commands.registerCommand(CommandId.selectModelFolder, () => selectModelFolder()),
  );
}
