/**
 * Every cache of vectors follows the content of the model's files, not their paths, sizes and
 * modification times (issue 25): an edited tokenizer.json or other weights copied in with their
 * mtime kept (`cp -p`, `rsync -a`, `tar x`) give a fresh engine's answers, and the log says why.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger, type Logger } from '../../src/shared/logger';
import { SenseEngine } from '../../src/senses/senseEngine';
import { copyModel, MINI_DATASET, PAPER_ENGINE, PAPER_RUN, replaceWeights, tempDir } from './helpers';

const RIVER = 'We sat on the bank of the river.';
const AT = RIVER.indexOf('bank') + 1;

function recorder(): Logger & { infos: string[] } {
  const infos: string[] = [];
  return { ...silentLogger, info: (m) => infos.push(m), infos };
}

/** Changes a file's bytes and puts its modification time back, as a copy that keeps it does. */
async function editKeepingMtime(file: string, edit: (text: string) => string): Promise<void> {
  const { atimeMs, mtimeMs } = await fs.stat(file);
  await fs.writeFile(file, edit(await fs.readFile(file, 'utf8')));
  await fs.utimes(file, atimeMs / 1000, mtimeMs / 1000);
}

describe('caches follow the content of the model files', () => {
  let root: string;
  before(async () => (root = await tempDir('model-content')));
  after(() => fs.rm(root, { recursive: true, force: true }));

  /** The scores of "bank" in RIVER from an engine on `model` with `cacheDir`, and what it logged. */
  async function scores(model: string, cacheDir: string): Promise<{ scores: number[]; infos: string[] }> {
    const logger = recorder();
    const engine = new SenseEngine({ ...PAPER_ENGINE, model, datasetFolder: MINI_DATASET, cacheDir, allowNetwork: false, logger });
    try {
      const result = await engine.classify(RIVER, AT, PAPER_RUN);
      return { scores: result!.senses.map((s) => s.score), infos: logger.infos };
    } finally {
      await engine.dispose();
    }
  }

  it('a tokenizer.json with a few token ids swapped (same mtime): fresh scores, and the log names the file', async () => {
    const model = await copyModel(path.join(root, 'swapped-ids'));
    const cacheDir = path.join(root, 'swapped-ids-cache');
    const before = await scores(model, cacheDir);
    await editKeepingMtime(path.join(model, 'tokenizer.json'), (text) => {
      const tokenizer = JSON.parse(text) as { model: { vocab: Record<string, number> } };
      const vocab = tokenizer.model.vocab;
      [vocab.bank, vocab.river, vocab.money, vocab.water] = [vocab.river, vocab.bank, vocab.water, vocab.money];
      return JSON.stringify(tokenizer);
    });
    const warm = await scores(model, cacheDir);
    const fresh = await scores(model, path.join(root, 'swapped-ids-fresh'));
    assert.notDeepEqual(fresh.scores, before.scores, 'the swap changes the answer');
    assert.deepEqual(warm.scores, fresh.scores);
    assert.ok(warm.infos.some((m) => /changed since its last load \(tokenizer\.json\): caches made from the old files are not used/.test(m)), warm.infos.join('\n'));
  });

  it('other weights of the same size with the same mtime: fresh scores, and the log names the ONNX file', async () => {
    const model = await copyModel(path.join(root, 'new-weights'));
    const cacheDir = path.join(root, 'new-weights-cache');
    const before = await scores(model, cacheDir);
    const onnxPath = path.join(model, 'onnx', 'model.onnx');
    const { size, mtimeMs } = await fs.stat(onnxPath);
    await replaceWeights(onnxPath);
    const stat = await fs.stat(onnxPath);
    assert.deepEqual([stat.size, Math.trunc(stat.mtimeMs)], [size, Math.trunc(mtimeMs)]);
    const warm = await scores(model, cacheDir);
    const fresh = await scores(model, path.join(root, 'new-weights-fresh'));
    assert.notDeepEqual(fresh.scores, before.scores, 'the new weights change the answer');
    assert.deepEqual(warm.scores, fresh.scores);
    assert.ok(warm.infos.some((m) => /changed since its last load \(onnx\/model\.onnx\)/.test(m)), warm.infos.join('\n'));
  });

  it('the WordNet vector key follows the weights too, and not the mtime alone', async () => {
    const model = await copyModel(path.join(root, 'wordnet-key'));
    const cacheDir = path.join(root, 'wordnet-key-cache');
    // The key WordNet's vectors are filed under (`Embedder.modelKey`), from a fresh engine each time.
    const key = async () => {
      const engine = new SenseEngine({ ...PAPER_ENGINE, model, datasetFolder: MINI_DATASET, cacheDir, allowNetwork: false });
      try {
        return await engine.modelKey();
      } finally {
        await engine.dispose();
      }
    };
    const first = await key();
    const onnxPath = path.join(model, 'onnx', 'model.onnx');
    const later = new Date(Date.now() + 60_000);
    await fs.utimes(onnxPath, later, later);
    assert.equal(await key(), first, 'a touch keeps the key');
    await replaceWeights(onnxPath);
    assert.notEqual(await key(), first);
  });
});
