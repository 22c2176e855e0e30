/**
 * Reads a taught-senses file (JSON, comments and trailing commas tolerated) into words, senses and
 * examples, and reports every problem with its position. A bad entry costs only itself: the other
 * words, senses and examples are kept. A file that cannot be read as a whole (a truncated one) is
 * `broken`: nothing of it is to be used. Layout: see `schemas/word-senses.schema.json`.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from './jsonc';
import { Inventory } from '../../shared/inventory';
import type { ExampleSource, StoreProblem, TaughtExample, TaughtSense, TaughtWord } from '../types';
import { MAX_DESCRIPTION, MAX_LABEL, MAX_SENSES, MAX_SENTENCE, MAX_WORDS, senseIdProblem, wordProblem } from './rules';

export interface ParsedStore {
  readonly words: readonly TaughtWord[];
  readonly problems: readonly StoreProblem[];
  /** False when the text is not well-formed JSON: it must not be edited (an edit could land in the wrong place). */
  readonly wellFormed: boolean;
  /**
   * Set when the text cannot be read as a whole (empty, JSON syntax errors as in a truncated file,
   * not an object, "words" not an object): its first such problem. What was parsed of it is then
   * not to be used: the store keeps what it read before.
   */
  readonly broken?: StoreProblem & { readonly path?: string };
}

export const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false } as const;

type Reporter = (severity: StoreProblem['severity'], message: string, offset: number, length: number) => void;

function reporter(lines: readonly number[], file: string, problems: StoreProblem[]): Reporter {
  return (severity, message, offset, length) => {
    const { line, column } = position(lines, offset);
    problems.push({ file, severity, message, offset, length, line, column });
  };
}

/**
 * The text's tree when it reads as a whole (an object whose "words", if any, is an object), else
 * why not: the first problem, with the JSON path when there is one.
 */
function readWhole(text: string, report: Reporter, problems: StoreProblem[]): { root: Node; wellFormed: true } | { wellFormed: boolean; broken: NonNullable<ParsedStore['broken']> } {
  const syntax: ParseError[] = [];
  const root = text.trim() === '' ? undefined : parseTree(text, syntax, PARSE_OPTIONS);
  for (const e of syntax) report('error', `JSON syntax: ${describeSyntax(printParseErrorCode(e.error))}.`, e.offset, e.length);
  const wellFormed = syntax.length === 0;
  const broken = (path?: string) => ({ wellFormed, broken: { ...problems.find((p) => p.severity === 'error')!, ...(path && { path }) } });
  if (!root) {
    // An empty file is most often one being written (truncated, not yet filled).
    if (problems.length === 0) report('error', text.trim() === '' ? 'The file is empty; expected {"words": {…}}.' : 'The file holds no JSON value; expected {"words": {…}}.', 0, 0);
    return broken();
  }
  if (!wellFormed) return broken();
  if (root.type !== 'object') {
    report('error', 'Expected a JSON object like {"words": {…}}.', root.offset, root.length);
    return broken();
  }
  const words = properties(root).find(([key]) => key.value === 'words')?.[1];
  if (words && words.type !== 'object') {
    report('error', '"words" must be an object of words to their senses.', words.offset, words.length);
    return broken('words');
  }
  return { root, wellFormed };
}

/** Why the text cannot be read as a whole (see `ParsedStore.broken`), without reading its entries: an edit's check. */
export function brokenStore(text: string, file: string): ParsedStore['broken'] {
  const problems: StoreProblem[] = [];
  const whole = readWhole(text, reporter(lineStarts(text), file, problems), problems);
  return 'broken' in whole ? whole.broken : undefined;
}

export function parseStore(text: string, file: string): ParsedStore {
  const lines = lineStarts(text);
  const problems: StoreProblem[] = [];
  const report = reporter(lines, file, problems);
  const error = (node: Node, message: string) => report('error', message, node.offset, node.length);
  const warning = (node: Node, message: string) => report('warning', message, node.offset, node.length);

  const whole = readWhole(text, report, problems);
  if ('broken' in whole) return { words: [], problems, wellFormed: whole.wellFormed, broken: whole.broken };
  const { root, wellFormed } = whole;

  const words: TaughtWord[] = [];
  const seenWords = new Set<string>();
  for (const [key, value] of properties(root)) {
    if (key.value === '$schema') continue;
    if (key.value !== 'words') {
      warning(key, `Unknown property ${JSON.stringify(key.value)} (ignored).`);
      continue;
    }
    const entries = properties(value);
    for (const [i, [wordKey, wordValue]] of entries.entries()) {
      if (i === MAX_WORDS) {
        error(wordKey, `The file lists ${entries.length} words; at most ${MAX_WORDS} are read: this one and the ${entries.length - i - 1} after it are skipped.`);
        break;
      }
      const word = wordKey.value as string;
      const problem = wordProblem(word);
      if (problem) {
        error(wordKey, `${problem} This word is skipped.`);
        continue;
      }
      if (seenWords.has(word)) {
        error(wordKey, `"${word}" is listed twice; this second entry is skipped: merge the two.`);
        continue;
      }
      seenWords.add(word);
      const senses = parseWord(word, wordValue, error, warning, lines);
      if (senses) words.push({ word, senses });
    }
  }
  return {
    words: words.map((w) => ({ ...w, senses: w.senses.map((s) => ({ ...s, examples: s.examples.map((e) => ({ ...e, store: file })) })) })),
    problems,
    wellFormed,
  };
}

type Report = (node: Node, message: string) => void;

function parseWord(word: string, value: Node, error: Report, warning: Report, lines: readonly number[]): TaughtSense[] | undefined {
  if (value.type !== 'object') {
    error(value, `"${word}" must be an object like {"senses": {…}}; this word is skipped.`);
    return undefined;
  }
  const matcher = new Inventory([word]);
  const senses: TaughtSense[] = [];
  for (const [key, sensesNode] of properties(value)) {
    if (key.value !== 'senses') {
      warning(key, `Unknown property ${JSON.stringify(key.value)} (ignored).`);
      continue;
    }
    if (sensesNode.type !== 'object') {
      error(sensesNode, `"senses" of "${word}" must be an object of sense ids to senses.`);
      continue;
    }
    const seen = new Set<string>();
    const entries = properties(sensesNode);
    for (const [i, [idKey, senseNode]] of entries.entries()) {
      if (i === MAX_SENSES) {
        error(idKey, `"${word}" has ${entries.length} senses; at most ${MAX_SENSES} are read: this one and the ${entries.length - i - 1} after it are skipped.`);
        break;
      }
      const id = idKey.value as string;
      const problem = senseIdProblem(id);
      if (problem) {
        error(idKey, `${problem} This sense is skipped.`);
        continue;
      }
      if (seen.has(id)) {
        error(idKey, `Sense "${id}" of "${word}" is listed twice; this second entry is skipped: merge the two.`);
        continue;
      }
      seen.add(id);
      const sense = parseSense(word, id, senseNode, matcher, error, warning, lines);
      if (sense) senses.push(sense);
    }
  }
  return senses;
}

function parseSense(
  word: string,
  id: string,
  node: Node,
  matcher: Inventory,
  error: Report,
  warning: Report,
  lines: readonly number[],
): TaughtSense | undefined {
  const where = `Sense "${id}" of "${word}"`;
  if (node.type !== 'object') {
    error(node, `${where} must be an object like {"label": "…", "examples": […]}; it is skipped.`);
    return undefined;
  }
  let label: string | undefined;
  let description: string | undefined;
  const examples: Omit<TaughtExample, 'store'>[] = [];
  let labelNode: Node | undefined;
  for (const [key, value] of properties(node)) {
    switch (key.value) {
      case 'label':
        labelNode = value;
        label = text(value, MAX_LABEL, `${where}: "label"`, error);
        break;
      case 'description':
        description = text(value, MAX_DESCRIPTION, `${where}: "description"`, error);
        break;
      case 'examples':
        if (value.type !== 'array') {
          error(value, `${where}: "examples" must be an array of {"sentence": "…"} objects.`);
          break;
        }
        for (const item of value.children ?? []) {
          const example = parseExample(item, matcher, `${where}, example`, error, warning);
          if (example) examples.push({ ...example, storeLine: position(lines, item.offset).line });
        }
        break;
      default:
        warning(key, `Unknown property ${JSON.stringify(key.value)} (ignored).`);
    }
  }
  if (label === undefined) {
    // The examples are not dropped for want of a label: the id stands in, and the file is flagged.
    if (!labelNode) error(node, `${where} has no "label"; its id is shown instead.`);
    label = id;
  }
  return { id, label, ...(description !== undefined && { description }), examples: examples as TaughtExample[] };
}

function parseExample(
  node: Node,
  matcher: Inventory,
  where: string,
  error: Report,
  warning: Report,
): Omit<TaughtExample, 'store' | 'storeLine'> | undefined {
  if (node.type !== 'object') {
    error(node, `${where} must be an object like {"sentence": "…", "start": 4, "end": 10}; it is skipped.`);
    return undefined;
  }
  let sentence: string | undefined;
  let start: number | undefined;
  let end: number | undefined;
  let source: ExampleSource | undefined;
  let bad = false;
  for (const [key, value] of properties(node)) {
    switch (key.value) {
      case 'sentence':
        sentence = text(value, MAX_SENTENCE, `${where}: "sentence"`, error);
        bad ||= sentence === undefined;
        break;
      case 'start':
      case 'end': {
        const n = value.type === 'number' ? (value.value as number) : NaN;
        if (!Number.isSafeInteger(n) || n < 0) {
          error(value, `${where}: "${key.value}" must be a whole number ≥ 0 (a character offset in the sentence); the example is skipped.`);
          bad = true;
        } else if (key.value === 'start') start = n;
        else end = n;
        break;
      }
      case 'source':
        source = parseSource(value, where, error);
        break;
      default:
        warning(key, `Unknown property ${JSON.stringify(key.value)} (ignored).`);
    }
  }
  if (bad) return undefined;
  if (sentence === undefined) {
    error(node, `${where} has no "sentence"; it is skipped.`);
    return undefined;
  }
  if ((start === undefined) !== (end === undefined)) {
    error(node, `${where}: give both "start" and "end", or neither (then the word's first occurrence is the target); it is skipped.`);
    return undefined;
  }
  if (start === undefined || end === undefined) {
    const found = matcher.findAll(sentence)[0];
    if (!found) {
      error(node, `${where}: "${matcher.words[0]}" (or a form of it) does not occur in the sentence; add "start" and "end" or fix the sentence. It is skipped.`);
      return undefined;
    }
    return { sentence, start: found.start, end: found.end, ...(source && { source }) };
  }
  if (!(start < end && end <= sentence.length) || sentence.slice(start, end).trim() === '') {
    error(node, `${where}: "start" ${start} and "end" ${end} must span the word inside the sentence (${sentence.length} characters); it is skipped.`);
    return undefined;
  }
  if (!spansWord(matcher, sentence, start, end)) {
    error(node, `${where}: "start" ${start} and "end" ${end} span ${JSON.stringify(sentence.slice(start, end))}, not "${matcher.words[0]}" or a form of it; it is skipped.`);
    return undefined;
  }
  return { sentence, start, end, ...(source && { source }) };
}

/** Whether [start, end) is an occurrence of the matcher's word: a span must not cut a word (or half an emoji) out of the sentence. */
export function spansWord(matcher: Inventory, sentence: string, start: number, end: number): boolean {
  return matcher.findAll(sentence).some((m) => m.start === start && m.end === end);
}

function parseSource(node: Node, where: string, error: Report): ExampleSource | undefined {
  const value: unknown = getNodeValue(node);
  const v = value as { file?: unknown; line?: unknown } | null;
  if (typeof v === 'object' && v !== null && typeof v.file === 'string' && v.file !== '' && Number.isSafeInteger(v.line) && (v.line as number) >= 1) {
    return { file: v.file, line: v.line as number };
  }
  error(node, `${where}: "source" must be {"file": "<path>", "line": <1-based line>}; it is ignored (the example is kept).`);
  return undefined;
}

/** A non-blank string of at most `max` characters, else a reported problem. */
function text(node: Node, max: number, what: string, error: Report): string | undefined {
  if (node.type !== 'string' || (node.value as string).trim() === '') {
    error(node, `${what} must be a non-empty string.`);
    return undefined;
  }
  if ((node.value as string).length > max) {
    error(node, `${what} is longer than ${max} characters.`);
    return undefined;
  }
  return node.value as string;
}

/** The [key, value] nodes of an object node (incomplete properties are left out; the parser already reported them). */
function properties(node: Node): [Node, Node][] {
  return (node.children ?? []).flatMap((p) => {
    const [key, value] = p.children ?? [];
    return key && value && typeof key.value === 'string' ? [[key, value] as [Node, Node]] : [];
  });
}

function describeSyntax(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
