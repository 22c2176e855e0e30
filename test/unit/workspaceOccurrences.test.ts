/**
 * Analyze Workspace's store on the fake `vscode` (real files in a temporary folder): occurrences with
 * their file and place, kept across instances through workspace storage, files read again only
 * when they changed, entries dropped for changed or deleted files, and a broken store ignored.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { EngineClient } from '../../src/vscode/engineClient';
import { languageGlob, WorkspaceOccurrences } from '../../src/vscode/workspaceOccurrences';
import { CancellationTokenSource, extensions, fake, Uri } from '../fakes/vscode';

const FIXTURE_MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-uncased');

describe('WorkspaceOccurrences', () => {
  let root: string;
  let engine: SenseEngine;
  let reads: number;
  const client = {
    call: async (kind: string, params: { text: string; limit: number }) => {
      assert.equal(kind, 'findOccurrences');
      reads++;
      return engine.findOccurrences(params.text, params.limit);
    },
  } as unknown as EngineClient;
  const log = { info: () => undefined, warn: (m: string) => void warnings.push(m) } as unknown as vscodeTypes.LogOutputChannel;
  let warnings: string[];
  const progress = { report: () => undefined };
  const token = () => new CancellationTokenSource().token as unknown as vscodeTypes.CancellationToken;
  const storage = () => Uri.file(path.join(root, 'storage')) as unknown as vscodeTypes.Uri;
  const file = (name: string) => Uri.file(path.join(root, 'ws', name));

  beforeEach(async () => {
    fake.reset();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-workspace-'));
    await fs.mkdir(path.join(root, 'ws'));
    await fs.writeFile(path.join(root, 'ws', 'river.md'), '# Notes\n\nWe sat on the bank of the river.\nThe bass jumped.\n');
    await fs.writeFile(path.join(root, 'ws', 'money.txt'), 'The bank raised its rates. Banks lend money.');
    fake.files = [file('river.md'), file('money.txt')];
    extensions.all = [{ packageJSON: { contributes: { languages: [{ id: 'markdown', extensions: ['.md'] }, { id: 'plaintext', extensions: ['.txt'] }] } } }];
    engine = new SenseEngine({ dtype: 'fp32', contextWindow: 0, model: FIXTURE_MODEL, cacheDir: path.join(root, 'cache'), allowNetwork: false });
    reads = 0;
    warnings = [];
  });
  afterEach(async () => {
    await engine.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('finds every dataset word of the files with its file, line and character', async () => {
    const store = new WorkspaceOccurrences(storage(), log);
    const result = await store.collect(client, ['markdown', 'plaintext'], 10, progress, token());
    assert.deepEqual([result.files, result.read, result.truncated], [2, 2, false]);
    assert.deepEqual(await store.words(), [
      { word: 'bank', occurrences: 3, files: 2 },
      { word: 'bass', occurrences: 1, files: 1 },
    ]);
    const bank = await store.occurrences('bank');
    assert.deepEqual(
      bank.map((o) => [path.basename(o.location!.uri), o.location!.line, o.location!.character, o.context]),
      [
        ['river.md', 2, 14, 'We sat on the bank of the river.'],
        ['money.txt', 0, 4, 'The bank raised its rates.'],
        ['money.txt', 0, 27, 'Banks lend money.'],
      ],
    );
    store.dispose();
  });

  it('keeps the occurrences in workspace storage, and reads only the files that changed', async () => {
    const first = new WorkspaceOccurrences(storage(), log);
    await first.collect(client, ['markdown'], 10, progress, token());
    await first.flush();
    first.dispose();

    const second = new WorkspaceOccurrences(storage(), log);
    assert.equal((await second.occurrences('bank')).length, 3, 'known before any collect (the plot reopens at once)');
    reads = 0;
    await new Promise((r) => setTimeout(r, 20));
    await fs.writeFile(path.join(root, 'ws', 'money.txt'), 'No dataset word here any more.');
    const again = await second.collect(client, ['markdown'], 10, progress, token());
    assert.equal(again.read, 1, 'only the changed file is read again');
    assert.equal(reads, 1);
    assert.deepEqual((await second.words()).map((w) => [w.word, w.occurrences]), [['bank', 1], ['bass', 1]]);
    second.dispose();
  });

  it('drops the entry of a file that changes or goes away, and of files no longer found', async () => {
    const store = new WorkspaceOccurrences(undefined, log);
    await store.collect(client, ['markdown'], 10, progress, token());
    fake.watchers[0].changed.fire(file('money.txt'));
    assert.deepEqual((await store.occurrences('bank')).map((o) => path.basename(o.location!.uri)), ['river.md']);
    fake.files = [file('money.txt')];
    await store.collect(client, ['markdown'], 10, progress, token());
    assert.deepEqual((await store.words()).map((w) => w.word), ['bank'], 'river.md (bass) is no longer found');
    store.dispose();
  });

  it('reads at most maxFiles files and says so', async () => {
    const store = new WorkspaceOccurrences(undefined, log);
    const result = await store.collect(client, ['markdown'], 1, progress, token());
    assert.deepEqual([result.files, result.truncated], [1, true]);
    assert.equal(fake.findFilesCalls[0].max, 2, 'one more than the limit, to tell a cut');
    store.dispose();
  });

  it('ignores a broken store with a warning, and builds it again', async () => {
    await fs.mkdir(path.join(root, 'storage'));
    await fs.writeFile(path.join(root, 'storage', 'workspace-occurrences.json'), '{"version": 1, "files": {"x": 3}}');
    const store = new WorkspaceOccurrences(storage(), log);
    assert.deepEqual(await store.words(), []);
    assert.match(warnings.join('\n'), /Ignored workspace-occurrences\.json/);
    await store.collect(client, ['markdown'], 10, progress, token());
    assert.equal((await store.occurrences('bank')).length, 3);
    store.dispose();
  });
});

describe('languageGlob', () => {
  const extension = (languages: unknown[]) => ({ packageJSON: { contributes: { languages } } }) as unknown as vscodeTypes.Extension<unknown>;
  it("builds one glob from the languages' extensions and file names, as extensions declare them", () => {
    const all = [
      extension([{ id: 'markdown', extensions: ['.md', '.markdown'] }, { id: 'plaintext', extensions: ['.txt'], filenames: ['README'] }]),
      extension([{ id: 'python', extensions: ['.py'] }, { id: 'markdown', extensions: ['.mdown', '../evil'] }]),
    ];
    assert.equal(languageGlob(['markdown', 'plaintext'], all), '{**/*.markdown,**/*.md,**/*.mdown,**/*.txt,**/README}');
    assert.equal(languageGlob(['latex'], all), undefined);
    assert.equal(languageGlob(['plaintext'], []), '{**/*.txt}', "plain text is VS Code's own language, declared by no extension");
  });
});
