import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COARSEWSD20_WORDS } from '../../src/senses/dataset';
import { Inventory, sentenceContext } from '../../src/shared/inventory';

const inventory = new Inventory(COARSEWSD20_WORDS);
const found = (text: string) => inventory.findAll(text).map((m) => [m.word, text.slice(m.start, m.end)]);

describe('Inventory', () => {
  it('finds words, plurals and possessives, case-insensitively', () => {
    assert.deepEqual(found("Banks and the bank's basses; Java, JAVA's moles."), [
      ['bank', 'Banks'],
      ['bank', 'bank'],
      ['bass', 'basses'],
      ['java', 'Java'],
      ['java', 'JAVA'],
      ['mole', 'moles'],
    ]);
  });
  it('ignores longer words that contain an inventory word', () => {
    assert.deepEqual(found('embankment banking applesauce snapple bankers armchair'), []);
  });
  it('finds words inside hyphenated compounds and next to non-Latin text', () => {
    assert.deepEqual(found('river-bank 银行 bank'), [
      ['bank', 'bank'],
      ['bank', 'bank'],
    ]);
  });
  it('finds words written without spaces inside Chinese, Japanese, Korean and Thai text', () => {
    assert.deepEqual(found('我去了bank存钱。'), [['bank', 'bank']]);
    assert.deepEqual(found('用Java写的程序'), [['java', 'Java']]);
    assert.deepEqual(found('昨日bankに行った'), [['bank', 'bank']]);
    assert.deepEqual(found('Java로 작성된 프로그램'), [['java', 'Java']]);
    assert.deepEqual(found('ไปที่bankเมื่อวาน'), [['bank', 'bank']]);
    assert.deepEqual(found('Банкbank'), [['bank', 'bank']]);
  });
  it('takes only regular English plurals: plural-looking forms of other languages are other words', () => {
    assert.deepEqual(found('Les armes du roi.'), []);
    assert.deepEqual(found('Los clubes de fútbol y las bankes.'), []);
    assert.deepEqual(found('Les basss et les springes, les chaires.'), []);
    assert.deepEqual(found('arms clubs basses springs chairs cranes pitchers yards'), [
      ['arm', 'arms'],
      ['club', 'clubs'],
      ['bass', 'basses'],
      ['spring', 'springs'],
      ['chair', 'chairs'],
      ['crane', 'cranes'],
      ['pitcher', 'pitchers'],
      ['yard', 'yards'],
    ]);
  });
  it('a Latin letter, digit, underscore or combining mark next to the word makes it another word', () => {
    assert.deepEqual(found('banké bankß bank2 2bank bank_id bank\u0301 éarm e\u0301arm'), []);
    assert.deepEqual(found('हिन्दी\u0947bank'), [['bank', 'bank']]);
  });
  it('finds the word under an editor offset, including right after it', () => {
    const text = 'the bank is open';
    for (const offset of [4, 6, 8]) assert.equal(inventory.findAt(text, offset)?.word, 'bank');
    assert.equal(inventory.findAt(text, 10), undefined);
  });
});

describe('Inventory and invisible characters', () => {
  it('matches through a soft hyphen, zero-width space or joiner inside the word, with offsets in the text', () => {
    for (const text of ['the ba\u00ADnk', 'the ba\u200Bnk', 'the Ba\u200Dnk\u00ADs', 'the b\u2060ank\u00AD\'s']) {
      const [m] = inventory.findAll(text);
      assert.equal(m?.word, 'bank', JSON.stringify(text));
      assert.equal(m.start, 4);
      assert.equal(text.slice(m.start, m.end).replace(/[\u00AD\u200B-\u200D\u2060]/g, '').toLowerCase().replace(/s$/, ''), 'bank');
      assert.equal(m.surface, text.slice(4));
      assert.equal(inventory.findAt(text, text.length)?.word, 'bank');
    }
    // An invisible character does not end a word either.
    assert.deepEqual(inventory.findAll('bank\u200Dx em\u00ADbank'), []);
  });
});

describe('sentenceContext', () => {
  it('takes the sentence around the target, not the whole text', () => {
    const text = 'First one here. We sat on the bank of the river. Last one.';
    const start = text.indexOf('bank');
    const ctx = sentenceContext(text, { start, end: start + 4 });
    assert.equal(ctx.text, 'We sat on the bank of the river.');
    assert.equal(ctx.text.slice(ctx.start, ctx.end), 'bank');
  });
  it('joins lines wrapped inside a sentence but stops at a blank line', () => {
    const text = 'Heading\n\nWe sat on the\nbank of the river\nand watched.\n\nNext paragraph.';
    const start = text.indexOf('bank');
    const ctx = sentenceContext(text, { start, end: start + 4 });
    assert.equal(ctx.text, 'We sat on the bank of the river and watched.');
    assert.equal(ctx.text.slice(ctx.start, ctx.end), 'bank');
  });
  it('treats CRLF line breaks like LF ones, and whitespace-only lines as blank', () => {
    for (const text of ['# Bank holidays\r\n\r\nWe walked along the river\r\nbank at dawn.', '# Bank holidays\n  \nWe walked along the river\nbank at dawn.']) {
      const start = text.lastIndexOf('bank');
      const ctx = sentenceContext(text, { start, end: start + 4 });
      // CR becomes a space (offsets must not move): only the amount of white space differs.
      assert.equal(ctx.text.replace(/\s+/g, ' '), 'We walked along the river bank at dawn.');
      assert.equal(ctx.text.slice(ctx.start, ctx.end), 'bank');
    }
  });

  it('bounds the context of a target inside a huge single line', () => {
    const text = `${'word '.repeat(40_000)}bank ${'word '.repeat(40_000)}`;
    const start = text.indexOf('bank');
    const ctx = sentenceContext(text, { start, end: start + 4 });
    assert.ok(ctx.text.length <= 6_004, `context is ${ctx.text.length} chars`);
    assert.equal(ctx.text.slice(ctx.start, ctx.end), 'bank');
  });
});

describe('Inventory with taught words beside dataset words', () => {
  it('finds every word\'s forms with one matcher, hyphenated and accented words too', () => {
    const inventory = new Inventory(['bank', 'kernel', 't-shirt', 'café']);
    const text = "Kernels, the kernel's job, two T-shirts, a Café's bank; not kernelspace, undershirt or cafés-bar2.";
    assert.deepEqual(
      inventory.findAll(text).map((m) => [m.word, m.surface, text.slice(m.start, m.end)]),
      [
        ['kernel', 'Kernels', 'Kernels'],
        ['kernel', "kernel's", 'kernel'],
        ['t-shirt', 'T-shirts', 'T-shirts'],
        ['café', "Café's", 'Café'],
        ['bank', 'bank', 'bank'],
        ['café', 'cafés', 'cafés'],
      ],
    );
  });
});

/** The matcher before the trie (one regular-expression alternation of every form): the reference for its rules. */
function regexMatches(words: readonly string[], text: string) {
  const lemmas = new Map<string, string>();
  for (const word of words) for (const form of [word, /(s|x|z|ch|sh)$/.test(word) ? `${word}es` : `${word}s`]) lemmas.set(form, word);
  const alternatives = [...lemmas.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const latin = '[\\p{Script=Latin}\\p{N}_]';
  const re = new RegExp(`(?<!${latin}\\p{M}*)(${alternatives})(?:['’]s?)?(?!${latin}|\\p{M})`, 'giu');
  return [...text.matchAll(re)].flatMap((m) => {
    const word = lemmas.get(m[1].toLowerCase());
    return word ? [{ word, surface: m[0], start: m.index, end: m.index + m[1].length }] : [];
  });
}

describe('Inventory against the regular-expression matcher it replaced', () => {
  const words = [...COARSEWSD20_WORDS, 'kernel', 't-shirt', 'café', 'ba', 'bas', 'box', 'church', 'x-ray', 'naïve', 'a1', 'shirt'];
  const inventory = new Inventory(words);
  it('finds the same matches in a random corpus of word pieces, cases, marks, apostrophes and scripts', () => {
    const pieces = [...words, 'Bank', 'BASS', 'Kernel', 'T-Shirt', 'CAFÉ', 'e\u0301', '\u0301', "'", '’', "'s", "'S", 's', 'es', '-', ' ', ' ', '.', '2', '_', '银行', 'ไป', 'Б', 'ß', '😀', 'x', 'İ', 'ſ', '\n'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 300; n++) {
      let text = '';
      while (text.length < 400) text += pieces[Math.floor(random() * pieces.length)];
      assert.deepEqual(inventory.findAll(text), regexMatches(words, text), text);
    }
  });
  it('finds a word longer than 32 characters under an offset near its end', () => {
    const long = new Inventory(['pneumonoultramicroscopicsilicovolcanoconiosis']);
    const text = 'He had pneumonoultramicroscopicsilicovolcanoconiosis.';
    assert.equal(long.findAt(text, text.length - 2)?.word, 'pneumonoultramicroscopicsilicovolcanoconiosis');
  });
});
