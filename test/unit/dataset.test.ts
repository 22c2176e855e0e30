import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { parseWordFiles, senseLabel } from '../../src/senses/dataset';

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

describe('parseWordFiles', () => {
  it('reads the target position as the 0-based whitespace token and maps gold classes', () => {
    const data = parseWordFiles(
      'bank',
      '{"0": "bank_bank", "1": "bank_bank_(geography)"}',
      '2\tthe  river bank .\n0\tbank loans\n',
      '1\n0\n',
    );
    assert.deepEqual(data.senses, ['bank_bank', 'bank_bank_(geography)']);
    assert.equal(data.examples.length, 2);
    const [a, b] = data.examples;
    assert.equal(a.sentence.slice(a.start, a.end), 'bank');
    assert.equal(a.sense, 'bank_bank_(geography)');
    assert.equal(b.sentence.slice(b.start, b.end), 'bank');
    assert.equal(b.sense, 'bank_bank');
  });
  it('rejects malformed files with a clear error', () => {
    assert.throws(() => parseWordFiles('bank', 'not json', '', ''), EngineError);
    assert.throws(() => parseWordFiles('bank', '{"0": "bank_bank"}', '9\tshort line\n', '0\n'), /line 1/);
    assert.throws(() => parseWordFiles('bank', '{"0": "bank_bank"}', '0\tbank\n', ''), /gold/);
  });
});
