/**
 * "BERT Word Sense: Analyze Selection": classify every CoarseWSD-20 word of the selection (or of
 * the whole document) under a cancellable notification, and keep the results for the decorations
 * and the plot. The engine batches and chunks long texts itself. With `wordnetInAnalysis`, the other
 * content words are ranked among their WordNet senses too, and the confident ones marked
 * (analyzeWordNet.ts, wordnetAnnotations.ts). Where it ran is remembered (analysisMemory.ts): after
 * a window reload, or when the document is opened again with the same text, the analysis runs
 * again there by itself (`restoreAnalysis`); a document whose text changed is said to have lost them.
 */
import * as vscode from 'vscode';
import { isCancellation } from '../../shared/errors';
import type { AnalysisMemory } from '../analysisMemory';
import { analysisRun, isProvisional } from '../answerBasis';
import { renderKey } from '../config';
import type { EngineProgress } from '../../shared/engineProtocol';
import type { EngineHost } from '../engineHost';
import type { Occurrence, OccurrenceStore } from '../occurrences';
import { withEngineProgress } from '../progress';
import { inventory } from '../wordInventory';
import type { WordNetAnnotations } from '../wordnetAnnotations';
import { MAX_WORDNET_WORDS, wordNetTargets } from './analyzeWordNet';

/** Above this many occurrences, ask first: it can take minutes on a CPU. */
const CONFIRM_OVER = 1_000;

/** What the commands and the restore share: the annotations' stores and where analyses are remembered. */
export interface AnalysisTargets {
  readonly store: OccurrenceStore;
  readonly wordnet?: WordNetAnnotations;
  readonly memory?: AnalysisMemory;
}

export async function analyzeSelection(host: EngineHost, targets: AnalysisTargets): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('BERT Word Sense: open a text editor to analyze.');
    return;
  }
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) : selection;
  await analyzeRange(host, targets, document, document.offsetAt(range.start), document.offsetAt(range.end), selection.isEmpty ? 'the document' : 'the selection');
}

/**
 * Brings back the annotations of a document analysed before (a window reload, or the document opened
 * again): the same range is analysed again when the text is the one analysed; otherwise the user is
 * told once that they were cleared. Nothing happens for a document never analysed or annotated now.
 */
export async function restoreAnalysis(host: EngineHost, targets: AnalysisTargets, document: vscode.TextDocument): Promise<void> {
  const { memory, store } = targets;
  if (!memory) return;
  await memory.once(document.uri, async () => {
    const recalled = await memory.recall(document);
    if (!recalled || store.forDocument(document.uri).length > 0) return;
    const name = vscode.workspace.asRelativePath(document.uri);
    if (recalled.kind === 'changed') {
      await memory.forget(document.uri);
      void vscode.window.showInformationMessage(`BERT Word Sense: the annotations of ${name} were cleared: its text changed since Analyze Selection ran. Run it again to see them.`);
      return;
    }
    await analyzeRange(host, targets, document, recalled.start, recalled.end, name, true);
  });
}

/**
 * Analyses `[start, end)` of the document. `restoring`: brought back by itself, so no question, no
 * progress notification (the status bar shows the engine's work) and a status bar message at the end.
 */
async function analyzeRange(host: EngineHost, targets: AnalysisTargets, document: vscode.TextDocument, start: number, end: number, where: string, restoring = false): Promise<void> {
  const { store, wordnet, memory } = targets;
  const text = document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end)));

  // Found without the engine: a text without inventory words never loads it.
  const found = inventory.findAll(text);
  const others = wordnet && host.settings.wordnetInAnalysis ? wordNetTargets(text, found) : [];
  if (found.length === 0 && others.length === 0) {
    if (restoring) return;
    void vscode.window.showInformationMessage(
      `BERT Word Sense: no word of the sense inventory in ${where} (${inventory.words.join(', ')}).`,
    );
    return;
  }
  const ranked = others.slice(0, MAX_WORDNET_WORDS);
  const words = new Set(found.map((t) => t.word)).size;
  if (found.length > CONFIRM_OVER && !restoring) {
    const go = await vscode.window.showWarningMessage(
      `Analyze ${found.length.toLocaleString()} occurrences of ${words} words? This can take several minutes.`,
      { modal: true },
      'Analyze',
    );
    if (go !== 'Analyze') return;
  }
  const engine = host.engine();

  const config = host.settings;
  const version = document.version;
  const progress = <T>(message: string, work: (signal: AbortSignal, onProgress: (p: EngineProgress) => void) => Promise<T>): Promise<T> =>
    restoring ? work(new AbortController().signal, () => undefined) : withEngineProgress('BERT Word Sense', message, work);
  let analysis;
  let rankings;
  try {
    analysis = found.length === 0 ? { results: [], found: 0, maxOccurrences: 0 } : await progress(
      `Analyzing ${found.length} occurrence${found.length === 1 ? '' : 's'} of ${words} word${words === 1 ? '' : 's'}…`,
      (signal, onProgress) => engine.call('classifyAll', { text, run: analysisRun(config) }, { signal, onProgress, retryLoad: true }),
    );
    rankings = ranked.length === 0 ? [] : await progress(
      `Ranking the WordNet senses of ${ranked.length} word${ranked.length === 1 ? '' : 's'}…`,
      (signal, onProgress) => engine.call('rankWordNetConfident', { text, spans: ranked, run: config.run }, { signal, onProgress }),
    );
  } catch (error) {
    if (isCancellation(error)) return;
    host.fail(restoring ? `Restoring the annotations of ${where}` : `Analyzing ${where}`, error, () => void analyzeRange(host, targets, document, start, end, where, restoring));
    return;
  }
  if (document.version !== version) {
    if (!restoring) void vscode.window.showWarningMessage('BERT Word Sense: the document changed during the analysis. Run it again.');
    return;
  }

  const { results, maxOccurrences } = analysis;
  const basis = renderKey(config);
  const occurrences: Occurrence[] = results.map((result) => ({
    range: new vscode.Range(
      document.positionAt(start + result.target.start),
      document.positionAt(start + result.target.end),
    ),
    result,
    basis,
    provisional: isProvisional(result, config.run),
  }));
  store.replace(document.uri, occurrences);
  wordnet?.replace(
    document.uri,
    rankings.map((ranking) => ({ range: new vscode.Range(document.positionAt(start + ranking.start), document.positionAt(start + ranking.end)), ranking, basis })),
  );
  if (occurrences.length > 0 || rankings.length > 0) await memory?.remember(document, start, end);
  else await memory?.forget(document.uri);
  const wordNetNote = others.length === 0 ? '' : `; WordNet: ${rankings.length} of ${ranked.length} words marked (≥ 2 senses, confident margin)${others.length > ranked.length ? `, the first ${ranked.length} of ${others.length} ranked` : ''}`;
  if (!restoring && found.length > maxOccurrences && maxOccurrences > 0) {
    const max = maxOccurrences.toLocaleString();
    void vscode.window.showWarningMessage(
      `BERT Word Sense: analyzed only the first ${max} of the ${found.length.toLocaleString()} occurrences in ${where} (at most ${max} per run). Select the rest and run Analyze Selection again${wordNetNote}.`,
    );
    return;
  }
  const analysed = new Set(results.map((r) => r.target.word)).size;
  const message = `${restoring ? `Restored the annotations of ${where}: ` : 'Analyzed '}${results.length} occurrence${results.length === 1 ? '' : 's'} of ${analysed} word${analysed === 1 ? '' : 's'}`;
  vscode.window.setStatusBarMessage(`$(check) BERT Word Sense: ${message}${wordNetNote}`, 8_000);
}
