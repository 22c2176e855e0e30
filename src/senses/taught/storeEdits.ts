/**
 * Edits of a taught-senses file's text. Each edit touches only the value it changes (with
 * jsonc-parser's `modify`), so comments, formatting, unknown properties and entries the parser
 * rejected stay exactly as the user wrote them. Pure: the store reads, locks and writes.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type JSONPath, type Node } from './jsonc';
import { EngineError } from '../../shared/errors';
import { Inventory } from '../../shared/inventory';
import type { ExampleSource } from '../types';
import { PARSE_OPTIONS } from './parseStore';

/** The text of a store that does not exist yet. */
export const EMPTY_STORE = '{\n  "words": {}\n}\n';

export interface NewExample {
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
  readonly source?: ExampleSource;
}

export interface SpanRef {
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
}

/** Adds an example to `word`'s sense `id`, creating the sense (it then needs `label`). */
export function addExample(
  text: string,
  word: string,
  id: string,
  example: NewExample,
  sense: { readonly label?: string; readonly description?: string },
): { text: string; created: boolean; added: boolean } {
  const root = tree(text);
  const sensePath = ['words', word, 'senses', id];
  const existing = at(root, sensePath);
  const entry = { sentence: example.sentence, start: example.start, end: example.end, ...(example.source && { source: example.source }) };
  if (!existing) {
    if (!sense.label?.trim()) throw new EngineError('taught-senses', `"${word}" has no sense "${id}" yet: give a label to create it.`);
    const value = { label: sense.label, ...(sense.description && { description: sense.description }), examples: [entry] };
    return { text: edit(text, sensePath, value), created: true, added: true };
  }
  const examples = at(root, [...sensePath, 'examples']);
  if (examples?.type === 'array') {
    if (indicesOf(examples, word, example).length > 0) return { text, created: false, added: false };
    return { text: edit(text, [...sensePath, 'examples', -1], entry, true), created: false, added: true };
  }
  if (examples) throw new EngineError('taught-senses', `"examples" of sense "${id}" of "${word}" is not an array: fix the file first.`);
  return { text: edit(text, [...sensePath, 'examples'], [entry]), created: false, added: true };
}

/** Removes every copy of the example from the sense; returns how many there were. */
export function forgetExample(text: string, word: string, id: string, example: SpanRef): { text: string; removed: number } {
  const root = tree(text);
  const examples = at(root, ['words', word, 'senses', id, 'examples']);
  const found = examples?.type === 'array' ? indicesOf(examples, word, example) : [];
  let out = text;
  // Last first, so earlier indices stay valid.
  for (const i of found.reverse()) out = edit(out, ['words', word, 'senses', id, 'examples', i], undefined);
  return { text: out, removed: found.length };
}

export function renameSense(text: string, word: string, id: string, label: string): { text: string; found: boolean } {
  const path = ['words', word, 'senses', id];
  if (!at(tree(text), path)) return { text, found: false };
  return { text: edit(text, [...path, 'label'], label), found: true };
}

/** Deletes the sense, and the word when it was its last sense. */
export function deleteSense(text: string, word: string, id: string): { text: string; found: boolean } {
  const root = tree(text);
  const senses = at(root, ['words', word, 'senses']);
  if (!at(root, ['words', word, 'senses', id])) return { text, found: false };
  const last = senses?.type === 'object' && senses.children?.length === 1;
  return { text: edit(text, last ? ['words', word] : ['words', word, 'senses', id], undefined), found: true };
}

/** The parse tree of a well-formed store; an edit of a malformed one could land anywhere. */
function tree(text: string): Node | undefined {
  const errors: unknown[] = [];
  const root = parseTree(text, errors as never[], PARSE_OPTIONS);
  if (errors.length > 0) throw new EngineError('taught-senses', 'The taught-senses file has JSON syntax errors: fix them first (nothing was written).');
  if (root && root.type !== 'object') throw new EngineError('taught-senses', 'The taught-senses file is not a JSON object: fix it first (nothing was written).');
  const words = root && at(root, ['words']);
  if (words && words.type !== 'object') throw new EngineError('taught-senses', '"words" in the taught-senses file is not an object: fix it first (nothing was written).');
  return root;
}

function edit(text: string, path: JSONPath, value: unknown, isArrayInsertion = false): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol };
  try {
    return applyEdits(text, modify(text, path, value, { formattingOptions, isArrayInsertion }));
  } catch (cause) {
    // jsonc-parser refuses to add a property under a value that is not an object (`"kernel": "oops"`).
    const where = path.filter((p) => p !== -1).map((p) => JSON.stringify(p)).join(' → ');
    throw new EngineError('taught-senses', `Cannot edit ${where} in the taught-senses file: a value on the way is not an object. Fix the file first (nothing was written).`, { cause });
  }
}

/** Indices of the array's examples with this sentence and span (an example without a span: the word's first occurrence). */
function indicesOf(examples: Node, word: string, example: SpanRef): number[] {
  return (examples.children ?? []).flatMap((node, i) => {
    const v = getNodeValue(node) as Partial<SpanRef> | null;
    if (!v || v.sentence !== example.sentence) return [];
    const span = v.start === undefined && v.end === undefined ? new Inventory([word]).findAll(v.sentence)[0] : v;
    return span?.start === example.start && span.end === example.end ? [i] : [];
  });
}

function at(root: Node | undefined, path: JSONPath): Node | undefined {
  return root && findNodeAtLocation(root, path);
}
