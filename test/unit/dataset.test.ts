import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineError } from '../../src/shared/errors';
import { parseWordFiles, senseLabel, type WordFiles } from '../../src/senses/dataset';

describe('senseLabel', () => {
  it('uses the texts of senseLabels.ts for CoarseWSD-20 senses', () => {
    assert.equal(senseLabel('bank', 'bank_bank'), 'bank (financial institution)');
    assert.equal(senseLabel('seal', 'seal_pinniped'), 'seal (animal)');
  });

  it('derives a label from an unknown sense id', () => {
    assert.equal(senseLabel('bank', 'bank_bank_(river_side)'), 'bank (river side)');
    assert.equal(senseLabel('bank', 'other_thing'), 'other thing');
  });
});

const MAP = '{"0": "bank_bank", "1": "bank_bank_(geography)"}';
const parse = (files: Partial<WordFiles>) => parseWordFiles('bank', 'train', { classesMap: MAP, data: '0\tbank loans\n', gold: '0\n', ...files }, 'bank/');

describe('parseWordFiles', () => {
  it('reads the target position as the 0-based whitespace token and maps gold classes', () => {
    const data = parse({ data: '2\tthe  river bank .\n0\tbank loans\n', gold: '1\r\n0\r\n' });
    assert.deepEqual(data.senses, ['bank_bank', 'bank_bank_(geography)']);
    assert.equal(data.examples.length, 2);
    const [a, b] = data.examples;
    assert.equal(a.sentence.slice(a.start, a.end), 'bank');
    assert.equal(a.sense, 'bank_bank_(geography)');
    assert.equal(b.sentence.slice(b.start, b.end), 'bank');
    assert.equal(b.sense, 'bank_bank');
  });

  // Each case: the files, and what the error must say (file and line where there is one).
  const rejected: [string, Partial<WordFiles>, RegExp][] = [
    ['invalid JSON', { classesMap: 'not json' }, /bank\/classes_map\.txt is not valid JSON/],
    ['a JSON null', { classesMap: 'null' }, /bank\/classes_map\.txt must be a JSON object/],
    ['a JSON array', { classesMap: '["bank_bank"]' }, /must be a JSON object/],
    ['a JSON string', { classesMap: '"bank_bank"' }, /must be a JSON object/],
    ['an empty object', { classesMap: '{}' }, /lists no senses/],
    ['numbers for sense ids', { classesMap: '{"0": 1, "1": 2}' }, /class 0 must name a sense id "bank_<sense>" without spaces, not 1\./],
    ['an empty sense id', { classesMap: '{"0": ""}' }, /class 0 must name a sense id/],
    ['a sense id of another word', { classesMap: '{"0": "bass_bass"}' }, /class 0 must name a sense id "bank_<sense>" .*not "bass_bass"/],
    ['a __proto__ sense id', { classesMap: '{"0": "__proto__"}' }, /class 0 must name a sense id .*not "__proto__"/],
    ['a sense id with a space', { classesMap: '{"0": "bank_river bank"}' }, /class 0 must name a sense id/],
    ['a bare word prefix', { classesMap: '{"0": "bank_"}' }, /class 0 must name a sense id/],
    ['a __proto__ class', { classesMap: '{"__proto__": "bank_bank"}' }, /class "__proto__" is not a class number/],
    ['a non-numeric class', { classesMap: '{"0": "bank_bank", "x": "bank_x"}' }, /class "x" is not a class number/],
    ['a sense listed twice', { classesMap: '{"0": "bank_bank", "1": "bank_bank"}' }, /"bank_bank" is listed twice/],
    ['gold __proto__ lines', { gold: '__proto__\n' }, /bank\/train\.gold\.txt line 1: "__proto__" is not a class of bank\/classes_map\.txt \(0, 1\)/],
    ['gold constructor lines', { gold: 'constructor\n' }, /train\.gold\.txt line 1: "constructor"/],
    ['a gold class not in the map', { gold: '7\n' }, /train\.gold\.txt line 1: "7"/],
    ['more data lines than gold lines', { data: '0\tbank\n0\tbank\n' }, /train\.data\.txt has 2 sentences but bank\/train\.gold\.txt has 1 labels/],
    ['more gold lines than data lines', { gold: '0\n1\n' }, /has 1 sentences but .* has 2 labels/],
    ['no sentences', { data: '', gold: '' }, /train\.data\.txt has no sentences/],
    ['a line without a tab', { data: '0 bank loans\n' }, /train\.data\.txt line 1 is not "<token index><tab><sentence>"/],
    ['a negative index', { data: '-1\tbank loans\n' }, /line 1 is not/],
    ['a fractional index', { data: '0.5\tbank loans\n' }, /line 1 is not/],
    ['an empty sentence', { data: '0\t   \n' }, /line 1 is not/],
    ['an index past the sentence', { data: '0\tbank\n9\tshort line\n', gold: '0\n0\n' }, /train\.data\.txt line 2: token index 9 is outside its sentence \(2 tokens/],
    ['a huge index', { data: '99999999999999999999\tbank\n' }, /token index 99999999999999999999 is outside/],
    ['a blank line in the middle', { data: '0\tbank\n\n0\tbank\n', gold: '0\n0\n0\n' }, /train\.data\.txt line 2 is not/],
  ];
  for (const [name, files, message] of rejected) {
    it(`rejects ${name} with an error naming the file`, () => {
      assert.throws(
        () => parse(files),
        (e: unknown) => e instanceof EngineError && e.code === 'dataset-missing' && message.test(e.message) && e.message.startsWith('CoarseWSD-20 data of "bank": '),
      );
    });
  }
});

describe('senseLabel on data-chosen ids', () => {
  it('keeps prototype names as plain labels', () => {
    assert.equal(senseLabel('bank', '__proto__'), '  proto  ');
    assert.equal(senseLabel('bank', 'constructor'), 'constructor');
    assert.equal(senseLabel('bank', 'toString'), 'toString');
  });
});
