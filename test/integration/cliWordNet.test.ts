/**
 * `npm run cli -- --inventory wordnet` (src/cli/wordNet.ts) as a user runs it: a child process on
 * the fixture model and the packaged WordNet, with its own cache folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_MODEL, tempDir } from './helpers';

const REPO = path.resolve(__dirname, '../..');

describe('cli --inventory wordnet', () => {
  let cacheDir: string;
  const cli = (args: readonly string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--cache', cacheDir, '--inventory', 'wordnet', '--model', FIXTURE_MODEL, ...args], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });

  before(async () => {
    cacheDir = await tempDir('cli-wordnet');
  });
  after(async () => {
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('ranks the noun senses of the word after the article, with synsets, scores, glosses and the margin', async () => {
    const run = cli(['--top', '3', 'He sat on the bank of the river.']);
    assert.equal(run.status, 0, run.stderr);
    const [head, ...senses] = run.stdout.trimEnd().split('\n');
    assert.match(head, /^bank\t@14\tbank \(n, tagged n\)\tmargin \d\.\d{3}(\tuncertain)?$/);
    assert.equal(senses.length, 4, run.stdout);
    for (const line of senses.slice(0, 3)) assert.match(line, /^ {2}\d\. \d{8}n\t-?\d\.\d{3}\tbank: \S/);
    // Verb senses compete too (the tagged part of speech is a prior), behind the nouns here.
    assert.equal(senses[3], '  … 15 more');
    // The sense vectors were cached on disk for the next run.
    const folders = await fs.readdir(path.join(cacheDir, 'wordnet'));
    assert.deepEqual((await fs.readdir(path.join(cacheDir, 'wordnet', folders[0]))).sort(), ['bank.n.bwnv', 'bank.v.bwnv']);
  });

  it('takes the word at --at, lemmatized in its tagged part of speech', () => {
    const text = 'They banked the money and ran home.';
    const run = cli(['--at', String(text.indexOf('ran')), text]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^ran\t@26\trun \(v, tagged v\)/);
  });

  it('rejects another inventory and says when there is no word', () => {
    const bad = cli(['--inventory', 'coarse', 'text']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--inventory takes "wordnet"/);
    const none = cli(['...']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /No WordNet word in the text/);
  });
});
