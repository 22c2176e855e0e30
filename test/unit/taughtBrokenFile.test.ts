import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { TaughtInventory } from '../../src/senses/taught/taughtInventory';

const GOOD = `{
  "words": {
    "python": {
      "senses": {
        "snake": {
          "label": "python (snake)",
          "examples": [{ "sentence": "The python swallowed the goat." }]
        },
        "language": {
          "label": "python (language)",
          "examples": [{ "sentence": "Python has list comprehensions." }, { "sentence": "I wrote it in python." }]
        }
      }
    },
    "kernel": { "senses": { "os": { "label": "kernel (OS)", "examples": [{ "sentence": "The kernel schedules processes." }] } } }
  }
}
`;

const senses = (taught: TaughtInventory) =>
  taught.listing().words.map((w) => `${w.word}: ${w.senses.map((s) => `${s.id} (${s.examples.length})`).join(', ')}`);

describe('a broken taught-senses file', () => {
  const dir = fs.mkdtemp(path.join(os.tmpdir(), 'bws-broken-'));
  after(async () => fs.rm(await dir, { recursive: true, force: true }));
  const fresh = async (name: string) => {
    const file = path.join(await dir, name, 'word-senses.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, GOOD);
    const taught = new TaughtInventory([file]);
    await taught.reload();
    return { file, taught };
  };
  const before = ['python: snake (1), language (2)', 'kernel: os (1)'];

  it('keeps every sense last read when the file is truncated, and says where it broke', async () => {
    const { file, taught } = await fresh('truncated');
    assert.deepEqual(senses(taught), before);
    // Cut inside the second sense's examples: a parse of what is left would keep "snake" and half of "language" and lose "kernel".
    const cut = GOOD.indexOf('"I wrote it');
    await fs.writeFile(file, GOOD.slice(0, cut));
    assert.equal(await taught.reload(), true);
    assert.deepEqual(senses(taught), before);
    const [store] = taught.listing().stores;
    assert.ok(store.broken, 'the store says it is broken');
    assert.equal(store.broken.file, file);
    assert.match(store.broken.message, /^JSON syntax: /);
    const lines = GOOD.slice(0, cut).split('\n');
    assert.ok(store.broken.line >= lines.length - 1, `line ${store.broken.line} of ${lines.length}`);
    assert.ok(store.broken.column >= 1);
  });

  it('refuses edits while broken, naming the file, line and column, and writes nothing', async () => {
    const { file, taught } = await fresh('refuse');
    const truncated = GOOD.slice(0, GOOD.indexOf('"kernel"'));
    await fs.writeFile(file, truncated);
    await taught.reload();
    const where = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: JSON syntax: .*Fix it first`);
    await assert.rejects(taught.teach({ word: 'python', sense: 'snake', sentence: 'A python slept.', start: 2, end: 8 }), where);
    await assert.rejects(taught.renameSense({ word: 'python', sense: 'snake', label: 'snake' }), where);
    await assert.rejects(taught.deleteSense({ word: 'kernel', sense: 'os' }), where);
    assert.equal(await fs.readFile(file, 'utf8'), truncated);
    assert.deepEqual(senses(taught), before);
  });

  it('an empty file or a "words" that is not an object also keeps them, with the JSON path', async () => {
    const { file, taught } = await fresh('shapes');
    await fs.writeFile(file, '');
    await taught.reload();
    assert.deepEqual(senses(taught), before);
    assert.match(taught.listing().stores[0].broken?.message ?? '', /empty/);
    await fs.writeFile(file, '{\n  "words": [1, 2]\n}\n');
    await taught.reload();
    assert.deepEqual(senses(taught), before);
    const broken = taught.listing().stores[0].broken;
    assert.deepEqual([broken?.path, broken?.line, broken?.column], ['words', 2, 12]);
  });

  it('reads the file again once it is fixed; a bad entry alone still costs only itself', async () => {
    const { file, taught } = await fresh('fixed');
    await fs.writeFile(file, GOOD.slice(0, 40));
    await taught.reload();
    await fs.writeFile(file, GOOD.replace('"I wrote it in python."', '"No target here."').replace(/"kernel".*\n/, '"kernel": { "senses": {} }\n'));
    await taught.reload();
    const [store] = taught.listing().stores;
    assert.equal(store.broken, undefined);
    assert.deepEqual(senses(taught), ['python: snake (1), language (1)']);
    assert.match(store.problems[0].message, /does not occur in the sentence/);
  });

  it('a first read of a broken file gives no senses from it, only the reason', async () => {
    const file = path.join(await dir, 'first', 'word-senses.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, GOOD.slice(0, GOOD.indexOf('"language"')));
    const taught = new TaughtInventory([file]);
    await taught.reload();
    assert.deepEqual(senses(taught), []);
    assert.ok(taught.listing().stores[0].broken);
  });
});
