/**
 * Hovers over words outside the dataset inventory: their WordNet senses ranked by BERT. The first
 * hover over a lemma embeds its glosses (one batch, a second or so with bert-base); that work goes
 * on when the mouse moves away, so the next hover over the lemma is warm. Answers are cached per
 * document version, place and settings, like the dataset hovers.
 */
import * as vscode from 'vscode';
import { isCancellation } from '../shared/errors';
import { LruCache } from '../shared/lruCache';
import type { WordNetRanking, WordSpan } from '../shared/engineProtocol';
import { raceCancellation } from './cancellation';
import { CommandId } from './commands/ids';
import type { EngineClient } from './engineClient';
import type { EngineHost } from './engineHost';
import type { TeachPlace } from './hoverMarkdown';
import { wordNetHoverMarkdown } from './wordnetHoverMarkdown';

const CACHE_SIZE = 64;

export class WordNetHover {
  private readonly cache = new LruCache<WordNetRanking | null>(CACHE_SIZE);
  private epoch = 0;
  /** A broken WordNet folder would fail every hover: the user hears of it once, the log each time. */
  private reported = false;

  constructor(private readonly host: EngineHost) {}

  /** Settings or engine changed: cached answers are stale. */
  clear(): void {
    this.epoch++;
    this.cache.clear();
  }

  /** The hover for the word at `span` of `slice` (its `range` in the document); `key` names the answer in the cache. */
  async hover(engine: EngineClient, slice: string, span: WordSpan, range: vscode.Range, key: string, token: vscode.CancellationToken, teachAt?: TeachPlace): Promise<vscode.Hover | undefined> {
    const cached = this.cache.get(key);
    const ranking = cached !== undefined ? cached : await raceCancellation(this.rank(engine, slice, span, key), token);
    if (!ranking) return undefined;
    const md = new vscode.MarkdownString(wordNetHoverMarkdown(ranking, { teachAt }));
    md.isTrusted = { enabledCommands: [CommandId.plotSenses, CommandId.teachSense] };
    md.supportHtml = false;
    return new vscode.Hover(md, range);
  }

  private async rank(engine: EngineClient, slice: string, span: WordSpan, key: string): Promise<WordNetRanking | undefined> {
    const epoch = this.epoch;
    try {
      const { run, wordnetHovers: hovers } = this.host.settings;
      const ranking = await engine.call('rankWordNet', { text: slice, span, run, hovers });
      if (epoch === this.epoch) this.cache.set(key, ranking ?? null);
      return ranking;
    } catch (error) {
      if (epoch !== this.epoch || isCancellation(error)) return undefined;
      if (this.reported) this.host.logError('Ranking WordNet senses', error);
      else this.host.fail('Ranking WordNet senses', error);
      this.reported = true;
      return undefined;
    }
  }
}
