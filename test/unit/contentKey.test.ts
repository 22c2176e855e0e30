import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { modelContentKey, sampledHash } from '../../src/bert/contentKey';
import { silentLogger, type Logger } from '../../src/shared/logger';

/** 4 blocks of 4 KB in a 1 MB file: at 0, 348,160, 696,320 and 1,044,480. */
const SAMPLES = { blocks: 4, blockSize: 4096 };
const BETWEEN_SAMPLES = 100_000;

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (m: string | Error) => lines.push(String(m));
  return { ...silentLogger, info: keep, warn: keep, lines };
}

describe('content key of a model folder', () => {
  let root: string;
  before(async () => (root = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-content-key-'))));
  after(() => fs.rm(root, { recursive: true, force: true }));

  async function modelFolder(name: string): Promise<{ folder: string; onnx: string; bytes: Buffer }> {
    const folder = path.join(root, name);
    await fs.mkdir(path.join(folder, 'onnx'), { recursive: true });
    await fs.writeFile(path.join(folder, 'config.json'), '{}');
    await fs.writeFile(path.join(folder, 'tokenizer.json'), '{}');
    const bytes = randomBytes(1 << 20);
    const onnx = path.join(folder, 'onnx', 'model.onnx');
    await fs.writeFile(onnx, bytes);
    return { folder, onnx, bytes };
  }

  /** Writes `bytes` over the file and puts its modification time back, as `cp -p` does. */
  async function overwriteKeepingMtime(file: string, bytes: Buffer): Promise<void> {
    const { atimeMs, mtimeMs } = await fs.stat(file);
    await fs.writeFile(file, bytes);
    await fs.utimes(file, atimeMs / 1000, mtimeMs / 1000);
  }

  it('the sampled hash covers the size, the head and the tail', async () => {
    const { onnx, bytes } = await modelFolder('samples');
    const original = await sampledHash(onnx, SAMPLES);
    for (const at of [0, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] ^= 1;
      await fs.writeFile(onnx, changed);
      assert.notEqual(await sampledHash(onnx, SAMPLES), original, `byte ${at}`);
    }
    await fs.writeFile(onnx, Buffer.concat([bytes, Buffer.alloc(1)]));
    assert.notEqual(await sampledHash(onnx, SAMPLES), original, 'one more byte');
  });

  it('a change between the samples is caught by the background hash, which warns; the next key differs, and the old one is not trusted again', async () => {
    const { folder, onnx, bytes } = await modelFolder('between');
    const cacheDir = path.join(root, 'between-cache');
    const options = { cacheDir, logger: silentLogger, ...SAMPLES };
    const original = await modelContentKey(folder, 'fp32', options);
    await original.verifyOnnx();

    const changed = Buffer.from(bytes);
    changed[BETWEEN_SAMPLES] ^= 1;
    await overwriteKeepingMtime(onnx, changed);
    const logger = recorder();
    const quick = await modelContentKey(folder, 'fp32', { ...options, logger });
    assert.equal(quick.key, original.key, 'the samples miss the change');
    await quick.verifyOnnx();
    assert.match(logger.lines.join('\n'), /has the sampled hash of another model file but different weights.*next load keys this file on its full hash/s);

    const next = await modelContentKey(folder, 'fp32', { ...options, logger });
    assert.notEqual(next.key, original.key);
    assert.notEqual(next.onnxKey, original.onnxKey, 'the prepared model is rebuilt too');

    // The old key may hold the new file's vectors now: the original bytes get a key of their own,
    // from a full hash made at once.
    await overwriteKeepingMtime(onnx, bytes);
    const back = await modelContentKey(folder, 'fp32', { ...options, logger });
    assert.ok(![original.key, next.key].includes(back.key));
    assert.match(logger.lines.join('\n'), /Hashing all of .*model\.onnx: another model file had the same sampled hash/);
  });

  it('a touch or a copy of the same bytes keeps the key; a changed small file changes it, and the log names the file', async () => {
    const { folder, onnx, bytes } = await modelFolder('same');
    const options = { cacheDir: path.join(root, 'same-cache'), logger: silentLogger, ...SAMPLES };
    const first = await modelContentKey(folder, 'fp32', options);
    await first.verifyOnnx();
    const later = Date.now() / 1000 + 60;
    await fs.utimes(onnx, later, later);
    const logger = recorder();
    const touched = await modelContentKey(folder, 'fp32', { ...options, logger });
    await touched.verifyOnnx();
    await fs.rm(onnx);
    await fs.writeFile(onnx, bytes);
    const copied = await modelContentKey(folder, 'fp32', { ...options, logger });
    await copied.verifyOnnx();
    assert.deepEqual([touched.key, copied.key], [first.key, first.key]);
    assert.deepEqual(logger.lines, []);

    await fs.writeFile(path.join(folder, 'config.json'), '{"pad_token_id": 1}');
    const edited = await modelContentKey(folder, 'fp32', { ...options, logger });
    assert.notEqual(edited.key, first.key);
    assert.equal(edited.onnxKey, first.onnxKey, 'the prepared model depends on the ONNX file alone');
    assert.match(logger.lines.join('\n'), /changed since its last load \(config\.json\)/);
  });

  it('an unwritable store only costs time', async () => {
    const { folder } = await modelFolder('unwritable');
    const cacheDir = path.join(root, 'a-file');
    await fs.writeFile(cacheDir, 'not a folder');
    const key = await modelContentKey(folder, 'fp32', { cacheDir, logger: silentLogger, ...SAMPLES });
    await key.verifyOnnx();
    assert.equal((await modelContentKey(folder, 'fp32', { cacheDir, logger: silentLogger, ...SAMPLES })).key, key.key);
  });
});
