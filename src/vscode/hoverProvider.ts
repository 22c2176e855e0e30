/**
 * Sense hovers over CoarseWSD-20 words. A shown hover cannot be updated, so the first one waits for
 * the model (VS Code shows "Loading…" meanwhile; moving the mouse away cancels the wait, not the
 * load, which goes on under its notification). A hover that turns into long work (a dataset
 * download or an index build) hands that work to a cancellable notification and lets it finish
 * even when the mouse moves on, so the next hover over the word is instant.
 *
 * Cached answers carry the settings they were computed with and are kept only when final: an answer
 * from a capped index that the background build will replace is computed again on the next hover.
 * A new answer also replaces an "Analyze Selection" result at the same place, so both agree.
 * Other words of prose get WordNet senses (`wordnet` setting, wordnetHover.ts) once the model is loaded.
 */
import * as vscode from 'vscode';
import { describeError, isCancellation } from '../shared/errors';
import type { Classification, TargetMatch } from '../shared/engineProtocol';
import { CommandId } from './commands/ids';
import { isInCommentOrString } from './commentHeuristic';
import { fenceAt } from './markdownFences';
import { renderKey, type Config } from './config';
import type { EngineClient } from './engineClient';
import type { EngineHost } from './engineHost';
import { escapeMarkdown, hoverMarkdown } from './hoverMarkdown';
import { isProvisional } from './answerBasis';
import type { OccurrenceStore } from './occurrences';
import { LruCache } from '../shared/lruCache';
import { ProgressSession } from './progress';
import { inventory } from './wordInventory';
import { raceCancellation } from './cancellation';
import { WordNetHover } from './wordnetHover';
import { wordNetWordAt } from './wordnetWords';

/** Characters of context on each side of the hover: the engine cuts the sentence out of this slice. */
const SLICE_PROSE = 2_000;
/** In source code, less: the sentence is a comment and the code around it is not context. */
const SLICE_CODE = 600;
const CACHE_SIZE = 64;

/** Where hovers are offered; the setting `languages` and `codeComments` filter further. */
export const HOVER_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-notebook-cell' },
  { scheme: 'vscode-vfs' },
  { scheme: 'vscode-remote' },
];

export class SenseHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly cache = new LruCache<Classification | null>(CACHE_SIZE);
  /** Words whose long work runs in a notification: hovers say so instead of waiting. */
  private readonly building = new Set<string>();
  private epoch = 0;
  private readonly subscription: vscode.Disposable;
  private readonly wordnet: WordNetHover;

  constructor(
    private readonly host: EngineHost,
    private readonly occurrences: OccurrenceStore,
  ) {
    this.wordnet = new WordNetHover(host);
    this.subscription = host.onDidReset(() => this.clear());
  }

  /** Settings or engine changed: cached hovers are stale. */
  clear(): void {
    this.epoch++;
    this.cache.clear();
    this.wordnet.clear();
  }

  /**
   * A dataset or taught word's index grew or its probe is ready: its cached answers may be stale.
   * WordNet hovers rank against other vectors and keep theirs.
   */
  forgetSenses(): void {
    this.epoch++;
    this.cache.clear();
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const config = this.host.settings;
    const prose = config.languages.includes(document.languageId) && !this.inCodeFence(document, position, config);
    if (!prose && !(config.codeComments && this.inCommentOrString(document, position))) return undefined;

    const offset = document.offsetAt(position);
    const reach = prose ? SLICE_PROSE : SLICE_CODE;
    const start = document.positionAt(Math.max(0, offset - reach));
    const sliceRange = new vscode.Range(start, document.positionAt(offset + reach));
    const slice = document.getText(sliceRange);
    const base = document.offsetAt(start);

    // Found without the engine: a hover over a function word or code never loads it.
    const target = inventory.findAt(slice, offset - base);
    const other = !target && prose && config.wordnet ? wordNetWordAt(slice, offset - base) : undefined;
    const span = target ?? other;
    if (!span || token.isCancellationRequested) return undefined;
    const engine = this.host.engine();
    const range = new vscode.Range(document.positionAt(base + span.start), document.positionAt(base + span.end));

    const key = `${document.uri.toString()}|${document.version}|${base + span.start}|${renderKey(config)}`;
    const cached = target && this.cache.get(key);
    // Teaching needs a file to note where the example came from (not a notebook cell's output, say).
    const teachAt = document.uri.scheme === 'untitled' || document.uri.scheme === 'file' ? { uri: document.uri.toString(), line: range.start.line, character: range.start.character } : undefined;
    if (cached !== undefined) return cached ? new vscode.Hover(trusted(hoverMarkdown(cached, { teachAt })), range) : undefined;

    if (!target) return this.wordnet.hover(engine, slice, other!, range, key, token, teachAt);
    if (this.building.has(target.word)) {
      return new vscode.Hover(plain(`BERT Word Sense: preparing the senses of '${escapeMarkdown(target.word)}'…`), range);
    }

    const result = await this.classify(engine, config, slice, target, key, token);
    // The failure was reported once (a toast); every hover over the word says it.
    if (typeof result === 'string') return new vscode.Hover(plain(`BERT Word Sense: ${escapeMarkdown(result)}`), range);
    if (result) this.occurrences.refresh(document.uri, { range, result, basis: renderKey(config), provisional: isProvisional(result, config.run) });
    return result ? new vscode.Hover(trusted(hoverMarkdown(result, { teachAt })), range) : undefined;
  }

  private async classify(
    engine: EngineClient,
    config: Config,
    slice: string,
    target: TargetMatch,
    key: string,
    token: vscode.CancellationToken,
  ): Promise<Classification | string | undefined> {
    const epoch = this.epoch;
    const session = new ProgressSession('BERT Word Sense');
    // Cancel with the hover only while the work is quick; once a notification shows, its own
    // Cancel button decides (an index build should not restart each time the mouse moves).
    const cancel = token.onCancellationRequested(() => {
      if (!session.visible) session.controller.abort();
    });
    const word = target.word;
    const work = engine
      .call('classify', { text: slice, target, run: config.run }, {
        signal: session.signal,
        onProgress: (progress) => {
          session.report(progress);
          if (session.visible) this.building.add(word);
        },
      })
      .then((result) => {
        // Not kept: a capped answer (the full index may replace it in the background) and a stand-in
        // answer (the probe still training); the next hover asks again.
        if (epoch === this.epoch && !(result && (result.requested || isProvisional(result, config.run)))) this.cache.set(key, result ?? null);
        return result;
      })
      .catch((error: unknown): string | undefined => {
        // After a reset (e.g. the engine was disposed because a setting changed) the failure is stale.
        if (isCancellation(error) || epoch !== this.epoch) return undefined;
        this.host.fail(`Classifying '${word}'`, error);
        return describeError(error, { causes: false });
      })
      .finally(() => {
        session.dispose();
        cancel.dispose();
        this.building.delete(word);
      });
    return raceCancellation(work, token);
  }

  /**
   * Per-line heuristic: see commentHeuristic.ts for why there is no better way. In a Markdown code
   * fence, the fence's language decides.
   */
  private inCommentOrString(document: vscode.TextDocument, position: vscode.Position): boolean {
    const language = (document.languageId === 'markdown' && fenceAt((l) => document.lineAt(l).text, position.line)?.language) || document.languageId;
    return isInCommentOrString(language, (line) => document.lineAt(line).text, position.line, position.character);
  }

  /** A Markdown code block is code, not prose: only its comments and strings get hovers (`codeComments`). */
  private inCodeFence(document: vscode.TextDocument, position: vscode.Position, config: Config): boolean {
    return document.languageId === 'markdown' && config.languages.includes('markdown') && fenceAt((l) => document.lineAt(l).text, position.line) !== undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}

/** Our markdown with only the plot and teach commands enabled; no HTML. */
function trusted(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.isTrusted = { enabledCommands: [CommandId.plotSenses, CommandId.teachSense] };
  md.supportHtml = false;
  return md;
}

function plain(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.supportHtml = false;
  return md;
}
