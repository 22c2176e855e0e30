/**
 * `npm run cli` (src/cli.ts) as a user runs it: a child process on the fixture model and the mini
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
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--cache', cacheDir, ...args], {
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

  it('a missing model folder: exit code 1 and the engine’s message', () => {
    const missing = path.join(cacheDir, 'no-such-model');
    const run = cli(['--model', missing, '--data', MINI_DATASET, 'We sat on the bank of the river.']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^error: Model folder ${escapeRegExp(missing)} has no config\\.json\\.`, 'm'));
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
