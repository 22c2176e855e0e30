import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detokenize } from '../../src/shared/detokenize';

/** The text alone, for cases without a target. */
const text = (sentence: string) => detokenize(sentence).text;

describe('detokenize', () => {
  // Short pieces of CoarseWSD-20 training sentences (the dataset's own tokenisation).
  it('removes the spaces before closing punctuation and clitics', () => {
    assert.equal(text('look at the following example from java : public class'), 'look at the following example from java: public class');
    assert.equal(text('banks , mostly in the tel aviv area .'), 'banks, mostly in the tel aviv area.');
    assert.equal(text("a wink and nod to apple 's ipod"), "a wink and nod to apple's ipod");
    assert.equal(text('the woman ( whose appearance does n\'t resemble snow white \'s ) bites'), "the woman (whose appearance doesn't resemble snow white's) bites");
    assert.equal(text('68 % apple'), '68% apple');
    assert.equal(text('selling at its farmers \' market'), "selling at its farmers' market");
    assert.equal(text('is it ? yes !'), 'is it? yes!');
  });

  it('writes quote pairs as quotes', () => {
    assert.equal(text("the '' ileslie '' iphone application"), 'the "ileslie" iphone application');
    assert.equal(text("the architecture is '' bitsy , '' after the name"), 'the architecture is "bitsy," after the name');
    assert.equal(text("canned fish , ` crab fingers ' , onion"), "canned fish, 'crab fingers', onion");
  });

  it('undoes bracket escapes, slashes and the currency sign', () => {
    assert.equal(text('-lcb- int f ( int x ) -lcb- return x \\* x ; -rcb-'), '{int f (int x) {return x * x;}');
    assert.equal(text('gnu / linux and download / streaming'), 'gnu/linux and download/streaming');
    assert.equal(text('it cost $ 5 .'), 'it cost $5.');
  });

  it('carries the target span over', () => {
    const sentence = "in 2009 , the seat cupra was a race car for apple 's iphone .";
    const start = sentence.indexOf('apple');
    const out = detokenize(sentence, start, start + 'apple'.length);
    assert.equal(out.text, "in 2009, the seat cupra was a race car for apple's iphone.");
    assert.equal(out.text.slice(out.start, out.end), 'apple');
    const last = detokenize('from java .', 5, 9);
    assert.equal(last.text.slice(last.start, last.end), 'java');
  });

  it('leaves text without tokenisation spaces as it is', () => {
    assert.equal(text('The river bank was muddy.'), 'The river bank was muddy.');
    assert.equal(text('  spaced   out  '), 'spaced out');
  });

  // Over the real data when it is here: the target keeps its text and nothing but spaces changes.
  const folder = [process.env.COARSEWSD20_DIR, path.resolve(__dirname, '../../../shared/data/coarsewsd20')].find((f) => f && fs.existsSync(path.join(f, 'bank', 'train.data.txt')));
  it('keeps every target word and every non-space character of a word\'s training sentences', { skip: folder ? false : 'CoarseWSD-20 not found: set COARSEWSD20_DIR' }, () => {
    for (const word of ['bank', 'java', 'apple']) {
      const lines = fs.readFileSync(path.join(folder!, word, 'train.data.txt'), 'utf8').split('\n').filter(Boolean);
      for (const line of lines) {
        const [index, sentence] = line.split('\t');
        const tokens = sentence.split(' ');
        const start = tokens.slice(0, Number(index)).join(' ').length + (Number(index) > 0 ? 1 : 0);
        const end = start + tokens[Number(index)].length;
        const out = detokenize(sentence, start, end);
        assert.equal(out.text.slice(out.start, out.end), sentence.slice(start, end), line);
        const squeeze = (s: string) => s.replace(/\s+|''|"|`|'/g, '').replace(/-lcb-|-rcb-|-lrb-|-rrb-|\{|\}|\(|\)|\\\*|\*/g, '');
        assert.equal(squeeze(out.text), squeeze(sentence), line);
      }
    }
  });
});
