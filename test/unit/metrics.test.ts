import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracy, macroF1, mean, mfsBaseline, mostFrequent, std, stratifiedSplit } from '../../bench/metrics';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('accuracy', () => {
  it('counts exact matches', () => {
    close(accuracy(['a', 'a', 'a', 'b'], ['a', 'a', 'b', 'b']), 3 / 4);
    close(accuracy([], []), 0);
  });
  it('rejects lists of different lengths', () => {
    assert.throws(() => accuracy(['a'], []), RangeError);
  });
});

describe('macroF1', () => {
  it('averages per-label F1 over gold labels', () => {
    // a: tp 2, fp 0, fn 1 → P 1, R 2/3, F1 4/5; b: tp 1, fp 1, fn 0 → P 1/2, R 1, F1 2/3.
    close(macroF1(['a', 'a', 'a', 'b'], ['a', 'a', 'b', 'b']), (4 / 5 + 2 / 3) / 2);
  });
  it('counts a label only predicted (F1 0) and skips labels in neither list', () => {
    // a: F1 2/3; b: F1 1; c: only predicted → 0.
    close(macroF1(['a', 'a', 'b'], ['a', 'c', 'b']), (2 / 3 + 1 + 0) / 3);
  });
  it('is 1 for a perfect prediction', () => {
    close(macroF1(['a', 'b', 'b'], ['a', 'b', 'b']), 1);
  });
});

describe('mostFrequent / mfsBaseline', () => {
  it('picks the most frequent label', () => {
    assert.equal(mostFrequent(['x', 'y', 'y', 'x', 'y']), 'y');
    assert.equal(mostFrequent([]), undefined);
  });
  it('breaks ties by the given order, else by first occurrence', () => {
    assert.equal(mostFrequent(['b', 'a', 'a', 'b'], ['a', 'b']), 'a');
    assert.equal(mostFrequent(['b', 'a', 'a', 'b']), 'b');
  });
  it('applies the training MFS to the test labels', () => {
    // Predict y everywhere: acc 3/4; y: P 3/4, R 1, F1 6/7; x: F1 0 → macro 3/7.
    const r = mfsBaseline(['x', 'y', 'y', 'x', 'y'], ['x', 'y', 'y', 'y']);
    assert.equal(r.sense, 'y');
    close(r.accuracy, 3 / 4);
    close(r.macroF1, 3 / 7);
  });
});

describe('stratifiedSplit', () => {
  const labels = [...Array(10).fill('a'), ...Array(5).fill('b'), 'c'] as string[];
  it('holds out the fraction of each label, keeping singletons in fit', () => {
    const { fit, validation } = stratifiedSplit(labels, 0.2, 7);
    assert.equal(validation.length, 3);
    assert.equal(fit.length, 13);
    assert.deepEqual([...fit, ...validation].sort((x, y) => x - y), labels.map((_, i) => i));
    const held = (l: string) => validation.filter((i) => labels[i] === l).length;
    assert.deepEqual([held('a'), held('b'), held('c')], [2, 1, 0]);
    assert.deepEqual(fit, [...fit].sort((x, y) => x - y));
  });
  it('is deterministic for a seed', () => {
    assert.deepEqual(stratifiedSplit(labels, 0.2, 7), stratifiedSplit(labels, 0.2, 7));
  });
  it('rejects a bad fraction', () => {
    assert.throws(() => stratifiedSplit(labels, 1), RangeError);
  });
});

describe('mean / std', () => {
  it('computes the mean and the sample standard deviation', () => {
    close(mean([1, 2, 3]), 2);
    close(std([1, 2, 3]), 1);
    // mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, /7.
    close(std([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
    close(std([4]), 0);
    assert.ok(Number.isNaN(mean([])));
  });
});
