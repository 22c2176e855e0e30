import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { knownSenses, senseText, shortLabel } from '../../src/shared/senseLabels';
import { COARSEWSD20_WORDS } from '../../src/shared/words';

const DATA = process.env.COARSEWSD20_DIR ?? path.resolve(__dirname, '../../../shared/data/coarsewsd20');
const haveData = fs.existsSync(path.join(DATA, 'bank', 'classes_map.txt'));

/** The word a sense id belongs to: the longest inventory word it starts with. */
function wordOf(sense: string): string {
  const word = COARSEWSD20_WORDS.filter((w) => sense.startsWith(`${w}_`)).sort((a, b) => b.length - a.length)[0];
  assert.ok(word, `${sense} belongs to no inventory word`);
  return word;
}

describe('sense labels', () => {
  it('has a label and a one-line description for 53 senses over the 20 words', () => {
    const senses = knownSenses();
    assert.equal(senses.length, 53);
    assert.deepEqual([...new Set(senses.map(wordOf))].sort(), [...COARSEWSD20_WORDS].sort());
    for (const sense of senses) {
      const text = senseText(sense);
      assert.ok(text, sense);
      assert.match(text.description, /^[A-Z][^\n]{8,100}\.$/, `${sense}: ${text.description}`);
    }
  });

  it('never labels a sense with the bare word, and tells the senses of a word apart', () => {
    const byWord = new Map<string, string[]>();
    for (const sense of knownSenses()) {
      const word = wordOf(sense);
      const label = senseText(sense)!.label;
      assert.notEqual(label.trim().toLowerCase(), word, `${sense} is labelled with the bare word`);
      byWord.set(word, [...(byWord.get(word) ?? []), label.toLowerCase()]);
    }
    for (const [word, labels] of byWord) assert.equal(new Set(labels).size, labels.length, `${word}: ${labels.join(', ')}`);
  });

  it('covers exactly the senses of the dataset', { skip: haveData ? false : `no CoarseWSD-20 at ${DATA} (set COARSEWSD20_DIR)` }, () => {
    const inData = COARSEWSD20_WORDS.flatMap((word) =>
      Object.values(JSON.parse(fs.readFileSync(path.join(DATA, word, 'classes_map.txt'), 'utf8')) as Record<string, string>),
    );
    assert.deepEqual([...inData].sort(), knownSenses().sort());
  });
});

describe('shortLabel', () => {
  it('drops the word a label repeats, and keeps labels of other forms', () => {
    assert.equal(shortLabel('bank', 'bank (financial institution)'), 'financial institution');
    assert.equal(shortLabel('java', 'Java (island)'), 'island');
    assert.equal(shortLabel('bass', 'bass guitar'), 'bass guitar');
    assert.equal(shortLabel('apple', 'Apple Inc.'), 'Apple Inc.');
    assert.equal(shortLabel('bank', 'bank'), 'bank');
  });
});
