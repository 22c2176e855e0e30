/**
 * The context keys of package.json's `when` clauses, on the fake `vscode` module: what each is for
 * an editor, a cursor, a setting and the taught senses, and that only changes are sent.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FakeTextDocument } from '../fakes/textDocument';
import { changeSelection, changeSettings, EventEmitter, fake, openDocument, Position, Range, setActiveEditor } from '../fakes/vscode';
import { ContextKey, ContextKeys } from '../../src/vscode/contextKeys';

const TEXT = 'The bank of the river.\n  --  \nsecond line';

/** A selection from (line, character) to (line, character); the cursor at its end. */
function selection(l1: number, c1: number, l2 = l1, c2 = c1) {
  return Object.assign(new Range(l1, c1, l2, c2), { active: new Position(l2, c2) });
}

function editor(languageId = 'plaintext', text = TEXT) {
  return { document: new FakeTextDocument(text, { languageId }), selection: selection(0, 0) };
}

class Taught {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  hasSenses = false;
  set(value: boolean): void {
    this.hasSenses = value;
    this.changed.fire();
  }
}

const key = (k: ContextKey) => fake.context.get(k);
/** The fake's event types are not the real module's. */
const start = (taught: Taught) => new ContextKeys(taught as never);

describe('ContextKeys', () => {
  let taught: Taught;
  let keys: ContextKeys | undefined;

  beforeEach(() => {
    fake.reset();
    taught = new Taught();
  });
  afterEach(() => keys?.dispose());

  it('starts with every key false without an editor or taught senses', () => {
    keys = start(taught);
    assert.deepEqual(Object.fromEntries(fake.context), { [ContextKey.hasTaughtSenses]: false, [ContextKey.supportedEditor]: false, [ContextKey.wordUnderCursor]: false });
  });

  it('follows the taught senses', () => {
    keys = start(taught);
    taught.set(true);
    assert.equal(key(ContextKey.hasTaughtSenses), true);
    taught.set(false);
    assert.equal(key(ContextKey.hasTaughtSenses), false);
  });

  it('marks editors of the languages setting as supported, and only those', () => {
    keys = start(taught);
    const markdown = editor('markdown');
    setActiveEditor(markdown);
    assert.equal(key(ContextKey.supportedEditor), true);
    assert.equal(key(ContextKey.wordUnderCursor), true, '"The" is under the cursor');
    setActiveEditor(editor('python'));
    assert.equal(key(ContextKey.supportedEditor), false);
    assert.equal(key(ContextKey.wordUnderCursor), false, 'a word in another language does not count');
    setActiveEditor(undefined);
    assert.equal(key(ContextKey.supportedEditor), false);
  });

  it('reads the languages setting again when it changes', () => {
    fake.settings.bertWordSense = { languages: ['python'] };
    keys = start(taught);
    setActiveEditor(editor('python'));
    assert.equal(key(ContextKey.supportedEditor), true);
    changeSettings('bertWordSense', { languages: ['markdown'] });
    assert.equal(key(ContextKey.supportedEditor), false);
  });

  it('follows a language mode change of the active document', () => {
    keys = start(taught);
    const e = editor('python');
    setActiveEditor(e);
    assert.equal(key(ContextKey.supportedEditor), false);
    e.document = new FakeTextDocument(TEXT, { languageId: 'plaintext' });
    openDocument(e.document);
    assert.equal(key(ContextKey.supportedEditor), true);
  });

  it('knows whether the cursor is on a word or the selection is one word', () => {
    keys = start(taught);
    const e = editor();
    setActiveEditor(e);
    const at = (s: ReturnType<typeof selection>) => {
      e.selection = s;
      changeSelection(e);
      return key(ContextKey.wordUnderCursor);
    };
    assert.equal(at(selection(0, 6)), true, 'inside "bank"');
    assert.equal(at(selection(0, 8)), true, 'right after "bank", as after a double-click');
    assert.equal(at(selection(1, 3)), false, 'between dashes');
    assert.equal(at(selection(0, 4, 0, 8)), true, 'selected "bank"');
    assert.equal(at(selection(0, 3, 0, 9)), true, 'selected " bank " (trimmed)');
    assert.equal(at(selection(0, 4, 0, 11)), false, 'two words');
    assert.equal(at(selection(0, 18, 2, 3)), false, 'a selection over lines');
    assert.equal(at(selection(2, 0, 2, 6)), true, '"second"');
    assert.equal(at(selection(2, 11)), true, 'at the end of the last line');
  });

  it('takes a line of one word selected with its line break, as Teach Sense does, but not a long selection', () => {
    keys = start(taught);
    const e = editor('plaintext', `bank\nnext\n${' '.repeat(2_000)}bank`);
    setActiveEditor(e);
    e.selection = selection(0, 0, 1, 0);
    changeSelection(e);
    assert.equal(key(ContextKey.wordUnderCursor), true);
    e.selection = selection(1, 4, 2, 2_004);
    changeSelection(e);
    assert.equal(key(ContextKey.wordUnderCursor), false, 'longer than any word with its spaces');
  });

  it('ignores selections in editors that are not active, and sends only changes', () => {
    keys = start(taught);
    const e = editor();
    setActiveEditor(e);
    const calls = fake.contextCalls;
    e.selection = selection(0, 5);
    changeSelection(e);
    e.selection = selection(0, 7);
    changeSelection(e);
    assert.equal(fake.contextCalls, calls, 'still on a word: nothing sent');

    const other = editor();
    other.selection = selection(1, 3);
    changeSelection(other);
    assert.equal(key(ContextKey.wordUnderCursor), true, 'another editor’s cursor does not count');
  });

  it('stops when disposed', () => {
    keys = start(taught);
    keys.dispose();
    const calls = fake.contextCalls;
    setActiveEditor(editor());
    taught.set(true);
    assert.equal(fake.contextCalls, calls);
  });

  it('sets every bertWordSense key that package.json\'s when clauses read, and no other', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { menus: Record<string, { when?: string }[]> } };
    const used = new Set(
      Object.values(manifest.contributes.menus)
        .flat()
        .flatMap((e) => e.when?.match(/bertWordSense\.\w+/g) ?? []),
    );
    assert.deepEqual([...used].sort(), Object.values(ContextKey).sort());
  });
});
