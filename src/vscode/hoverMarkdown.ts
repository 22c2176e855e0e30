/**
 * The sense hover as a markdown string. Pure (no `vscode`), so it is unit-tested in Node.
 * All dataset and document text goes through `escapeMarkdown`: the hover is trusted for our
 * plot command, so injected links, HTML or emphasis must render as plain text.
 */
import type { Classification, ClassifierOptions, IndexStage, Neighbour, Substitute, VectorOptions } from '../shared/engineProtocol';
import { isLowConfidence } from '../shared/confidence';
import { detokenize } from '../shared/detokenize';
import { senseText } from '../shared/senseLabels';
import { CommandId } from './commands/ids';

export interface HoverMarkdownOptions {
  /** Where the hovered word is: adds a "Teach a sense…" link for this occurrence. */
  readonly teachAt?: TeachPlace;
  /** Width of the score bars in blocks (default 10). */
  readonly barWidth?: number;
}

/**
 * The plot link comes right under the answer: a long hover is cut at the bottom.
 * ```
 * **bank** → *bank (geography)*
 * The land along the edge of a river or lake. · [Plot senses of 'bank'](… "…bank_bank_(geography)")
 * **Low confidence:** none of the dataset's senses fits well (…)   ← only under LOW_CONFIDENCE
 * - `▰▰▰▰▰▰▰▰▱▱ 0.81` **bank (geography)** · 120 examples
 * - `▰▰▰▰▰▰▱▱▱▱ 0.64` bank (finance) · 200 examples
 * - `▰▰▰▱▱▱▱▱▱▱ 0.30` bank (aircraft) · 3 taught examples   ← a sense from word-senses.json
 * Margin 0.17 over *bank (finance)*
 * BERT would also say: shore, side, edge, river, coast
 * ...
 * ```
 */
export function hoverMarkdown(result: Classification, options: HoverMarkdownOptions = {}): string {
  const { barWidth = 10, teachAt } = options;
  const word = result.target.word;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(word)}** → *${escapeMarkdown(result.winner.label)}*`, '');
  const description = senseText(result.winner.sense)?.description ?? result.winner.description;
  // The dataset's sense id only as the plot link's tooltip: people read the label.
  const id = result.winner.source === 'taught' ? undefined : `CoarseWSD-20 sense ${result.winner.sense}`;
  lines.push(`${description ? `${escapeMarkdown(description)} · ` : ''}${plotLink(word, id)}${teachAt ? ` · ${teachLink(teachAt)}` : ''}`, '');
  if (isLowConfidence(result)) lines.push(lowConfidenceLine(result), '');
  if (result.classifier.method === 'probe') lines.push('Probability of each sense (linear probe):', '');

  for (const sense of result.senses) {
    const label = escapeMarkdown(sense.label);
    const name = sense.sense === result.winner.sense ? `**${label}**` : label;
    const examples = `${sense.examples} ${sense.source === 'taught' ? 'taught ' : ''}example${sense.examples === 1 ? '' : 's'}`;
    lines.push(`- \`${bar(sense.score, barWidth)} ${sense.score.toFixed(2)}\` ${name} · ${examples}`);
  }
  lines.push('');

  const runnerUp = result.senses.find((s) => s.sense !== result.winner.sense);
  lines.push(
    runnerUp
      ? `Margin ${result.margin.toFixed(2)} over *${escapeMarkdown(runnerUp.label)}*${result.margin < 0.02 ? ' (a close call)' : ''}`
      : `Margin ${result.margin.toFixed(2)}`,
    '',
  );
  if (result.substitutes?.length) lines.push(substitutesLine(result.substitutes), '');

  // As many as the engine sends (`NEIGHBOURS` in classify.ts).
  const nearest = result.neighbours;
  if (nearest.length > 0) {
    lines.push('Nearest training sentences:', '');
    for (const n of nearest) {
      lines.push(`- ${emphasiseTarget(n.source === 'taught' ? n : readable(n))} — *${escapeMarkdown(n.label)}*${n.source === 'taught' ? ' (taught)' : ''} (${n.score.toFixed(2)})`);
    }
    lines.push('');
  }

  lines.push(`Vector: ${describeVector(result.options)} · ${describeClassifier(result.classifier)}${describeFallback(result.requested)}${describeStage(result.indexStage)}`);
  return lines.join('\n');
}

/** "BERT would also say: shore, side, edge" (the MLM head's words, most likely first). */
export function substitutesLine(substitutes: readonly Substitute[]): string {
  return `BERT would also say: ${substitutes.map((s) => escapeMarkdown(s.word)).join(', ')}`;
}

/**
 * "Low confidence: none of the dataset's senses fits well", with the numbers the rule read
 * (src/shared/confidence.ts): the word may be used in a sense the inventory lacks.
 */
export function lowConfidenceLine(result: Classification): string {
  const taught = result.senses.some((s) => s.source === 'taught');
  const numbers =
    result.classifier.method === 'probe'
      ? `probability ${result.winner.score.toFixed(2)}, margin ${result.margin.toFixed(2)}`
      : `margin ${result.margin.toFixed(2)} over the next sense`;
  return `**Low confidence:** none of the ${taught ? '' : "dataset's "}senses fits well (${numbers}); the word may have a sense not listed here.`;
}

/** A dataset sentence as people write it (the dataset's is tokenised), its target carried over. */
function readable(n: Neighbour): Pick<Neighbour, 'sentence' | 'targetStart' | 'targetEnd'> {
  const { text, start, end } = detokenize(n.sentence, n.targetStart, n.targetEnd);
  return { sentence: text, targetStart: start, targetEnd: end };
}

/**
 * `[Plot senses of 'bank'](command:bertWordSense.plotSenses?["bank"])`, URI-encoded; `title`
 * becomes the link's tooltip.
 */
export function plotLink(word: string, title?: string): string {
  const tooltip = title ? ` "${title.replace(/["\\\r\n]/g, ' ')}"` : '';
  return `[Plot senses of '${escapeMarkdown(word)}'](${commandUri(CommandId.plotSenses, [word])}${tooltip})`;
}

/** A `command:` URI whose query is the JSON argument array, encoded so it cannot end the link. */
/** A place in a document: its URI and the word's line and character. */
export interface TeachPlace {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/** "Teach a sense…" of the word at `place` (the Teach Sense command with that occurrence). */
export function teachLink(place: TeachPlace): string {
  return `[Teach a sense…](${commandUri(CommandId.teachSense, [place.uri, place.line, place.character])})`;
}

export function commandUri(command: string, args: readonly unknown[]): string {
  const query = encodeURIComponent(JSON.stringify(args)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `command:${command}?${query}`;
}

/** "last 4 layers, sum" */
function describeVector(options: VectorOptions): string {
  return `last ${options.layers} layer${options.layers === 1 ? '' : 's'}, ${options.pooling}`;
}

/** "cosine to each sense vector", "votes of the 5 nearest examples" or "probabilities of the linear probe" */
function describeClassifier(classifier: ClassifierOptions): string {
  switch (classifier.method) {
    case 'centroid':
      return 'cosine to each sense vector';
    case 'knn':
      return `${classifier.weighted ? 'cosine-weighted ' : ''}votes of the ${classifier.k} nearest example${classifier.k === 1 ? '' : 's'}`;
    case 'probe':
      return 'probabilities of the linear probe';
  }
}

/** Why another classifier answered than the one asked for. */
function describeFallback(requested: ClassifierOptions | undefined): string {
  return requested?.method === 'probe' ? ' (the probe is still training)' : '';
}

/** The first answer on a new word comes from a few examples per sense: say so. */
function describeStage(stage: IndexStage): string {
  if (stage === 'first') return ' · first answer from a few examples per sense, more are being embedded';
  if (stage === 'capped') return ' · from a sample of the training sentences';
  return '';
}

/** `▰▰▰▰▰▰▰▰▱▱` for a cosine of 0.8 (negative cosines show as empty). */
export function bar(score: number, width = 10): string {
  const filled = Math.round(Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0)) * width);
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

const MAX_SENTENCE = 240;

/** The sentence with the target in bold, shortened around it, every piece escaped. */
export function emphasiseTarget(n: Pick<Neighbour, 'sentence' | 'targetStart' | 'targetEnd'>): string {
  const { sentence } = n;
  const start = clamp(n.targetStart, 0, sentence.length);
  const end = clamp(n.targetEnd, start, sentence.length);
  if (end === start) return escapeMarkdown(shorten(sentence, MAX_SENTENCE, 'end'));
  const room = Math.max(40, Math.floor((MAX_SENTENCE - (end - start)) / 2));
  const before = shorten(sentence.slice(0, start), room, 'start');
  const after = shorten(sentence.slice(end), room, 'end');
  return `${escapeMarkdown(before)}**${escapeMarkdown(sentence.slice(start, end))}**${escapeMarkdown(after)}`;
}

/**
 * Text that renders as itself: every ASCII punctuation character is backslash-escaped (CommonMark
 * allows it for all of them), so `[x](command:evil)`, `<img>`, `&amp;`, `*`, autolinks (`:` and `.`)
 * stay literal. Line breaks and control characters become spaces (no new block can start), and
 * bidirectional overrides are dropped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g, '')
    .replace(/[\u0000-\u001F\u007F\u0085\u2028\u2029\s]+/g, ' ')
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '\\$&');
}

function shorten(text: string, max: number, keep: 'start' | 'end'): string {
  if (text.length <= max) return text;
  // 'start' keeps the end of the text (the part next to the target), 'end' keeps its beginning.
  return keep === 'start' ? `…${text.slice(text.length - max)}` : `${text.slice(0, max)}…`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
