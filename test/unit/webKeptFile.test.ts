/** The host's copy of the file the web engine opens for ranged reads (src/web/keptFile.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileStat } from '../../src/web/filesProtocol';
import { keptFile } from '../../src/web/keptFile';

const MODEL = 'vscode-remote://host/work/model/onnx/model_quantized.onnx';

/** A file system of one file whose reads are counted. */
function files() {
  const state = { reads: 0, stat: { type: 'file', size: 3, mtime: 1, ctime: 1 } as FileStat, bytes: Uint8Array.of(1, 2, 3) };
  const kept = keptFile({
    read: async () => {
      state.reads++;
      return state.bytes;
    },
    stat: async () => state.stat,
  });
  return { state, kept };
}

describe('keptFile', () => {
  it('reads a file opened once for its later open and readFile, the readFile sharing the copy', async (t) => {
    const { state, kept } = files();
    t.after(() => kept.forget(MODEL));
    const opened = await kept.open(MODEL);
    assert.deepEqual([...opened.bytes], [1, 2, 3]);
    assert.equal(opened.stat.size, 3);
    const read = await kept.readFile(MODEL);
    assert.equal(read.shared, true);
    assert.equal(read.bytes, opened.bytes);
    await kept.open(MODEL);
    assert.equal(state.reads, 1);
  });

  it('does not keep what readFile reads', async () => {
    const { state, kept } = files();
    assert.equal((await kept.readFile(MODEL)).shared, false);
    assert.equal((await kept.readFile(MODEL)).shared, false);
    assert.equal(state.reads, 2);
  });

  it('reads the file again once its size or times change', async (t) => {
    const { state, kept } = files();
    t.after(() => kept.forget(MODEL));
    await kept.open(MODEL);
    state.stat = { ...state.stat, ctime: 2 };
    state.bytes = Uint8Array.of(4);
    assert.deepEqual([...(await kept.readFile(MODEL)).bytes], [4]);
    assert.equal(state.reads, 2);
  });

  it('forgets the copy on a change to its file or a folder holding it, not to a neighbour', async (t) => {
    const { state, kept } = files();
    t.after(() => kept.forget(MODEL));
    await kept.open(MODEL);
    kept.forget('vscode-remote://host/work/model/onnx/model.onnx');
    kept.forget('vscode-remote://host/work/mod');
    assert.equal((await kept.readFile(MODEL)).shared, true);
    kept.forget('vscode-remote://host/work/model');
    assert.equal((await kept.readFile(MODEL)).shared, false);
    await kept.open(MODEL);
    kept.forget(MODEL);
    assert.equal((await kept.readFile(MODEL)).shared, false);
    assert.equal(state.reads, 4);
  });
});
