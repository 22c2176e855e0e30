/**
 * The context keys of package.json's `when` clauses, on the fake `vscode` module: what each is for
 * the taught senses and the languages setting, that only changes are sent, and that the manifest
 * reads exactly these keys.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { changeSettings, EventEmitter, fake } from '../fakes/vscode';
import { ContextKey, ContextKeys } from '../../src/vscode/contextKeys';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, { when?: string }[]>; configuration: { properties: Record<string, { default?: unknown }> }[] };
};
const DEFAULT_LANGUAGES = Object.assign({}, ...manifest.contributes.configuration.map((s) => s.properties))['bertWordSense.languages'].default as string[];

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

  it('starts with nothing taught and the default languages', () => {
    keys = start(taught);
    assert.deepEqual(Object.fromEntries(fake.context), { [ContextKey.hasTaughtSenses]: false, [ContextKey.supportedLanguages]: DEFAULT_LANGUAGES });
    assert.ok(DEFAULT_LANGUAGES.includes('plaintext'));
  });

  it('starts with senses taught when they were read before', () => {
    taught.hasSenses = true;
    keys = start(taught);
    assert.equal(key(ContextKey.hasTaughtSenses), true);
  });

  it('follows the taught senses, sending only changes', () => {
    keys = start(taught);
    taught.set(true);
    assert.equal(key(ContextKey.hasTaughtSenses), true);
    const calls = fake.contextCalls;
    taught.set(true);
    assert.equal(fake.contextCalls, calls, 'still taught: nothing sent');
    taught.set(false);
    assert.equal(key(ContextKey.hasTaughtSenses), false);
  });

  it('follows the languages setting, and only that setting', () => {
    fake.settings.bertWordSense = { languages: ['python', 'markdown'] };
    keys = start(taught);
    assert.deepEqual(key(ContextKey.supportedLanguages), ['python', 'markdown']);
    changeSettings('bertWordSense', { languages: ['latex'] });
    assert.deepEqual(key(ContextKey.supportedLanguages), ['latex']);
    const calls = fake.contextCalls;
    changeSettings('bertWordSense', { layers: 2 });
    changeSettings('bertWordSense', { languages: ['latex'] });
    assert.equal(fake.contextCalls, calls, 'another setting, or the same languages: nothing sent');
  });

  it('stops when disposed', () => {
    keys = start(taught);
    keys.dispose();
    const calls = fake.contextCalls;
    taught.set(true);
    changeSettings('bertWordSense', { languages: ['latex'] });
    assert.equal(fake.contextCalls, calls);
  });

  it("sets every bertWordSense key that package.json's when clauses read, and no other", () => {
    const used = new Set(
      Object.values(manifest.contributes.menus)
        .flat()
        // A view's id (`view == bertWordSense.taughtSenses`) is not a context key.
        .flatMap((e) => e.when?.replace(/\bview == \S+/g, '').match(/bertWordSense\.\w+/g) ?? []),
    );
    assert.deepEqual([...used].sort(), Object.values(ContextKey).sort());
  });
});
