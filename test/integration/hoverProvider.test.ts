/**
 * The bad-input matrix of badInput.test.ts, on the hover path: the real extension is activated
 * against a fake `vscode` module (test/fakes), so hovers go through the real SenseHoverProvider, the
 * real EngineHost and a real SenseEngine on the fixture model and the mini dataset (bank, bass).
 * Every hover must end in a sense, `undefined` or a clean message, within a time bound, and never
 * throw; settings changes go through the real `onDidChangeConfiguration` handler.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { uninstallVscode } from '../fakes/installVscode';
import { FakeTextDocument } from '../fakes/textDocument';
import { CancellationTokenSource, changeSettings, fake, Hover, MarkdownString, Position, Uri } from '../fakes/vscode';
import { CommandId } from '../../src/vscode/commands/ids';
import { SECTION } from '../../src/vscode/config';
import { activate, deactivate } from '../../src/vscode/extension';
import type { SenseHoverProvider } from '../../src/vscode/hoverProvider';
import { FIXTURE_MODEL, MINI_DATASET, tempDir } from './helpers';

/** A hover on a loaded model and a warm sense index: generous for slow CI, far below "hangs". */
const HOVER_MS = 10_000;
/** The first hover also creates the engine (requires Transformers.js and ONNX) and loads the model. */
const LOAD_MS = 30_000;

/** Escaped labels of the mini dataset's senses, as the hover shows them. */
const LABELS: Record<string, readonly string[]> = {
  bank: ['bank \\(financial institution\\)', 'bank \\(geography\\)'],
  bass: ['bass guitar', 'double bass', 'bass \\(voice\\)'],
};

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const doc = (text: string, languageId = 'plaintext') => new FakeTextDocument(text, { languageId });

/** The hover's one markdown string (the provider always gives exactly one). */
function markdownOf(hover: vscodeTypes.Hover | undefined): MarkdownString {
  assert.ok(hover, 'expected a hover');
  assert.ok(hover instanceof Hover, 'the hover is made with vscode.Hover');
  assert.equal(hover.contents.length, 1);
  const [md] = hover.contents;
  assert.ok(md instanceof MarkdownString, 'the hover content is a vscode.MarkdownString');
  return md;
}

/**
 * A sense hover about `word`: the first line names the word and one of its senses, every sense of
 * the word is scored, the range is the word in the document, and the markdown is only trusted for
 * the plot command, without HTML.
 */
function assertSense(hover: vscodeTypes.Hover | undefined, document: FakeTextDocument, word: string, layers = 4): string {
  const md = markdownOf(hover);
  const value = md.value;
  const [first] = value.split('\n');
  const labels = LABELS[word];
  const winner = /^\*\*(\w+)\*\* → \*(.+)\*$/.exec(first);
  assert.ok(winner, `first line is "**word** → *sense*": ${JSON.stringify(first)}`);
  assert.equal(winner[1], word);
  assert.ok(labels.includes(winner[2]), `winner ${winner[2]} is a sense of ${word}`);
  for (const label of labels) assert.match(value, new RegExp(`^- \`[▰▱]{10} -?\\d\\.\\d\\d\` (\\*\\*)?${escapeRegExp(label)}(\\*\\*)? · \\d+ examples?$`, 'm'));
  assert.ok(value.includes(`Vector: last ${layers} layers, sum`), `vector line says last ${layers} layers:\n${value}`);
  assert.ok(value.includes(`](command:${CommandId.plotSenses}?`), 'has the plot link');
  assert.deepEqual(md.isTrusted, { enabledCommands: [CommandId.plotSenses, CommandId.teachSense] });
  assert.equal(md.supportHtml, false);
  assert.ok(hover!.range, 'the hover has a range');
  assert.equal(document.getText(hover!.range).toLowerCase(), word, 'the range is the word');
  return value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Position of the `n`-th (0-based) occurrence of `needle`, `into` characters into it. */
function positionOf(document: FakeTextDocument, needle: string, n = 0, into = 1): Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" #${n} is in the document`);
  }
  return document.positionAt(at + into);
}

describe('hover path: bad input gives a sense, undefined or a clean message, never an exception', () => {
  let cacheDir: string;
  let provider: SenseHoverProvider;
  const context = { subscriptions: [] as { dispose(): unknown }[], globalStorageUri: Uri.file('/'), extensionUri: Uri.file(path.resolve(__dirname, '../..')) };

  const hover = (document: FakeTextDocument, position: Position, token = new CancellationTokenSource().token, ms = HOVER_MS) =>
    within(
      ms,
      `hover at ${position.line}:${position.character}`,
      Promise.resolve(provider.provideHover(document.asDocument(), position as unknown as vscodeTypes.Position, token as vscodeTypes.CancellationToken)),
    );
  const hoverWord = (document: FakeTextDocument, word: string, n = 0) => hover(document, positionOf(document, word, n));
  const errors = () => fake.messages.filter((m) => m.kind === 'error');

  before(async () => {
    fake.reset();
    cacheDir = await tempDir('hover');
    // WordNet hovers are tested in wordnetHover.test.ts: here other words get none.
    fake.settings[SECTION] = { model: FIXTURE_MODEL, datasetFolder: MINI_DATASET, allowNetwork: false, layers: 4, pooling: 'sum', wordnet: false };
    (context as { globalStorageUri: Uri }).globalStorageUri = Uri.file(cacheDir);
    activate(context as unknown as vscodeTypes.ExtensionContext);
    assert.equal(fake.hoverProviders.length, 1, 'activation registers one hover provider');
    provider = fake.hoverProviders[0].provider as SenseHoverProvider;
    assert.deepEqual(fake.messages, [], 'the test settings are valid');
  });

  after(async () => {
    await deactivate();
    for (const d of context.subscriptions.splice(0)) d.dispose();
    uninstallVscode();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('a hover over a word that is not in the inventory does not even create the engine', async () => {
    const document = doc('The river was muddy and the riverbank was steep.');
    for (const word of ['The', 'river', 'muddy', 'riverbank', 'steep']) {
      assert.equal(await hoverWord(document, word), undefined, word);
    }
    assert.ok(!fake.log.some((l) => l.message.startsWith('Creating the engine')), 'no engine was created');
    assert.deepEqual(fake.progress, [], 'no model load started');
  });

  it('the first hover waits for the model and gives the sense (a shown hover cannot be updated)', async () => {
    const document = doc('We sat on the bank of the river and watched the water.');
    const first = await hover(document, positionOf(document, 'bank'), undefined, LOAD_MS);
    // The default classifier is the probe: a word's first answer comes from the centroid while it trains.
    assert.match(assertSense(first, document, 'bank'), /· cosine to each sense vector \(the probe is still training\)$/m);
    assert.ok(fake.progress.some((p) => p.title === 'BERT Word Sense' && p.messages.some((m) => m.startsWith('Loading model'))), 'loading runs under a notification');
    assert.ok(fake.statusBarItems.some((i) => i.text.includes('$(check)')), 'the status bar says ready');
    // Warm the other word too, so later hovers never meet an index build in progress.
    const bass = doc('He plays the bass in a jazz band.');
    assertSense(await hoverWord(bass, 'bass'), bass, 'bass');
    assert.deepEqual(errors(), []);
  });

  it('once the probe is trained, the same hover asks again and shows its probabilities', async () => {
    const document = doc('We sat on the bank of the river and watched the water.');
    const started = Date.now();
    let value = assertSense(await hoverWord(document, 'bank'), document, 'bank');
    while (value.includes('still training') && Date.now() - started < LOAD_MS) {
      await new Promise((r) => setTimeout(r, 50));
      value = assertSense(await hoverWord(document, 'bank'), document, 'bank');
    }
    assert.match(value, /^Probability of each sense \(linear probe\):$/m);
    assert.match(value, /· probabilities of the linear probe$/m);
  });

  it('an empty document: undefined', async () => {
    const document = doc('');
    assert.equal(await hover(document, new Position(0, 0)), undefined);
    assert.equal(await hover(document, new Position(3, 7)), undefined, 'a position past the end is clamped');
  });

  it('a 5 MB document with one bank sentence at its end', async () => {
    const document = doc(`${'Lorem ipsum dolor sit amet.\n'.repeat(180_000)}The bank raised its rates.`);
    assert.ok(document.getText().length > 5_000_000);
    const started = Date.now();
    assertSense(await hoverWord(document, 'bank'), document, 'bank');
    assert.ok(Date.now() - started < HOVER_MS);
    assert.equal(await hover(document, new Position(90_000, 3)), undefined, 'a hover far from the word');
  });

  it('a 200,000-character line with bank in the middle', async () => {
    const document = doc(`${'x'.repeat(100_000)} the bank of the river ${'y'.repeat(100_000)}`);
    assert.equal(document.lineCount, 1);
    assertSense(await hoverWord(document, 'bank'), document, 'bank');
  });

  it('binary-looking text, other scripts, emoji and combining marks around bank', async () => {
    for (const text of [
      '\u0000\u0001\uFFFD\u0007 bank \u0000\u00ff\u0010',
      '\uFFFD\uFFFD\u0000PK\u0003\u0004\u001b[31m the bank \u001b[0m\u0000\u0000',
      '銀行 bank 在河边 — Банк на берегу bank',
      '😀🏦 the bank 🌊 e\u0301\u0301 river',
      'n\u0303o\u0308 the 👨‍👩‍👧 family walked along the bank 🏞️ of the river',
    ]) {
      const document = doc(text);
      const n = (text.match(/bank/g) ?? []).length;
      for (let i = 0; i < n; i++) assertSense(await hoverWord(document, 'bank', i), document, 'bank');
      // Hovering the odd characters themselves gives nothing.
      for (const odd of ['\u0000', '\uFFFD', '銀', 'Б', '😀', '\u0301', '👨']) {
        const at = text.indexOf(odd);
        if (at >= 0) assert.equal(await hover(document, document.positionAt(at)), undefined, `hover on U+${odd.codePointAt(0)!.toString(16)}`);
      }
    }
  });

  it('the ±2,000-character slice around the hover cuts a surrogate pair or a CRLF', async () => {
    // bank at offset 3,001 + prefix: the slice starts 2,000 characters before the hover, which
    // lands inside an emoji (one prefix or the other) or between \r and \n.
    for (const prefix of ['x', 'xx', '\r\n', 'x\r\n']) {
      const document = doc(`${prefix}${'😀'.repeat(1_500)} the bank ${'😀'.repeat(1_500)}`);
      assertSense(await hoverWord(document, 'bank'), document, 'bank');
    }
    const lines = doc(`${'a line\r\n'.repeat(400)}the bank of the river\r\n${'a line\r\n'.repeat(400)}`);
    assertSense(await hoverWord(lines, 'bank'), lines, 'bank');
  });

  it('bank after a line break inside a sentence, and a hyphenated river-\\nbank', async () => {
    for (const text of ['We sat on the\nbank of the\nriver.', 'We sat on the\r\nbank of the\r\nriver.', 'the river-\nbank was steep']) {
      const document = doc(text);
      const position = positionOf(document, 'bank');
      assert.equal(position.line, 1, 'bank is on the second line');
      assertSense(await hover(document, position), document, 'bank');
    }
  });

  for (const where of ['start', 'middle', 'end'] as const) {
    it(`a sentence far longer than the model window, bank at its ${where}`, async () => {
      const filler = 'and the long sentence goes on '.repeat(100);
      const text = where === 'start' ? `bank ${filler}` : where === 'end' ? `${filler} bank` : `${filler} bank ${filler}`;
      const document = doc(text);
      assertSense(await hoverWord(document, 'bank'), document, 'bank');
    });
  }

  it('text made only of punctuation: undefined everywhere', async () => {
    const text = '!!! ... ??? ;;; --- ***\n[](){}<> @#$%^&* ,,, ::: \'"` ~~~ ___ ///';
    const document = doc(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.equal(await hover(document, document.positionAt(offset)), undefined, `offset ${offset}`);
    }
  });

  it('a word that is not in the inventory: undefined (and the inventory word next to it: a sense)', async () => {
    const document = doc('The river bank was muddy, the riverbank was not, and banking is boring.');
    for (const word of ['The', 'river', 'muddy', 'riverbank', 'banking', 'boring']) {
      assert.equal(await hoverWord(document, word), undefined, word);
    }
    assertSense(await hoverWord(document, 'bank'), document, 'bank');
  });

  it('Markdown: no hover inside a fenced code block (codeComments off), a sense outside it', async () => {
    const document = doc('```\nthe bank of the river\n```\n\nWe sat on the bank of the river.', 'markdown');
    assert.equal(await hover(document, new Position(1, 5)), undefined, 'inside the fence');
    assertSense(await hover(document, new Position(4, 15)), document, 'bank');
  });

  it('a language not in `languages`: undefined (the same text as plain text: a sense)', async () => {
    const text = 'We sat on the bank of the river.';
    for (const languageId of ['python', 'typescript', 'json', 'unknown-language']) {
      const document = doc(text, languageId);
      assert.equal(await hoverWord(document, 'bank'), undefined, languageId);
    }
    const plain = doc(text);
    assertSense(await hoverWord(plain, 'bank'), plain, 'bank');
  });

  it('document text never reaches the markdown unescaped', async () => {
    const text = 'See [x](command:evil) <img src=x onerror=alert(1)> on the bank <b>now</b> [y]: javascript:alert(2)';
    const document = doc(text);
    const value = assertSense(await hoverWord(document, 'bank'), document, 'bank');
    assert.ok(!value.includes('command:evil') && !value.includes('<img') && !value.includes('<b>') && !value.includes('javascript:'), value);
    assert.equal(/(?<!\\)</.test(value), false, 'no unescaped <');
    // The only unescaped [ are the plot link's and the teach link's.
    const links = value.match(/(?<!\\)\[/g) ?? [];
    assert.equal(links.length, 2, value);
    assert.match(value, /(?<!\\)\[Teach a sense…\]\(command:bertWordSense\.teachSense\?/);
    assert.match(value, /(?<!\\)\[Plot senses of 'bank'\]\(command:bertWordSense\.plotSenses\?/);
  });

  it('a cancelled token gives undefined, without an error', async () => {
    const document = doc('Cancelled hovers over the bank of the river.');
    const source = new CancellationTokenSource();
    source.cancel();
    assert.equal(await hover(document, positionOf(document, 'bank'), source.token), undefined);

    // Cancelled while the classification runs (a new sentence, so nothing is cached): the token
    // cancels itself once the provider listens twice, i.e. once the engine's classify has started.
    const running = doc('Another sentence about the bank that is cancelled halfway.');
    const late = new CancellationTokenSource();
    let listeners = 0;
    const token = {
      get isCancellationRequested() {
        return late.token.isCancellationRequested;
      },
      onCancellationRequested: (...args: Parameters<typeof late.token.onCancellationRequested>) => {
        if (++listeners === 2) queueMicrotask(() => late.cancel());
        return late.token.onCancellationRequested(...args);
      },
    };
    assert.equal(await hover(running, positionOf(running, 'bank'), token), undefined);
    assert.equal(listeners, 2, 'cancelled while classifying');
    // A later hover over the same word still works.
    assertSense(await hoverWord(running, 'bank'), running, 'bank');
    assert.deepEqual(errors(), []);
  });

  it('20 hovers at once over different documents with a settings change (layers 4 → 2) mid-flight', async () => {
    const documents = Array.from({ length: 20 }, (_, i) => {
      const word = i % 2 ? 'bass' : 'bank';
      return { word, document: doc(`Document ${i}: the ${word} ${i % 4 < 2 ? 'of the river' : 'and the guitar'} number ${i}.`) };
    });
    const hoverAll = (from: number, to: number) => documents.slice(from, to).map((d) => hoverWord(d.document, d.word));
    const before = hoverAll(0, 10);
    changeSettings(SECTION, { layers: 2 });
    const after = hoverAll(10, 20);
    const results = await Promise.all([...before, ...after]);
    results.forEach((result, i) => assertSense(result, documents[i].document, documents[i].word, i < 10 ? 4 : 2));
    assert.ok(fake.log.some((l) => l.message.includes('Settings changed (layers)')), 'the change went through the real handler');

    // Hovers after the change (cached before or not) say "last 2 layers".
    const again = await Promise.all(hoverAll(0, 20));
    again.forEach((result, i) => assertSense(result, documents[i].document, documents[i].word, 2));
    assert.deepEqual(errors(), []);
  });

  it('20 hovers at once with an engine setting change mid-flight: no error for the replaced engine, then senses again', async () => {
    const documents = Array.from({ length: 20 }, (_, i) => {
      const word = i % 2 ? 'bass' : 'bank';
      return { word, document: doc(`Engine ${i}: the ${word} ${i % 4 < 2 ? 'of the river' : 'and the guitar'} number ${i}.`) };
    });
    const pending = documents.map((d) => hoverWord(d.document, d.word));
    // Let the hovers reach the engine, then change a setting the engine was built with.
    await new Promise((r) => setImmediate(r));
    changeSettings(SECTION, { datasetFolder: `${MINI_DATASET}${path.sep}` });
    const results = await Promise.all(pending);
    assert.ok(fake.log.some((l) => l.message.includes('Settings changed (datasetFolder): the engine is recreated')));
    results.forEach((result, i) => {
      // The old engine is gone: no answer, or (if it was fast) a sense.
      if (result !== undefined) assertSense(result, documents[i].document, documents[i].word, 2);
    });
    assert.deepEqual(errors(), [], 'a hover on the replaced engine is not reported as a failure');
    assert.ok(!fake.statusBarItems.some((i) => i.text.includes('$(error)')), 'the status bar shows no error');
    assert.deepEqual(fake.log.filter((l) => l.level === 'error'), []);

    const later = await hover(documents[0].document, positionOf(documents[0].document, 'bank'), undefined, LOAD_MS);
    assertSense(later, documents[0].document, 'bank', 2);
    assert.deepEqual(errors(), []);
  });

  it('layers above the model depth: the last 4 layers are used and the setting is reported once', async () => {
    changeSettings(SECTION, { layers: 9 });
    const document = doc('Too deep: we walked along the bank of the river.');
    assertSense(await hoverWord(document, 'bank'), document, 'bank', 4);
    const other = doc('Too deep again: the bank raised its rates.');
    assertSense(await hoverWord(other, 'bank'), other, 'bank', 4);
    const warnings = fake.messages.filter((m) => m.kind === 'warning' && m.message.includes('has only 4 layers'));
    assert.equal(warnings.length, 1, JSON.stringify(fake.messages));
    assert.deepEqual(warnings[0].items, ['Open Settings']);
    assert.match(warnings[0].message, /layers setting \(9\)/);
    assert.deepEqual(errors(), []);
    changeSettings(SECTION, { layers: 4 });
  });
});
