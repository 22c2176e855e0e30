/**
 * Smoke tests of the benchmarks, so they cannot rot: each npm script runs briefly as a user runs it,
 * on the fixture model and the mini dataset (never CoarseWSD-20 itself, so nothing is skipped), with
 * results and caches in a temporary folder, and must exit 0 and print its table (bench:perf's
 * reading scenario too, on the mini dataset's two words with no think time, and its runtimes scenario). Timings are never
 * checked. Left out for time: the perf sections `load` and `boundary` (fresh processes and workers,
 * several seconds each), `vsix` (packages the extension) and `projection` (fixed sizes up to 5,000
 * points × 768 dims).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { callSettingsOf, runSettings } from '../../src/shared/settings';
import { FIXTURE_MODEL, MINI_DATASET, tempDir } from './helpers';

const REPO = path.resolve(__dirname, '../..');
const SCRIPTS = ['bench:perf', 'bench:wsd', 'bench:wordnet-hover', 'bench:wordnet-plot', 'bench:wordnet-pos'] as const;
type Script = (typeof SCRIPTS)[number];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The package.json script with `args`, through a shell as npm runs it (without npm's own start-up). */
async function bench(script: Script, args: readonly string[]): Promise<Run> {
  const scripts = (JSON.parse(await fs.readFile(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  // `exec`, so the timeout's signal reaches the bench itself, not only the shell.
  const child = spawn('sh', ['-c', `exec ${scripts[script]} "$@"`, script, ...args], {
    cwd: REPO,
    env: { ...process.env, PATH: `${path.join(REPO, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` },
    timeout: 120_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, stdout, stderr };
}

const ok = (run: Run) => assert.equal(run.status, 0, `exit ${run.status}\n${run.stderr.slice(-4000)}`);

// Two at a time: most of each run is loading modules and models, and nothing here is timed.
describe('benchmarks', { concurrency: 2 }, () => {
  let dir: string;
  before(async () => (dir = await tempDir('bench-smoke')));
  after(() => fs.rm(dir, { recursive: true, force: true }));

  /** Every word list cut to the mini dataset's words, bank and bass; counts a few hovers. */
  const perfArgs = (out: string) => [
    ...['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--out', out, '--hovers', '5', '--soak', '20'],
    ...['--words', 'bank,bass', '--hover-words', 'bank,bass', '--first-word', 'bank', '--first-words', 'bank', '--thread-words', 'bank,bass', '--probe-words', 'bank,bass'],
  ];

  it('bench:perf prints its table with a row per section and writes its JSON to --out', async () => {
    const out = path.join(dir, 'perf');
    const run = await bench('bench:perf', [...perfArgs(out), '--only', 'activation,cold,index,hover,substitutes,soak,threads,probe,teach']);
    ok(run);
    assert.match(run.stdout, /^\| Metric \| Value \| Budget \| Verdict \| Load \(1\/5\/15\) \|$/m);
    for (const row of [
      'Activation: require(dist/extension.js) + activate()',
      'Activation loads no model',
      "First hover on 'bank'",
      'Cold start, index and prepared model on disk',
      'Index build, 2 words (bank, bass)',
      'Warm hover, 5 hovers',
      'Substitutes, unmasked',
      'RSS after 20 warm hovers',
      'intraOpNumThreads 1',
      'Probe training, bass',
      // The extension's settings (package.json's dtype) unless a flag or --recipe says otherwise.
      'Teaching (tiny-bert-uncased ',
    ]) {
      assert.ok(run.stdout.includes(`| ${row}`), `no row "${row}" in\n${run.stdout}`);
    }
    const [file, ...more] = await fs.readdir(out);
    assert.equal(more.length, 0);
    assert.match(file, /^perf-.*\.json$/);
    const json = JSON.parse(await fs.readFile(path.join(out, file), 'utf8')) as { rows: unknown[]; activation: { runs: { missingFakeApis: string[] }[] } };
    assert.ok(json.rows.length > 0);
    assert.deepEqual(json.activation.runs[0].missingFakeApis, []);
  });

  it('bench:perf exits 1 when a section throws', async () => {
    const run = await bench('bench:perf', [...perfArgs(path.join(dir, 'perf-broken')), '--only', 'probe', '--probe-words', 'bank,mole']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /has no mole\//);
  });

  it("bench:perf --scenario reading runs a reader's hovers on --words with the product recipe's settings and writes --json", async () => {
    const out = path.join(dir, 'perf-reading');
    const json = path.join(dir, 'reading.json');
    // The mini dataset's words (the default eight need CoarseWSD-20 itself); no think time.
    const run = await bench('bench:perf', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--out', out, '--scenario', 'reading', '--words', 'bank,bass', '--think-ms', '0', '--json', json]);
    ok(run);
    for (const row of ["Reading (tiny-bert-uncased ", "Reading: teach 'kernel'", "Reading hover 1: new-word 'bank'", "new-word 'bass'", "repeat 'bank'", "new-occurrence 'bass'", ': wordnet ', 'Reading: 2 new-word hovers, p50 / p95', 'Reading: peak RSS']) {
      assert.ok(run.stdout.includes(row), `no row "${row}" in\n${run.stdout}`);
    }
    assert.doesNotMatch(run.stdout, /\| (Activation|Index build|Warm hover)/, 'no section runs beside the scenario');
    const summary = JSON.parse(await fs.readFile(json, 'utf8')) as { recipe: string; dtype: string; run: unknown; words: string[]; hovers: { kind: string }[]; firstHoverOverRaw: number };
    const product = runSettings();
    assert.equal(summary.recipe, 'product');
    assert.equal(summary.dtype, product.dtype);
    assert.deepEqual(summary.run, callSettingsOf(product), "the resolver's settings, not the bench's own");
    assert.deepEqual(summary.words, ['bank', 'bass']);
    assert.deepEqual(new Set(summary.hovers.map((h) => h.kind)), new Set(['new-word', 'repeat', 'new-occurrence', 'taught', 'wordnet']));
    assert.ok(summary.firstHoverOverRaw > 0);
    assert.deepEqual((await fs.readdir(out)).filter((f) => f.endsWith('.json')).length, 1);
  });

  it('bench:perf --scenario runtimes runs onnxruntime-node (first and later session) and onnxruntime-web WASM in their own processes and writes --json', async () => {
    const out = path.join(dir, 'perf-runtimes');
    const json = path.join(dir, 'runtimes.json');
    const run = await bench('bench:perf', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--out', out, '--scenario', 'runtimes', '--first-words', 'bank,bass,bass', '--hovers', '3', '--threads', '1', '--json', json]);
    ok(run);
    for (const row of ['Runtimes (tiny-bert-uncased q8, 1 threads', "Runtimes: first hover on 'bank' (its index of ", "Runtimes: the first hover's forward passes", "Runtimes: index build of 'bass'", 'Runtimes: peak RSS', 'Web build carries onnxruntime-web, WASM only', 'VSIX']) {
      assert.ok(run.stdout.includes(row), `no row "${row}" in\n${run.stdout}`);
    }
    const summary = JSON.parse(await fs.readFile(json, 'utf8')) as {
      columns: { result: { runtime: string; threads: number; loadedFrom: string; firstHoverRuns: { batch: number; sequence: number }[]; warmMs: number[]; indexSentences: number; peakRssBytes: number } }[];
    };
    assert.deepEqual(summary.columns.map((c) => [c.result.runtime, c.result.loadedFrom]), [['node', 'built'], ['node', 'prepared'], ['wasm', 'memory']]);
    for (const { result } of summary.columns) {
      assert.ok(result.warmMs.length > 0 && result.indexSentences > 0 && result.peakRssBytes > 0, JSON.stringify(result));
      assert.equal(result.threads, 1, '--threads reaches the engine');
      // A first hover embeds its context and the first stage's sentences (the first session's prepared-file build is load, not hover).
      assert.ok(result.firstHoverRuns.length > 1 && result.firstHoverRuns.every((r) => r.batch >= 1 && r.sequence > 2), JSON.stringify(result.firstHoverRuns));
    }
  });

  it('bench:perf refuses --think-ms without --scenario, --scenario with --only, and --threads or --wasm-only but with --scenario runtimes, with exit 2', async () => {
    for (const args of [['--think-ms', '0'], ['--scenario', 'reading', '--only', 'hover'], ['--scenario', 'writing'], ['--threads', '1'], ['--wasm-only'], ['--scenario', 'runtimes', '--threads', '0']]) {
      const run = await bench('bench:perf', args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^bench:perf: --(think-ms|only|scenario|threads|wasm-only) /);
    }
  });

  it('bench:wsd prints the per-word table and writes .md and .json to --out', async () => {
    const out = path.join(dir, 'wsd');
    const run = await bench('bench:wsd', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--words', 'bank,bass', '--out', out, '--cache', path.join(dir, 'wsd-cache'), '--quiet']);
    ok(run);
    assert.match(run.stdout, /^\| word \| n test \| acc \| macro-F1 \| MFS acc \| MFS F1 \| paper acc \(BERT-base\) \|$/m);
    for (const row of ['bank', 'bass', '**mean**']) assert.match(run.stdout, new RegExp(`^\\| ${row.replace(/\*/g, '\\*')} \\|`, 'm'));
    assert.deepEqual((await fs.readdir(out)).map((f) => path.extname(f)).sort(), ['.json', '.md']);
  });

  it('bench:wsd --confidence prints how often flagged and unflagged answers are wrong, with the rule', async () => {
    const run = await bench('bench:wsd', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--confidence', '--out', path.join(dir, 'wsd-confidence'), '--cache', path.join(dir, 'wsd-cache'), '--quiet']);
    ok(run);
    assert.match(run.stdout, /^\| flag when \| flagged % \| wrong when flagged % \| wrong when not flagged % \| flagged answers \|$/m);
    for (const row of ['probe: winner probability < 0.6', 'centroid: cosine margin < 0.05', 'the rule, probe', 'the rule, knn (k = 1)']) {
      assert.ok(run.stdout.includes(`| ${row} |`), `no row "${row}" in\n${run.stdout}`);
    }
  });

  it('bench:wsd prints a paper row and a product row, and runs on the words --data has', async () => {
    const out = path.join(dir, 'wsd-recipes');
    const run = await bench('bench:wsd', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--out', out, '--cache', path.join(dir, 'wsd-cache')]);
    ok(run);
    assert.match(run.stderr, /--data has 2 of the 20 words: bank, bass/);
    assert.match(run.stdout, /^\| paper: window sentence, fp32, last 4 sum, centroid \|/m);
    assert.match(run.stdout, /^\| product: window \d+, /m);
  });

  it('bench:wsd exits 1 when a run throws', async () => {
    const missing = path.join(dir, 'no-such-vectors.txt');
    const run = await bench('bench:wsd', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--words', 'bank', '--out', path.join(dir, 'wsd-broken'), '--cache', path.join(dir, 'wsd-cache'), '--quiet', '--compare-vectors', missing]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no-such-vectors\.txt/);
  });

  it("bench:wsd refuses a setting's value by the settings' rules with exit 2, every value of a list", async () => {
    const run = await bench('bench:wsd', ['--model', FIXTURE_MODEL, '--data', MINI_DATASET, '--classifier', 'nearest', '--layers', '4,x']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^bench:wsd: /);
    assert.match(run.stderr, /--classifier must be probe, centroid or knn \(got "nearest"\)/);
    assert.match(run.stderr, /--layers must be an integer/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('bench:wordnet-hover prints a row per word', async () => {
    const run = await bench('bench:wordnet-hover', ['--model', FIXTURE_MODEL]);
    ok(run);
    assert.match(run.stdout, /^\| word \| synsets \| new lemma \(ms\) \| known lemma, new sentence \(ms\) \| same sentence again \(ms\) \|$/m);
    for (const word of ['kernel', 'cell', 'anchor', 'harvest', 'ladder']) assert.match(run.stdout, new RegExp(`^\\| ${word} \\| \\d+ \\|`, 'm'));
  });

  it('bench:wordnet-plot prints a row per word', async () => {
    const run = await bench('bench:wordnet-plot', ['--model', FIXTURE_MODEL]);
    ok(run);
    assert.match(run.stdout, /^\| word \| synsets \| plotted \| occurrences \| points \| find occurrences \(ms\) \| first plot \(ms\) \| plot again \(ms\) \|$/m);
    for (const word of ['run', 'light', 'cell', 'kernel']) assert.match(run.stdout, new RegExp(`^\\| ${word} \\| \\d+ \\|`, 'm'));
  });

  it('bench:wordnet-pos prints a row per word and the total', async () => {
    const run = await bench('bench:wordnet-pos', ['--model', FIXTURE_MODEL]);
    ok(run);
    assert.match(run.stdout, /^\| word \| sentences \| prior \(extension\) \|/m);
    for (const word of ['match', 'light', 'cut', '\\*\\*all\\*\\*']) assert.match(run.stdout, new RegExp(`^\\| ${word} \\| \\d+ \\|`, 'm'));
  });

  for (const script of ['bench:wordnet-hover', 'bench:wordnet-plot', 'bench:wordnet-pos'] as const) {
    it(`${script} exits 1 when the model cannot load`, async () => {
      const run = await bench(script, ['--model', path.join(dir, 'no-such-model')]);
      assert.equal(run.status, 1, run.stderr);
    });
  }

  for (const script of SCRIPTS) {
    it(`${script} --help prints its usage and exits 0`, async () => {
      const run = await bench(script, ['--help']);
      ok(run);
      assert.match(run.stdout, new RegExp(`^usage: npm run ${script} -- \\[options\\]`));
      assert.match(run.stdout, /--model /);
      assert.match(run.stdout, /--recipe product\|paper\|web /);
      assert.match(run.stdout, /--context-window <n> .*\(default: \d+; paper: 0\)/s);
      assert.match(run.stdout, /-h, --help/);
    });

    it(`${script} --show-settings prints the resolver's settings of --recipe and the flags, and exits 0`, async () => {
      const data = script === 'bench:wsd' || script === 'bench:perf' ? ['--data', MINI_DATASET] : [];
      const run = await bench(script, ['--model', FIXTURE_MODEL, ...data, '--recipe', 'paper', '--layers', '2', '--show-settings']);
      ok(run);
      const settings = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as Record<string, unknown>;
      assert.equal(settings.model, FIXTURE_MODEL);
      assert.equal(settings.contextWindow, 0, "the paper's window");
      assert.equal(settings.dtype, 'fp32', "the paper's weights");
      assert.equal(settings.layers, 2, 'the flag over the recipe');
    });

    it(`${script} rejects an unknown flag with exit 2 and a pointer to --help`, async () => {
      const run = await bench(script, ['--no-such-flag']);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^${script}: Unknown option '--no-such-flag'`));
      assert.match(run.stderr, /--help/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});
