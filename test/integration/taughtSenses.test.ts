import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { TeachRequest } from '../../src/senses/types';
import { hoverMarkdown } from '../../src/vscode/hoverMarkdown';
import { fixtureEngine, PAPER_RUN, tempDir } from './helpers';

const SUM4 = PAPER_RUN;

/** A teach request for the first `word` in `sentence`. */
const example = (word: string, sentence: string, rest: Omit<TeachRequest, 'word' | 'sentence' | 'start' | 'end'>): TeachRequest => {
  const start = sentence.toLowerCase().indexOf(word);
  return { word, sentence, start, end: start + word.length, ...rest };
};

const KERNEL: [string, string, string[]][] = [
  ['os', 'kernel (operating system)', ['The kernel schedules every process on the machine.', 'A kernel panic crashed the server.', 'The Linux kernel loads drivers at boot.']],
  ['ml', 'kernel (machine learning)', ['The Gaussian kernel measures similarity between points.', 'Choose a kernel width for the support vector machine.', 'A polynomial kernel maps features to a higher space.']],
  ['grain', 'kernel (grain)', ['Each corn kernel popped in the hot oil.', 'A wheat kernel holds the seed and its food.', 'She bit into a kernel of maize.']],
];

describe('taught senses in the engine (fixture model)', () => {
  let dir: string;
  let store: string;
  let engine: SenseEngine;
  before(async () => {
    dir = await tempDir('taught-engine');
    store = path.join(dir, 'workspace', '.vscode', 'word-senses.json');
    engine = fixtureEngine({ cacheDir: path.join(dir, 'cache'), taughtStores: [store] });
  });
  after(async () => {
    await engine.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('a new word gets senses from its taught examples, in every form', async () => {
    assert.equal(engine.words.includes('kernel'), false);
    assert.equal(await engine.classify('The kernel booted.', 5, SUM4), undefined);
    for (const [sense, label, sentences] of KERNEL) {
      for (const s of sentences) await engine.teach(example('kernel', s, { sense, label }));
    }
    assert.ok(engine.words.includes('kernel'));
    assert.deepEqual(
      engine.findTargets('Kernels, the Kernel\'s and kernels\' jobs; not kernelspace.').map((t) => [t.word, t.surface]),
      [['kernel', 'Kernels'], ['kernel', "Kernel's"], ['kernel', "kernels'"]],
    );
    const text = 'The Kernel\'s scheduler preempts the process.';
    const r = (await engine.classify(text, 6, SUM4))!;
    assert.equal(r.target.word, 'kernel');
    assert.equal(r.target.surface, "Kernel's");
    assert.deepEqual(r.senses.map((s) => s.sense).sort(), ['grain', 'ml', 'os']);
    for (const s of r.senses) {
      assert.equal(s.source, 'taught');
      assert.equal(s.examples, 3);
    }
    assert.equal(r.senses.find((s) => s.sense === 'os')?.label, 'kernel (operating system)');
    assert.equal(r.neighbours[0].source, 'taught');
    assert.equal(r.indexStage, 'full');
    // A surface form teaches under the known word.
    const added = await engine.teach(example('kernels', 'Two kernels of corn fell.', { sense: 'grain' }));
    assert.equal(added.word, 'kernel');
  });

  it('adding one example costs one forward pass, not the word', async () => {
    await engine.senseIndex('kernel', SUM4);
    const before = engine.forwardPasses!;
    const counts = (await engine.senseIndex('kernel', SUM4)).counts;
    assert.equal(engine.forwardPasses, before, 'an unchanged word is not embedded again');
    await engine.teach(example('kernel', 'The kernel handles interrupts from the disk.', { sense: 'os' }));
    const index = await engine.senseIndex('kernel', SUM4);
    assert.equal(engine.forwardPasses, before + 1);
    assert.deepEqual(index.counts, counts.map((c, s) => (index.senses[s] === 'os' ? c + 1 : c)));
    // Forgetting needs no forward pass at all.
    await engine.forget({ word: 'kernel', sense: 'os', sentence: 'The kernel handles interrupts from the disk.', start: 4, end: 10 });
    assert.deepEqual((await engine.senseIndex('kernel', SUM4)).counts, counts);
    assert.equal(engine.forwardPasses, before + 1);
  });

  it('a new session reads taught vectors from disk instead of embedding them again', async () => {
    const next = fixtureEngine({ cacheDir: path.join(dir, 'cache'), taughtStores: [store] });
    try {
      await next.load();
      const index = await next.senseIndex('kernel', SUM4);
      assert.equal(next.forwardPasses, 0);
      assert.deepEqual(index.centroids, (await engine.senseIndex('kernel', SUM4)).centroids);
    } finally {
      await next.dispose();
    }
  });

  it('a taught sense of a CoarseWSD-20 word counts beside the dataset senses, each with its source', async () => {
    await engine.teach(example('bank', 'The pilot rolled the plane into a steep bank to the left.', { label: 'bank (aircraft turn)', description: 'A tilt of an aircraft in a turn.' }));
    await engine.teach(example('bank', 'Hold the bank until the wings are level again.', { sense: 'bank-aircraft-turn' }));
    const text = 'They rowed to the bank of the river.';
    const r = (await engine.classify(text, text.indexOf('bank') + 1, SUM4))!;
    assert.deepEqual(
      r.senses.map((s) => [s.sense, s.source]).sort(),
      [['bank-aircraft-turn', 'taught'], ['bank_bank', 'coarsewsd20'], ['bank_bank_(geography)', 'coarsewsd20']],
    );
    assert.equal(r.senses.find((s) => s.source === 'taught')?.description, 'A tilt of an aircraft in a turn.');
    const plot = await engine.plot('bank', [r], SUM4);
    assert.deepEqual(plot.senses.map((s) => s.source), ['coarsewsd20', 'coarsewsd20', 'taught']);
    assert.equal(plot.points.filter((p) => p.kind === 'train' && p.source === 'taught').length, 2);
    const all = await engine.classifyAll('The bank of the river, and a steep bank of the plane.', SUM4);
    assert.equal(all.length, 2);
    for (const c of all) assert.equal(c.senses.length, 3);
  });

  it('taught sentences are data: markdown and HTML in them render as text in the hover', async () => {
    const evil = 'The cell <img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new) **wins**.';
    await engine.teach(example('cell', evil, { label: 'cell <b>bold</b> [x](command:evil)' }));
    await engine.teach(example('cell', 'A prison cell has bars.', { label: 'cell (prison)' }));
    const r = (await engine.classify('The cell wins.', 5, SUM4))!;
    const md = hoverMarkdown(r);
    // Every `<`, `[` and `(` of the taught text is escaped (only the plot link's own stay).
    assert.doesNotMatch(md, /(^|[^\\])</);
    assert.doesNotMatch(md, /(^|[^\\])\[(run|x)/);
    assert.match(md, /\\<img src\\=x onerror\\=alert\\\(1\\\)\\>/);
    assert.match(md, /taught example/);
  });

  it('picks up an outside edit of the file on reload, problems included', async () => {
    const json = JSON.parse(await fs.readFile(store, 'utf8'));
    json.words.python = { senses: { snake: { label: 'python (snake)', examples: [{ sentence: 'The python swallowed a rat.' }] }, language: { label: 'Python', examples: [{ sentence: 'Python has list comprehensions.' }, { sentence: 'No target.' }] } } };
    await fs.writeFile(store, JSON.stringify(json, null, 2));
    assert.equal(engine.words.includes('python'), false);
    const listing = await engine.reloadTaught();
    assert.ok(engine.words.includes('python'));
    assert.equal(listing.stores[0].problems.length, 1);
    assert.match(listing.stores[0].problems[0].message, /does not occur in the sentence/);
    assert.ok(listing.stores[0].problems[0].line > 1);
    const r = (await engine.classify('Pythons are snakes.', 2, SUM4))!;
    assert.deepEqual(r.senses.map((s) => s.sense).sort(), ['language', 'snake']);
    await engine.deleteSense({ word: 'python', sense: 'snake' });
    await engine.deleteSense({ word: 'python', sense: 'language' });
    assert.equal(engine.words.includes('python'), false);
    await assert.rejects(engine.senseIndex('python', SUM4), /not a CoarseWSD-20 word or a taught word/);
  });

  it('with CoarseWSD-20 off, only taught words have senses', async () => {
    const off = fixtureEngine({ cacheDir: path.join(dir, 'cache'), taughtStores: [store], coarsewsd20: false });
    try {
      const listing = await off.taughtSenses();
      assert.deepEqual(off.words, listing.words.map((w) => w.word));
      assert.ok(off.words.includes('bank') && off.words.includes('kernel') && !off.words.includes('bass'));
      const text = 'They rowed to the bank of the river.';
      const r = (await off.classify(text, text.indexOf('bank') + 1, SUM4))!;
      assert.deepEqual(r.senses.map((s) => s.sense), ['bank-aircraft-turn']);
    } finally {
      await off.dispose();
    }
  });
});
