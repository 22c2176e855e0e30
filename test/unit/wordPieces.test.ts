import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskTarget, preTokenize, targetInput, WordPieceAligner, type Piece } from '../../src/bert/wordPieces';

const words = (text: string) => preTokenize(text).map((s) => text.slice(s.start, s.end));

describe('preTokenize', () => {
  it('splits on whitespace and punctuation like BertPreTokenizer', () => {
    assert.deepEqual(words("The bank's loan, (2.5%) — ok?"), ['The', 'bank', "'", 's', 'loan', ',', '(', '2', '.', '5', '%', ')', '—', 'ok', '?']);
  });
  it('splits CJK ideographs into single characters and keeps other scripts whole', () => {
    assert.deepEqual(words('東京bank Привет мир'), ['東', '京', 'bank', 'Привет', 'мир']);
  });
  it('keeps UTF-16 offsets for emoji and combining marks', () => {
    const text = 'e\u0301te 😀 bank';
    const spans = preTokenize(text);
    assert.equal(text.slice(spans.at(-1)!.start, spans.at(-1)!.end), 'bank');
    assert.deepEqual(words(text), ['e\u0301te', '😀', 'bank']);
  });
  it('returns nothing for empty or whitespace-only text', () => {
    assert.deepEqual(preTokenize(''), []);
    assert.deepEqual(preTokenize(' \n\t '), []);
  });
});

describe('WordPieceAligner', () => {
  it('gives every piece the span of its word and caches word encodings', () => {
    let calls = 0;
    const aligner = new WordPieceAligner({
      encodeWord: (w) => {
        calls++;
        return w === 'banks' ? [1, 2] : [w.length];
      },
    });
    const pieces = aligner.pieces('banks and banks');
    assert.deepEqual(pieces, [
      { id: 1, start: 0, end: 5 },
      { id: 2, start: 0, end: 5 },
      { id: 3, start: 6, end: 9 },
      { id: 1, start: 10, end: 15 },
      { id: 2, start: 10, end: 15 },
    ]);
    assert.equal(calls, 2);
  });
});

describe('targetInput', () => {
  const special = { cls: 101, sep: 102 };
  const pieces = (n: number): Piece[] => Array.from({ length: n }, (_, i) => ({ id: 1000 + i, start: i * 2, end: i * 2 + 1 }));

  it('wraps short inputs in [CLS] … [SEP] and points at the target pieces', () => {
    const p = [...pieces(3), { id: 7, start: 6, end: 10 }, { id: 8, start: 6, end: 10 }];
    const input = targetInput(p, { start: 6, end: 10 }, special, 128)!;
    assert.deepEqual(input.ids, [101, 1000, 1001, 1002, 7, 8, 102]);
    assert.deepEqual(input.targetPositions, [4, 5]);
  });

  for (const [where, index] of [['start', 0], ['middle', 500], ['end', 999]] as const) {
    it(`cuts a window of maxLength centred on a target at the ${where}`, () => {
      const p = pieces(1000);
      const input = targetInput(p, { start: index * 2, end: index * 2 + 1 }, special, 128)!;
      assert.equal(input.ids.length, 128);
      assert.equal(input.ids[0], 101);
      assert.equal(input.ids.at(-1), 102);
      assert.deepEqual(input.targetPositions.map((t) => input.ids[t]), [1000 + index]);
    });
  }

  it('keeps every piece of a target as long as the window, and no [SEP] among them', () => {
    const p = pieces(300);
    const target = { start: 100 * 2, end: 100 * 2 + 2 * 126 }; // pieces 100…225: exactly the 126-piece budget
    const input = targetInput(p, target, special, 128)!;
    assert.equal(input.targetPositions.length, 126);
    assert.deepEqual(input.targetPositions.map((t) => input.ids[t]), Array.from({ length: 126 }, (_, i) => 1100 + i));
    const longer = targetInput(p, { start: 0, end: 600 }, special, 128)!;
    assert.ok(longer.targetPositions.every((t) => t > 0 && t < 127), 'target positions stay inside [CLS] … [SEP]');
  });

  it('is undefined when no piece overlaps the target', () => {
    assert.equal(targetInput(pieces(3), { start: 100, end: 104 }, special, 128), undefined);
  });
});

describe('maskTarget', () => {
  it('puts one mask in place of all the target pieces and points at it', () => {
    const input = { ids: [101, 7, 8, 9, 10, 102], targetPositions: [2, 3, 4] };
    assert.deepEqual(maskTarget(input, 103), { ids: [101, 7, 103, 102], targetPositions: [2] });
    assert.deepEqual(maskTarget({ ids: [101, 7, 102], targetPositions: [1] }, 103), { ids: [101, 103, 102], targetPositions: [1] });
  });
});
