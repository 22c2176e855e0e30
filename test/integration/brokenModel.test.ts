/**
 * Broken model folders are refused at load with `model-corrupt`, naming the file and the problem
 * (issue 25): never a TypeError from deep inside, a raw onnxruntime error, or memory contents.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BertEncoder } from '../../src/bert/bertEncoder';
import { EngineError } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/logger';
import { copyModel, tempDir } from './helpers';

interface TokenizerJson {
  model: { vocab: Record<string, number> };
  added_tokens: { content: string }[];
  post_processor: unknown;
}

describe('broken model folders name the file and the problem', () => {
  let root: string;
  before(async () => (root = await tempDir('broken-model')));
  after(() => fs.rm(root, { recursive: true, force: true }));

  let copies = 0;
  async function broken(edit: (model: string) => Promise<void>): Promise<string> {
    const model = await copyModel(path.join(root, `model-${copies++}`));
    await edit(model);
    return model;
  }
  const load = (model: string) => BertEncoder.load({ model, dtype: 'fp32', cacheDir: path.join(root, 'cache'), allowNetwork: false, logger: silentLogger, preparedDir: null });
  const editJson = <T>(file: string, edit: (json: T) => void) => async (model: string) => {
    const json = JSON.parse(await fs.readFile(path.join(model, file), 'utf8')) as T;
    edit(json);
    await fs.writeFile(path.join(model, file), JSON.stringify(json));
  };
  /** Takes a special token out of the vocabulary and the added tokens, keeping its id in use under another name. */
  const rename = (token: string) =>
    editJson<TokenizerJson>('tokenizer.json', (t) => {
      t.model.vocab[`${token}x`] = t.model.vocab[token];
      delete t.model.vocab[token];
      for (const added of t.added_tokens) if (added.content === token) added.content = `${token}x`;
    });
  const refused = (file: string, problem: RegExp) => (e: unknown) => {
    assert.ok(e instanceof EngineError, String(e));
    assert.equal(e.code, 'model-corrupt', e.message);
    assert.ok(e.message.includes(file), `${e.message} names ${file}`);
    assert.match(e.message, problem);
    return true;
  };

  for (const file of ['config.json', 'tokenizer.json']) {
    it(`a zero-byte ${file}: "empty file", the same message every time, no buffer contents`, async () => {
      const model = await broken((m) => fs.writeFile(path.join(m, file), ''));
      const messages: string[] = [];
      for (let i = 0; i < 2; i++) {
        await assert.rejects(load(model), (e: unknown) => refused(path.join(model, file), /is an empty file/)(e) && !!messages.push((e as Error).message));
      }
      assert.equal(messages[0], messages[1]);
      assert.doesNotMatch(messages[0], /Unexpected|JSON/);
    });
  }

  for (const token of ['[MASK]', '[UNK]', '[CLS]', '[SEP]', 'bank']) {
    it(`a vocabulary without ${token} (an id gap): names the missing id`, async () => {
      const model = await broken(
        editJson<TokenizerJson>('tokenizer.json', (t) => {
          delete t.model.vocab[token];
          t.added_tokens = t.added_tokens.filter((a) => a.content !== token);
        }),
      );
      await assert.rejects(load(model), refused('tokenizer.json', /has no token with id \d+: vocabulary ids must run from 0 to 30521 without gaps/));
    });
  }

  for (const [token, problem] of [
    ['[UNK]', /has no unknown token \(\[UNK\]\) in its vocabulary/],
    ['[CLS]', /has no \[CLS\] token in its vocabulary/],
    ['[SEP]', /has no \[SEP\] token in its vocabulary/],
  ] as const) {
    it(`a vocabulary whose ${token} has another name (no gap): names the token`, async () => {
      await assert.rejects(load(await broken(rename(token))), refused('tokenizer.json', problem));
    });
  }

  it('a vocabulary whose [MASK] has another name still loads (masked substitutes are off)', async () => {
    const encoder = await load(await broken(rename('[MASK]')));
    assert.equal(encoder.special.mask, undefined);
    await encoder.dispose();
  });

  it('a tokenizer that does not frame sentences with [CLS] and [SEP]', async () => {
    const model = await broken(editJson<TokenizerJson>('tokenizer.json', (t) => (t.post_processor = null)));
    await assert.rejects(load(model), refused('tokenizer.json', /does not put two special tokens/));
  });

  it('token ids beyond the embedding table: refused at load, before onnxruntime sees one', async () => {
    const model = await broken(
      editJson<TokenizerJson>('tokenizer.json', (t) => {
        for (let i = 0; i < 8; i++) t.model.vocab[`zzqx${i}`] = 30522 + i;
      }),
    );
    await assert.rejects(load(model), refused('tokenizer.json', /has token ids up to 30529, beyond the 30522 rows of the word embedding table in model\.onnx/));
  });

  for (const pad of [1e9, 30522, -1]) {
    it(`pad_token_id ${pad}: refused at load, naming config.json`, async () => {
      const model = await broken(editJson<Record<string, unknown>>('config.json', (c) => (c.pad_token_id = pad)));
      await assert.rejects(load(model), refused('config.json', new RegExp(`has pad_token_id ${pad}, which is not a token id \\(the 30522 rows`)));
    });
  }
});
