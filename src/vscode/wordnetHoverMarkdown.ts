/**
 * The WordNet hover as a markdown string. Pure (no `vscode`), so it is unit-tested in Node. Every
 * WordNet and document text goes through `escapeMarkdown`, as in the dataset hover.
 * ```
 * **cells** → *cell (noun): any small compartment* · WordNet · [Plot senses of 'cell'](command:…)
 * **Uncertain:** the top senses are too close to call (margin 0.004).
 * 1. `0.612` **cell** (noun): any small compartment · *synonyms: …*
 * 2. `0.608` cell (noun): the basic structural and functional unit of all organisms
 * …
 * Margin 0.004 over sense 2 · 7 more senses · glosses ranked by BERT with WordNet's sense frequencies
 * ```
 */
import type { WordNetRanking, WordNetSenseScore } from '../shared/engineProtocol';
import { escapeMarkdown, plotLink, teachLink, type TeachPlace } from './hoverMarkdown';
import { isOneWord } from './wordnetWords';

export interface WordNetHoverOptions {
  /** Senses listed (default 5). */
  readonly top?: number;
  /** Where the hovered word is: adds a "Teach a sense…" link for this occurrence. */
  readonly teachAt?: TeachPlace;
}

const POS_NAME: Readonly<Record<WordNetSenseScore['pos'], string>> = { n: 'noun', v: 'verb', a: 'adjective', r: 'adverb' };
const MAX_GLOSS = 200;

export function wordNetHoverMarkdown(ranking: WordNetRanking, options: WordNetHoverOptions = {}): string {
  const top = Math.max(1, options.top ?? 5);
  const [winner] = ranking.senses;
  // One-word lemmas can be plotted (their synsets, and this document's occurrences).
  const plot = isOneWord(winner.lemma) ? ` · ${plotLink(winner.lemma)}` : '';
  const teach = options.teachAt ? ` · ${teachLink(options.teachAt)}` : '';
  const head = `**${escapeMarkdown(ranking.surface)}** → *${senseName(winner)}* · WordNet${plot}${teach}`;
  // One synset: nothing competed, so a score or margin would claim a choice that was never made.
  if (ranking.senses.length === 1) {
    return [head, '', `${gloss(winner)}${synonyms(winner)}`, '', `The only WordNet sense${ranking.taggedPos ? ` of this ${POS_NAME[ranking.taggedPos]}` : ''}.`].join('\n');
  }
  const lines = [head, ''];
  if (ranking.uncertain) {
    lines.push(`**Uncertain:** the top senses are too close to call (margin ${ranking.margin.toFixed(3)}); read them as equally likely.`, '');
  }
  ranking.senses.slice(0, top).forEach((sense, i) => {
    const name = `${escapeMarkdown(readable(sense.lemma))} (${POS_NAME[sense.pos]})`;
    lines.push(`${i + 1}. \`${sense.score.toFixed(3)}\` ${i === 0 ? `**${name}**` : name}: ${gloss(sense)}${synonyms(sense)}`);
  });
  lines.push('');
  const more = ranking.senses.length - top;
  const parts = [
    `Margin ${ranking.margin.toFixed(3)} over sense 2`,
    ...(more > 0 ? [`${more} more sense${more === 1 ? '' : 's'}`] : []),
    ranking.taggedPos ? `tagged as a ${POS_NAME[ranking.taggedPos]}` : 'part of speech not told: all compete',
    'glosses ranked by BERT with WordNet’s sense frequencies',
  ];
  lines.push(parts.join(' · '));
  return lines.join('\n');
}

const MAX_HEADING_GLOSS = 80;

/**
 * The chosen sense by what it means, for the heading: `plant (noun): buildings for carrying on
 * industrial labor`, the gloss cut at a word (the list below has it whole).
 */
export function senseName(sense: WordNetSenseScore): string {
  const text = sense.gloss.length > MAX_HEADING_GLOSS ? `${sense.gloss.slice(0, MAX_HEADING_GLOSS).replace(/\s+\S*$/, '')}…` : sense.gloss;
  return `${escapeMarkdown(readable(sense.lemma))} (${POS_NAME[sense.pos]}): ${escapeMarkdown(text)}`;
}

/** WordNet writes multi-word lemmas with underscores. */
function readable(lemma: string): string {
  return lemma.replace(/_/g, ' ');
}

function gloss(sense: WordNetSenseScore): string {
  const text = sense.gloss.length > MAX_GLOSS ? `${sense.gloss.slice(0, MAX_GLOSS)}…` : sense.gloss;
  return escapeMarkdown(text);
}

function synonyms(sense: WordNetSenseScore): string {
  return sense.synonyms.length > 0 ? ` · *synonyms: ${sense.synonyms.map((s) => escapeMarkdown(readable(s))).join(', ')}*` : '';
}
