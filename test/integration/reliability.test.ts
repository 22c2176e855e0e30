/**
 * Faults in the data and cache files the engine reads and writes: each is either repaired, refused
 * with a clear error, or only costs time; never a wrong answer (issue 14).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineError } from '../../src/shared/errors';
import { silentLogger, type Logger } from '../../src/shared/logger';
import { SenseEngine } from '../../src/senses/senseEngine';
import { decodeVectors, encodeVectors } from '../../src/senses/vectorCache';
import { copyModel, fixtureEngine, MINI_DATASET, PAPER_RUN, tempDir } from './helpers';

const SUM4 = PAPER_RUN;
const RIVER = 'We sat on the bank of the river.';
const AT = RIVER.indexOf('bank') + 1;

/** A logger that keeps the warnings. */
function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warn: (m) => warnings.push(m), warnings };
}

describe('dataset files are checked in full before anything is cached', () => {
  let root: string;
  let data: string;
  let engine: SenseEngine;
  const classesMap = () => path.join(data, 'bank', 'classes_map.txt');
  const gold = () => path.join(data, 'bank', 'train.gold.txt');
  let goodMap: string;
  let goodGold: string;

  before(async () => {
    root = await tempDir('data-faults');
    data = path.join(root, 'data');
    await fs.cp(MINI_DATASET, data, { recursive: true });
    goodMap = await fs.readFile(classesMap(), 'utf8');
    goodGold = await fs.readFile(gold(), 'utf8');
    engine = fixtureEngine({ datasetFolder: data, cacheDir: path.join(root, 'cache') });
  });
  after(async () => {
    await engine.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  const rejectsNaming = (file: string, detail: RegExp) => (e: unknown) =>
    e instanceof EngineError && e.code === 'dataset-missing' && e.message.includes(file) && detail.test(e.message);

  it('a classes_map.txt of numbers fails naming the file, and the same engine uses the repaired file', async () => {
    await fs.writeFile(classesMap(), '{"0": 1, "1": 2}');
    await assert.rejects(engine.classify(RIVER, AT, SUM4), rejectsNaming(classesMap(), /class 0 must name a sense id/));
    await fs.writeFile(classesMap(), goodMap);
    const result = await engine.classify(RIVER, AT, SUM4);
    assert.deepEqual(result?.senses.map((s) => s.label).sort(), ['bank (financial institution)', 'bank (geography)']);
  });

  it('a classes_map.txt of null fails naming the file, not with a TypeError', async () => {
    const fresh = fixtureEngine({ datasetFolder: data, cacheDir: path.join(root, 'cache') });
    await fs.writeFile(classesMap(), 'null');
    try {
      await assert.rejects(fresh.classify(RIVER, AT, SUM4), rejectsNaming(classesMap(), /must be a JSON object/));
    } finally {
      await fs.writeFile(classesMap(), goodMap);
      await fresh.dispose();
    }
  });

  it('gold labels of __proto__ fail naming file and line, instead of scoring every sense −1', async () => {
    const fresh = fixtureEngine({ datasetFolder: data, cacheDir: path.join(root, 'cache') });
    await fs.writeFile(gold(), goodGold.replace(/^\d+$/gm, '__proto__'));
    try {
      await assert.rejects(fresh.classify(RIVER, AT, SUM4), rejectsNaming(gold(), /line 1: "__proto__" is not a class/));
    } finally {
      await fs.writeFile(gold(), goodGold);
      await fresh.dispose();
    }
  });
});

describe('caches that cannot be used only cost time', () => {
  let root: string;
  before(async () => (root = await tempDir('cache-faults')));
  after(() => fs.rm(root, { recursive: true, force: true }));

  const newEngine = (cacheDir: string, logger: Logger = silentLogger, datasetFolder = MINI_DATASET) =>
    fixtureEngine({ datasetFolder, cacheDir, logger });

  /** The one vector cache file of "bank" under `cacheDir`. */
  async function bankCacheFile(cacheDir: string): Promise<string> {
    const indexes = path.join(cacheDir, 'indexes');
    const [folder] = await fs.readdir(indexes);
    const [file] = (await fs.readdir(path.join(indexes, folder))).filter((f) => f.startsWith('bank.'));
    return path.join(indexes, folder, file);
  }

  it('a cache path that is a regular file: every word still classifies, with one warning per cache', async () => {
    const cacheDir = path.join(root, 'cache-is-a-file');
    await fs.writeFile(cacheDir, 'not a folder');
    const logger = recorder();
    const engine = newEngine(cacheDir, logger);
    try {
      const bank = await engine.classify(RIVER, AT, SUM4);
      const bass = await engine.classify('He plays the bass.', 14, SUM4);
      assert.ok(Number.isFinite(bank?.winner.score) && Number.isFinite(bass?.winner.score));
      // One warning per cache (prepared model, vectors), however many writes fail.
      assert.deepEqual(logger.warnings.map((w) => /^Could not write the (prepared model|vector cache) /.exec(w)?.[1]), ['prepared model', 'vector cache'], logger.warnings.join('\n'));
      assert.match(logger.warnings[1], /Working from memory/);
    } finally {
      await engine.dispose();
    }
  });

  it('a read-only cache folder: classifies, with one warning per cache', { skip: process.getuid?.() === 0 ? 'root ignores file permissions' : false }, async () => {
    const cacheDir = path.join(root, 'read-only');
    await fs.mkdir(cacheDir);
    await fs.chmod(cacheDir, 0o555);
    const logger = recorder();
    const engine = newEngine(cacheDir, logger);
    try {
      assert.ok(await engine.classify(RIVER, AT, SUM4));
      assert.ok(await engine.classify('He plays the bass.', 14, SUM4));
      assert.deepEqual(logger.warnings.map((w) => /^Could not write the (prepared model|vector cache) /.exec(w)?.[1]), ['prepared model', 'vector cache'], logger.warnings.join('\n'));
    } finally {
      await engine.dispose();
      await fs.chmod(cacheDir, 0o755);
    }
  });

  it('an index cache file replaced by a directory is repaired by the next build, without a warning', async () => {
    const cacheDir = path.join(root, 'dir-in-place');
    const first = newEngine(cacheDir);
    const expected = await first.classify(RIVER, AT, SUM4);
    await first.dispose();
    const file = await bankCacheFile(cacheDir);
    await fs.rm(file);
    await fs.mkdir(path.join(file, 'inside'), { recursive: true });

    const logger = recorder();
    const second = newEngine(cacheDir, logger);
    const again = await second.classify(RIVER, AT, SUM4);
    await second.dispose();
    assert.deepEqual(again?.senses.map((s) => s.score), expected?.senses.map((s) => s.score));
    assert.ok((await fs.stat(file)).isFile(), 'the directory was replaced by the cache file');
    assert.deepEqual(logger.warnings, []);
  });

  it('a cache file with a valid checksum but NaN floats is rejected on read and rebuilt', async () => {
    const cacheDir = path.join(root, 'nan');
    const first = newEngine(cacheDir);
    const expected = await first.classify(RIVER, AT, SUM4);
    await first.dispose();
    const file = await bankCacheFile(cacheDir);
    const hidden = expected!.vector.length;
    const stored = decodeVectors(await fs.readFile(file), hidden, 4)!;
    for (const v of stored.vectors.values()) v.fill(Number.NaN);
    await fs.writeFile(file, encodeVectors(stored));

    const logger = recorder();
    const second = newEngine(cacheDir, logger);
    const again = await second.classify(RIVER, AT, SUM4);
    await second.dispose();
    assert.deepEqual(again?.senses.map((s) => s.score), expected?.senses.map((s) => s.score));
    assert.ok(again?.senses.every((s) => Number.isFinite(s.score)));
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0], /Ignoring corrupt or outdated vector cache .*rebuilt/);
    assert.ok(decodeVectors(await fs.readFile(file), hidden, 4), 'the rebuilt file is valid again');
  });
});

describe('bad engine options and model files get clear errors', () => {
  let cacheDir: string;
  let engine: SenseEngine;
  before(async () => {
    cacheDir = await tempDir('option-faults');
    engine = fixtureEngine({ cacheDir });
  });
  after(async () => {
    await engine.dispose();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  for (const k of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`knn with k = ${k} is refused`, async () => {
      const classifier = { method: 'knn' as const, k, weighted: false };
      await assert.rejects(engine.classify(RIVER, AT, { ...SUM4, classifier }), /classifier\.k must be an integer from 1 to 100/);
      await assert.rejects(engine.classifyAll(RIVER, { ...SUM4, classifier }), /classifier\.k must be an integer/);
    });
  }

  it('a model folder whose onnx/model.onnx is a directory: model-not-found naming the file', async () => {
    const model = await copyModel(path.join(cacheDir, 'model'));
    await fs.rm(path.join(model, 'onnx', 'model.onnx'));
    await fs.mkdir(path.join(model, 'onnx', 'model.onnx'));
    const broken = fixtureEngine({ model, cacheDir });
    await assert.rejects(broken.load(), (e: unknown) => e instanceof EngineError && e.code === 'model-not-found' && /has no onnx\/model\.onnx/.test(e.message));
    await broken.dispose();
  });
});
