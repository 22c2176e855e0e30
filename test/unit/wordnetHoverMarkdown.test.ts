import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WordNetRanking, WordNetSenseScore } from '../../src/senses';
import { wordNetHoverMarkdown } from '../../src/vscode/wordnetHoverMarkdown';

function sense(n: number, overrides: Partial<WordNetSenseScore> = {}): WordNetSenseScore {
  return { synset: `0000000${n}n`, lemma: 'cell', pos: 'n', senseNumber: n, senseKey: undefined, gloss: `gloss ${n}`, synonyms: [], score: 0.7 - n / 100, ...overrides };
}

function ranking(senses: WordNetSenseScore[], overrides: Partial<WordNetRanking> = {}): WordNetRanking {
  return { surface: 'cells', start: 4, end: 9, lemma: senses[0].lemma, pos: senses[0].pos, taggedPos: 'n', senses, margin: 0.05, uncertain: false, ...overrides };
}

describe('wordNetHoverMarkdown', () => {
  it('names the chosen sense in the heading by its gloss, cut at a word when long', () => {
    const gloss = 'buildings for carrying on industrial labor';
    const md = wordNetHoverMarkdown(ranking([sense(1, { lemma: 'plant', gloss }), sense(2, { lemma: 'plant' })], { surface: 'plant' }));
    assert.ok(md.startsWith('**plant** → *plant (noun): buildings for carrying on industrial labor* · WordNet'), md);
    const long = `${'word '.repeat(30)}end`;
    const head = wordNetHoverMarkdown(ranking([sense(1, { gloss: long }), sense(2)])).split('\n')[0];
    assert.match(head, /^\*\*cells\*\* → \*cell \(noun\): (word ){15}word…\* · WordNet/);
  });

  it('names the word, its lemma and WordNet, lists the top senses best first with scores, and gives the margin', () => {
    const md = wordNetHoverMarkdown(ranking([1, 2, 3, 4, 5, 6, 7].map((n) => sense(n))), { top: 5 });
    const lines = md.split('\n');
    assert.equal(lines[0], "**cells** → *cell (noun): gloss 1* · WordNet · [Plot senses of 'cell'](command:bertWordSense.plotSenses?%5B%22cell%22%5D)");
    assert.equal(lines.filter((l) => /^\d\. `0\.\d{3}` /.test(l)).length, 5);
    assert.match(md, /^1\. `0\.690` \*\*cell \(noun\)\*\*: gloss 1$/m);
    assert.match(md, /^2\. `0\.680` cell \(noun\): gloss 2$/m);
    assert.doesNotMatch(md, /gloss 6/);
    assert.match(md, /^Margin 0\.050 over sense 2 · 2 more senses · tagged as a noun · /m);
    assert.doesNotMatch(md, /Uncertain/);
  });

  it('says plainly when the margin is too small to choose', () => {
    const md = wordNetHoverMarkdown(ranking([sense(1), sense(2)], { margin: 0.004, uncertain: true }));
    assert.match(md.split('\n')[2], /^\*\*Uncertain:\*\* .*margin 0\.004/);
    assert.match(md, /^Margin 0\.004 over sense 2 · tagged as a noun/m);
  });

  it('a single synset is shown without a score or margin: nothing competed', () => {
    const md = wordNetHoverMarkdown(ranking([sense(1, { synonyms: ['cubicle'] })], { margin: 0.69 }));
    assert.doesNotMatch(md, /`0\.\d+`|Margin|Uncertain/);
    assert.match(md, /^gloss 1 · \*synonyms: cubicle\*$/m);
    assert.match(md, /The only WordNet sense of this noun\.$/);
  });

  it('lists synonyms readably, names parts of speech, and says when all parts of speech competed', () => {
    const md = wordNetHoverMarkdown(ranking([sense(1, { synonyms: ['cell_phone', 'mobile_phone'] }), sense(2, { lemma: 'cell', pos: 'v' })], { taggedPos: undefined }));
    assert.match(md, /synonyms: cell phone, mobile phone\*/);
    assert.match(md, /^2\. `0\.680` cell \(verb\)/m);
    assert.match(md, /part of speech not told: all compete/);
  });

  it('escapes WordNet and document text, so links, HTML and emphasis render as text', () => {
    const evil = '[x](command:evil) <img src=x> *b* `c`\nnew block';
    const md = wordNetHoverMarkdown(ranking([sense(1, { gloss: evil, synonyms: [evil] }), sense(2, { lemma: evil })], { surface: evil }));
    assert.deepEqual([...md.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]), ['bertWordSense.plotSenses'], 'no link but the plot link can form');
    assert.doesNotMatch(md, /(?<!\\)</, 'no HTML');
    assert.ok(md.includes('\\[x\\]\\(command\\:evil\\)'), 'the brackets are escaped');
    assert.ok(!md.includes('\nnew block'), 'no line break inside a gloss');
  });

  it('cuts very long glosses', () => {
    const md = wordNetHoverMarkdown(ranking([sense(1, { gloss: 'x'.repeat(500) }), sense(2)]));
    assert.match(md, /x{200}…/);
    assert.doesNotMatch(md, /x{201}/);
  });
});
