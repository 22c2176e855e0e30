/**
 * "BERT Word Sense: Analyze Selection": classify every CoarseWSD-20 word of the selection (or of
 * the whole document) under a cancellable notification, and keep the results for the decorations
 * and the plot. The engine batches and chunks long texts itself. With `wordnetInAnalysis`, the other
 * content words are ranked among their WordNet senses too, and the confident ones marked
 * (analyzeWordNet.ts, wordnetAnnotations.ts).
 */
import * as vscode from 'vscode';
import { isCancellation } from '../../shared/errors';
import { analysisRun, isProvisional } from '../answerBasis';
import { renderKey } from '../config';
import type { EngineHost } from '../engineHost';
import type { Occurrence, OccurrenceStore } from '../occurrences';
import { withEngineProgress } from '../progress';
import { inventory } from '../wordInventory';
import type { WordNetAnnotations } from '../wordnetAnnotations';
import { MAX_WORDNET_WORDS, wordNetTargets } from './analyzeWordNet';

/** Above this many occurrences, ask first: it can take minutes on a CPU. */
const CONFIRM_OVER = 1_000;

export async function analyzeSelection(host: EngineHost, store: OccurrenceStore, wordnet?: WordNetAnnotations): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('BERT Word Sense: open a text editor to analyze.');
    return;
  }
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) : selection;
  const text = document.getText(range);
  const base = document.offsetAt(range.start);
  const where = selection.isEmpty ? 'the document' : 'the selection';

  // Found without the engine: a text without inventory words never loads it.
  const targets = inventory.findAll(text);
  const others = wordnet && host.settings.wordnetInAnalysis ? wordNetTargets(text, targets) : [];
  if (targets.length === 0 && others.length === 0) {
    void vscode.window.showInformationMessage(
      `BERT Word Sense: no word of the sense inventory in ${where} (${inventory.words.join(', ')}).`,
    );
    return;
  }
  const ranked = others.slice(0, MAX_WORDNET_WORDS);
  const words = new Set(targets.map((t) => t.word)).size;
  if (targets.length > CONFIRM_OVER) {
    const go = await vscode.window.showWarningMessage(
      `Analyze ${targets.length.toLocaleString()} occurrences of ${words} words? This can take several minutes.`,
      { modal: true },
      'Analyze',
    );
    if (go !== 'Analyze') return;
  }
  const engine = host.engine();

  const config = host.settings;
  const version = document.version;
  let analysis;
  let rankings;
  try {
    analysis = targets.length === 0 ? { results: [], found: 0, maxOccurrences: 0 } : await withEngineProgress(
      'BERT Word Sense',
      `Analyzing ${targets.length} occurrence${targets.length === 1 ? '' : 's'} of ${words} word${words === 1 ? '' : 's'}…`,
      (signal, onProgress) => engine.call('classifyAll', { text, run: analysisRun(config) }, { signal, onProgress, retryLoad: true }),
    );
    rankings = ranked.length === 0 ? [] : await withEngineProgress(
      'BERT Word Sense',
      `Ranking the WordNet senses of ${ranked.length} word${ranked.length === 1 ? '' : 's'}…`,
      (signal, onProgress) => engine.call('rankWordNetConfident', { text, spans: ranked, run: config.run }, { signal, onProgress }),
    );
  } catch (error) {
    if (isCancellation(error)) return;
    host.fail(`Analyzing ${where}`, error, () => void analyzeSelection(host, store, wordnet));
    return;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage('BERT Word Sense: the document changed during the analysis. Run it again.');
    return;
  }

  const { results, maxOccurrences } = analysis;
  const basis = renderKey(config);
  const occurrences: Occurrence[] = results.map((result) => ({
    range: new vscode.Range(
      document.positionAt(base + result.target.start),
      document.positionAt(base + result.target.end),
    ),
    result,
    basis,
    provisional: isProvisional(result, config.run),
  }));
  store.replace(document.uri, occurrences);
  wordnet?.replace(
    document.uri,
    rankings.map((ranking) => ({ range: new vscode.Range(document.positionAt(base + ranking.start), document.positionAt(base + ranking.end)), ranking, basis })),
  );
  const wordNetNote = others.length === 0 ? '' : `; WordNet: ${rankings.length} of ${ranked.length} words marked (≥ 2 senses, confident margin)${others.length > ranked.length ? `, the first ${ranked.length} of ${others.length} ranked` : ''}`;
  if (targets.length > maxOccurrences && maxOccurrences > 0) {
    const max = maxOccurrences.toLocaleString();
    void vscode.window.showWarningMessage(
      `BERT Word Sense: analyzed only the first ${max} of the ${targets.length.toLocaleString()} occurrences in ${where} (at most ${max} per run). Select the rest and run Analyze Selection again${wordNetNote}.`,
    );
    return;
  }
  const found = new Set(results.map((r) => r.target.word)).size;
  const message = `Analyzed ${results.length} occurrence${results.length === 1 ? '' : 's'} of ${found} word${found === 1 ? '' : 's'}`;
  vscode.window.setStatusBarMessage(`$(check) BERT Word Sense: ${message}${wordNetNote}`, 8_000);
}
