import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseStore } from '../../src/senses/taught/parseStore';
import { MAX_SENSES, MAX_WORDS } from '../../src/senses/taught/rules';
import { TaughtInventory } from '../../src/senses/taught/taughtInventory';
import { TaughtStore } from '../../src/senses/taught/taughtStore';

let dir: string;
before(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bws-taught-'))));
after(() => fs.rm(dir, { recursive: true, force: true }));
const fresh = async (name: string, text?: string) => {
  const file = path.join(dir, name, '.vscode', 'word-senses.json');
  if (text !== undefined) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  }
  return file;
};

const OS = 'The kernel schedules every process.';
const ML = 'A Gaussian kernel smooths the estimate.';

describe('taught-senses store', () => {
  it('round-trips taught examples through the file, with their sources', async () => {
    const file = await fresh('roundtrip');
    const taught = new TaughtInventory([file]);
    await taught.reload();
    const r1 = await taught.teach({ word: 'kernel', label: 'kernel (operating system)', sentence: OS, start: 4, end: 10, source: { file: 'notes.md', line: 3 } });
    assert.deepEqual(r1, { word: 'kernel', sense: 'kernel-operating-system', created: true, added: true });
    const r2 = await taught.teach({ word: 'kernel', sense: 'ml', label: 'kernel (machine learning)', description: 'A similarity function.', sentence: ML, start: 11, end: 17 });
    assert.equal(r2.created, true);
    const again = await taught.teach({ word: 'kernel', sense: 'ml', sentence: ML, start: 11, end: 17 });
    assert.deepEqual(again, { word: 'kernel', sense: 'ml', created: false, added: false });

    const reread = new TaughtInventory([file]);
    await reread.reload();
    const [kernel] = reread.listing().words;
    assert.equal(kernel.word, 'kernel');
    assert.deepEqual(
      kernel.senses.map((s) => [s.id, s.label, s.description, s.examples.map((e) => [e.sentence.slice(e.start, e.end), e.source?.file, e.source?.line])]),
      [
        ['kernel-operating-system', 'kernel (operating system)', undefined, [['kernel', 'notes.md', 3]]],
        ['ml', 'kernel (machine learning)', 'A similarity function.', [['kernel', undefined, undefined]]],
      ],
    );
    // The store line of an example points at its object in the file.
    const text = await fs.readFile(file, 'utf8');
    const e = kernel.senses[1].examples[0];
    assert.match(text.split('\n')[e.storeLine - 1], /\{/);
    assert.equal(e.store, file);
    assert.deepEqual(reread.wordData('kernel')?.senses, ['kernel-operating-system', 'ml']);
  });

  it('renames, forgets and deletes, and refuses what does not exist', async () => {
    const file = await fresh('edits');
    const taught = new TaughtInventory([file]);
    await taught.reload();
    await taught.teach({ word: 'spring', sense: 'season', label: 'spring (season)', sentence: 'Spring came early.', start: 0, end: 6 });
    await taught.teach({ word: 'spring', sense: 'season', sentence: 'We met in the spring.', start: 14, end: 20 });
    await taught.teach({ word: 'spring', sense: 'framework', label: 'Spring (Java)', sentence: 'Spring Boot starts fast.', start: 0, end: 6 });
    await taught.renameSense({ word: 'spring', sense: 'season', label: 'spring (the season)' });
    assert.equal(await taught.forget({ word: 'spring', sense: 'season', sentence: 'Spring came early.', start: 0, end: 6 }), 1);
    await assert.rejects(taught.forget({ word: 'spring', sense: 'season', sentence: 'Spring came early.', start: 0, end: 6 }), /No taught example/);
    await assert.rejects(taught.renameSense({ word: 'spring', sense: 'coil', label: 'x' }), /no taught sense "coil"/);
    await assert.rejects(taught.teach({ word: 'spring', sense: 'coil', sentence: 'A spring.', start: 2, end: 8 }), /give a label/);
    await assert.rejects(taught.teach({ word: 'Spring', label: 'x', sentence: 'A spring.', start: 2, end: 8 }), /lower case/);
    await assert.rejects(taught.teach({ word: 'spring', label: 'x', sentence: 'A spring.', start: 2, end: 80 }), /not inside the sentence/);
    let spring = taught.listing().words[0];
    assert.deepEqual(spring.senses.map((s) => [s.id, s.label, s.examples.length]), [['season', 'spring (the season)', 1], ['framework', 'Spring (Java)', 1]]);
    await taught.deleteSense({ word: 'spring', sense: 'framework' });
    spring = taught.listing().words[0];
    assert.deepEqual(spring.senses.map((s) => s.id), ['season']);
    await taught.deleteSense({ word: 'spring', sense: 'season' });
    assert.deepEqual(taught.listing().words, []);
    assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), { words: {} });
  });

  it('reports problems with their line and column and keeps every valid entry', () => {
    const text = [
      '{', //                                                    1
      '  // hand-written: comments are fine', //                 2
      '  "words": {', //                                         3
      '    "Kernel": { "senses": {} },', //                      4
      '    "cell": {', //                                        5
      '      "senses": {', //                                    6
      '        "biology": {', //                                 7
      '          "label": "cell (biology)",', //                 8
      '          "examples": [', //                              9
      '            { "sentence": "Each cell has a nucleus." },', // 10
      '            { "sentence": "No target here." },', //      11
      '            { "sentence": "A cell.", "start": 2, "end": 99 },', // 12
      '            { "sentence": "Cells divide.", "start": 0, "end": 5, "source": { "file": "a.md", "line": 0 } }', // 13
      '          ]', //                                          14
      '        },', //                                           15
      '        "prison": { "examples": [ { "sentence": "He sat in his cell." } ] },', // 16
      '        "sheet": "not an object"', //                     17
      '      }', //                                              18
      '    }', //                                                19
      '  },', //                                                 20
      '  "colour": "blue"', //                                   21
      '}',
    ].join('\n');
    const parsed = parseStore(text, 'word-senses.json');
    assert.equal(parsed.wellFormed, true);
    const at = (line: number) => parsed.problems.filter((p) => p.line === line).map((p) => `${p.severity} ${p.column}: ${p.message}`);
    assert.match(at(4)[0], /^error 5: Words are written in lower case: "kernel"/);
    assert.match(at(11)[0], /^error 13: .*"cell" \(or a form of it\) does not occur/);
    assert.match(at(12)[0], /^error 13: .*"start" 2 and "end" 99 must span the word/);
    assert.match(at(13)[0], /^error 76: .*"source" must be .*\(the example is kept\)/);
    assert.match(at(16)[0], /^error 19: Sense "prison" of "cell" has no "label"/);
    assert.match(at(17)[0], /^error 18: Sense "sheet" of "cell" must be an object/);
    assert.match(at(21)[0], /^warning 3: Unknown property "colour"/);
    assert.equal(parsed.problems.length, 7);
    const [cell] = parsed.words;
    assert.deepEqual(
      cell.senses.map((s) => [s.id, s.label, s.examples.map((e) => [e.sentence.slice(e.start, e.end), e.source, e.storeLine])]),
      [
        ['biology', 'cell (biology)', [['cell', undefined, 10], ['Cells', undefined, 13]]],
        ['prison', 'prison', [['cell', undefined, 16]]],
      ],
    );
  });

  it('reports JSON syntax errors with positions, and never writes such a file', async () => {
    const broken = '{\n  "words": {\n    "cell": { "senses": { } \n  }\n';
    const parsed = parseStore(broken, 'f.json');
    assert.equal(parsed.wellFormed, false);
    assert.ok(parsed.problems.length > 0);
    assert.match(parsed.problems[0].message, /^JSON syntax: /);
    assert.ok(parsed.problems[0].line >= 4, `line ${parsed.problems[0].line}`);

    const file = await fresh('broken', broken);
    const taught = new TaughtInventory([file]);
    await taught.reload();
    await assert.rejects(taught.teach({ word: 'cell', label: 'x', sentence: 'A cell.', start: 2, end: 6 }), /word-senses\.json:\d+:\d+: JSON syntax: .*Fix it first \(nothing was written\)/);
    assert.equal(await fs.readFile(file, 'utf8'), broken);
  });

  it('edits keep the comments, layout and rejected entries of a hand-written file', async () => {
    const text = '{\n\t// mine\n\t"words": {\n\t\t"BAD": 1,\n\t\t"bad": "oops",\n\t\t"cell": { "senses": { "bio": { "label": "cell (biology)", "examples": [] } } }\n\t}\n}\n';
    const file = await fresh('handwritten', text);
    const taught = new TaughtInventory([file]);
    await taught.reload();
    await taught.teach({ word: 'cell', sense: 'bio', sentence: 'A cell divides.', start: 2, end: 6 });
    const after = await fs.readFile(file, 'utf8');
    await assert.rejects(taught.teach({ word: 'bad', label: 'x', sentence: 'A bad day.', start: 2, end: 5 }), /not an object\. Fix the file first/);
    assert.match(after, /\/\/ mine/);
    assert.match(after, /"BAD": 1/);
    assert.match(after, /\n\t\t"cell"/);
    assert.equal(taught.listing().words[0].senses[0].examples.length, 1);
  });

  it('reload picks up an outside edit, and an unreadable file keeps what was read', async () => {
    const file = await fresh('outside', '{"words": {"python": {"senses": {"snake": {"label": "python (snake)", "examples": [{"sentence": "A python swallowed the goat."}]}}}}}');
    const store = new TaughtStore(file);
    assert.equal(await store.reload(), true);
    assert.equal(await store.reload(), false);
    await fs.writeFile(file, '{"words": {"python": {"senses": {"language": {"label": "Python", "examples": [{"sentence": "Python 3 has f-strings."}]}}}}}');
    assert.equal(await store.reload(), true);
    assert.deepEqual(store.snapshot.words[0].senses.map((s) => s.id), ['language']);
    await fs.rm(file);
    await fs.mkdir(file);
    assert.equal(await store.reload(), true);
    assert.deepEqual(store.snapshot.words[0].senses.map((s) => s.id), ['language']);
    assert.match(store.snapshot.problems[0].message, /Could not read/);
  });

  it('two stores writing the same file at once lose nothing', async () => {
    const file = await fresh('concurrent');
    const a = new TaughtInventory([file]);
    const b = new TaughtInventory([file]);
    await Promise.all([a.reload(), b.reload()]);
    const teach = (inv: TaughtInventory, who: string, i: number) =>
      inv.teach({ word: 'cell', sense: who, label: `cell (${who})`, sentence: `Cell ${who} number ${i}.`, start: 0, end: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => [teach(a, 'a', i), teach(b, 'b', i)]).flat());
    const check = new TaughtStore(file);
    await check.reload();
    const counts = check.snapshot.words[0].senses.map((s) => [s.id, s.examples.length]);
    assert.deepEqual(counts.sort(), [['a', 10], ['b', 10]]);
  });

  it('merges the stores: a sense in both keeps all examples and the first store\'s label', async () => {
    const one = await fresh('merge1', '{"words": {"cell": {"senses": {"bio": {"label": "cell (biology)", "examples": [{"sentence": "A cell divides."}]}}}}}');
    const two = await fresh('merge2', '{"words": {"cell": {"senses": {"bio": {"label": "other", "examples": [{"sentence": "A cell divides."}, {"sentence": "Cells grow."}]}, "jail": {"label": "cell (prison)", "examples": [{"sentence": "A cell with bars."}]}}}}}');
    const taught = new TaughtInventory([one, two]);
    await taught.reload();
    const [cell] = taught.listing().words;
    assert.deepEqual(cell.senses.map((s) => [s.id, s.label, s.examples.map((e) => path.basename(path.dirname(path.dirname(e.store))))]), [
      ['bio', 'cell (biology)', ['merge1', 'merge2']],
      ['jail', 'cell (prison)', ['merge2']],
    ]);
    await taught.teach({ word: 'cell', sense: 'jail', sentence: 'The cell was locked.', start: 4, end: 8, store: two });
    // Edits without a named store look in the existing files only: no folder appears for a missing one.
    const absent = path.join(dir, 'merge3', '.vscode', 'word-senses.json');
    const three = new TaughtInventory([one, absent]);
    await three.reload();
    await three.renameSense({ word: 'cell', sense: 'bio', label: 'cell (biology, renamed)' });
    await assert.rejects(fs.stat(path.dirname(path.dirname(absent))), /ENOENT/);
    await assert.rejects(taught.teach({ word: 'cell', sense: 'jail', sentence: 'x cell', start: 2, end: 6, store: path.join(dir, 'nope.json') }), /not one of the taught-senses files/);
  });

  it('reads at most MAX_WORDS words and MAX_SENSES senses, says so, and refuses to teach more', async () => {
    const word = (i: number) => `w${i.toString(36)}`;
    const sense = (j: number) => [`s${j}`, { label: `sense ${j}`, examples: [{ sentence: 'A many here.' }] }];
    const words = Object.fromEntries(Array.from({ length: MAX_WORDS + 3 }, (_, i) => [word(i), { senses: { a: { label: 'a', examples: [{ sentence: `The ${word(i)}.` }] } } }]));
    words.many = { senses: Object.fromEntries(Array.from({ length: MAX_SENSES + 2 }, (_, j) => sense(j))) };
    const file = await fresh('caps', JSON.stringify({ words: { many: words.many, ...words } }));
    const taught = new TaughtInventory([file]);
    await taught.reload();
    const { words: listed, stores } = taught.listing();
    assert.equal(listed.length, MAX_WORDS);
    assert.equal(listed.find((w) => w.word === 'many')?.senses.length, MAX_SENSES);
    const messages = stores[0].problems.map((p) => p.message);
    assert.ok(messages.some((m) => m.includes(`at most ${MAX_WORDS} are read`)), messages.join('\n'));
    assert.ok(messages.some((m) => m.includes(`at most ${MAX_SENSES} are read`)), messages.join('\n'));
    await assert.rejects(taught.teach({ word: 'kernel', label: 'kernel', sentence: OS, start: 4, end: 10 }), /already has 5000 taught words/);
    await assert.rejects(taught.teach({ word: 'many', label: 'one more', sentence: 'A many here.', start: 2, end: 6 }), /already has 50 senses/);
    // An example for a sense it has is still taken.
    assert.equal((await taught.teach({ word: 'many', sense: 's0', sentence: 'Many more.', start: 0, end: 4 })).added, true);
  });

  it('writes through a symbolic link and keeps the file\'s mode', async () => {
    const real = await fresh('linked-target', '{"words": {}}\n');
    await fs.chmod(real, 0o600);
    const link = path.join(dir, 'linked', 'word-senses.json');
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(real, link);
    const taught = new TaughtInventory([link]);
    await taught.reload();
    await taught.teach({ word: 'kernel', label: 'kernel', sentence: OS, start: 4, end: 10 });
    assert.ok((await fs.lstat(link)).isSymbolicLink());
    assert.match(await fs.readFile(real, 'utf8'), /schedules every process/);
    assert.equal((await fs.stat(real)).mode & 0o777, 0o600);
  });

  it('reads and edits a file that starts with a UTF-8 byte order mark, and keeps the mark', async () => {
    const file = await fresh('bom', '\uFEFF{"words": {"cell": {"senses": {"bio": {"label": "cell (biology)", "examples": [{"sentence": "A cell divides."}]}}}}}');
    const taught = new TaughtInventory([file]);
    await taught.reload();
    assert.deepEqual(taught.listing().stores[0].problems, []);
    assert.equal(taught.listing().words[0].senses[0].examples[0].start, 2);
    await taught.teach({ word: 'cell', sense: 'bio', sentence: 'Cells grow.', start: 0, end: 5 });
    const text = await fs.readFile(file, 'utf8');
    assert.ok(text.startsWith('\uFEFF{'));
    assert.match(text, /Cells grow/);
  });

  it('refuses a span that is not the word: part of it, another word, half an emoji', async () => {
    const examples = [
      { sentence: 'Each cell has a nucleus.', start: 6, end: 9 },
      { sentence: 'Each cell has a nucleus.', start: 10, end: 13 },
      { sentence: 'A cell 😀.', start: 8, end: 9 },
      { sentence: 'Each cell has a nucleus.', start: 5, end: 9 },
    ];
    const { words, problems } = parseStore(JSON.stringify({ words: { cell: { senses: { bio: { label: 'bio', examples } } } } }), 'f.json');
    assert.deepEqual(words[0].senses[0].examples.map((e) => [e.start, e.end]), [[5, 9]]);
    assert.equal(problems.filter((p) => /span .*, not "cell" or a form of it/.test(p.message)).length, 3, problems.map((p) => p.message).join('\n'));
    const taught = new TaughtInventory([await fresh('spans')]);
    await taught.reload();
    await assert.rejects(taught.teach({ word: 'cell', label: 'cell', sentence: 'Each cell has a nucleus.', start: 10, end: 13 }), /is "has", not "cell"/);
  });
});
