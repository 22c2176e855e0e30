/**
 * `npm run cli` (src/cli/main.ts) as a user runs it: a child process on the fixture model and the mini
 * dataset, with its own cache folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_MODEL, MINI_DATASET, tempDir } from './helpers';

const REPO = path.resolve(__dirname, '../..');

describe('cli', () => {
  let cacheDir: string;
  const cli = (args: readonly string[], input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--cache', cacheDir, ...args], {
      cwd: REPO,
      encoding: 'utf8',
      input,
      timeout: 60_000,
    });

  before(async () => {
    cacheDir = await tempDir('cli');
  });
  after(async () => {
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('--taught adds the words of a taught-senses file and reports its problems with positions', async () => {
    const file = path.join(cacheDir, 'word-senses.json');
    const senses = {
      snake: { label: 'python (snake)', examples: [{ sentence: 'The python swallowed a rat.' }, { sentence: 'A python coiled on the branch.' }] },
      language: { label: 'Python (language)', examples: [{ sentence: 'Python code is easy to read.' }, { sentence: 'Nothing here.' }] },
    };
    await fs.writeFile(file, JSON.stringify({ words: { python: { senses } } }, null, 2));
    const run = cli(['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--classifier', 'centroid', '--taught', file, 'Two pythons and a bank.']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^error: .*word-senses\.json:22:13: .*"python" \(or a form of it\) does not occur/m);
    const lines = run.stdout.trim().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(lines.map((l) => l[0]), ['python', 'bank']);
    assert.match(lines[0][3], /^python \(snake\) -?\d\.\d{3}; Python \(language\) -?\d\.\d{3}$|^Python \(language\) -?\d\.\d{3}; python \(snake\) -?\d\.\d{3}$/);
  });

  it('prints the word, its offset, the winning sense, every sense with its score and the margin', () => {
    const run = cli(['--model', FIXTURE_MODEL, '--data', MINI_DATASET, 'We sat on the bank of the river.']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, run.stdout);
    const [word, offset, winner, senses, margin] = lines[0].split('\t');
    assert.equal(word, 'bank');
    assert.equal(offset, '@14');
    assert.ok(['bank', 'bank (geography)'].includes(winner), winner);
    assert.match(senses, /^(bank \(financial institution\)|bank \(geography\)) -?\d\.\d{3}; (bank \(financial institution\)|bank \(geography\)) -?\d\.\d{3}$/);
    assert.ok(senses.startsWith(`${winner} `), 'the winner is listed first');
    assert.match(margin, /^margin \d\.\d{3}$/);
  });

  it('reads the text from stdin', () => {
    const run = cli(['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--classifier', 'knn', '--k', '3'], 'He plays the bass.\n');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^bass\t@13\t(bass guitar|double bass|bass \(voice type\))\t/);
  });

  it('--classifier probe waits for the probe and prints probabilities', () => {
    const run = cli(['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--classifier', 'probe', 'He plays the bass.']);
    assert.equal(run.status, 0, run.stderr);
    const scores = run.stdout.split('\t')[3].split('; ').map((s) => Number(s.slice(s.lastIndexOf(' ') + 1)));
    assert.equal(scores.length, 3);
    assert.ok(Math.abs(scores.reduce((a, b) => a + b, 0) - 1) < 0.01, run.stdout);
  });

  it('a missing model folder: exit code 1 and the engine’s message', () => {
    const missing = path.join(cacheDir, 'no-such-model');
    const run = cli(['--model', missing, '--data', MINI_DATASET, 'We sat on the bank of the river.']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^error: Model folder ${escapeRegExp(missing)} has no config\\.json\\.`, 'm'));
  });

  it('a text with more occurrences than one run takes: the first ones, and a warning on stderr', () => {
    const run = cli(['--model', FIXTURE_MODEL, '--data', MINI_DATASET], 'The bank. '.repeat(6_000));
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 5_000);
    assert.match(run.stderr, /^warning: output truncated: the text has 6000 occurrences; printed the first 5000 /m);
  });

  it('a cache path that is a regular file: the senses, and one warning per cache', async () => {
    const file = path.join(cacheDir, 'a-file');
    await fs.writeFile(file, 'not a folder');
    const run = cli(['--cache', file, '--model', FIXTURE_MODEL, '--data', MINI_DATASET, 'The bank of the river. He plays the bass.']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['bank', 'bass']);
    // One warning per cache (prepared model, vectors, probes), not one per write.
    const warnings = run.stderr.trim().split('\n');
    assert.deepEqual(warnings.map((w) => /^warn: Could not write the (prepared model|\w+ cache) /.exec(w)?.[1]), ['prepared model', 'vector cache', 'probe cache'], run.stderr);
  });

  it('a malformed dataset file: exit code 1 and an error naming file and line, not senses scored −1', async () => {
    const data = path.join(cacheDir, 'bad-data');
    await fs.cp(MINI_DATASET, data, { recursive: true });
    const gold = path.join(data, 'bank', 'train.gold.txt');
    await fs.writeFile(gold, (await fs.readFile(gold, 'utf8')).replace(/^\d+$/gm, '__proto__'));
    const run = cli(['--model', FIXTURE_MODEL, '--data', data, 'We sat on the bank of the river.']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^error: CoarseWSD-20 data of "bank": ${escapeRegExp(gold)} line 1: "__proto__" is not a class`));
  });

  it('--help, and a bad option: exit code 1 with the usage', () => {
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: npm run cli/);
    const bad = cli(['--pooling', 'max', 'the bank']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--pooling must be sum or mean/);
    assert.match(bad.stderr, /usage: npm run cli/);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
