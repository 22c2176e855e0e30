import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotData, PlotPoint } from '../../src/senses/types';
import { axisTitle, buildCsv, csvField, groupBySense, kindLabel, maxExamplesPerSenseLabel, plotSummary } from '../../webview/plotModel';

const point = (p: Partial<PlotPoint>): PlotPoint => ({ x: 0, y: 0, kind: 'train', sense: 's', label: 'l', sentence: '', ...p });

describe('axisTitle', () => {
  it('shows the explained variance with one decimal', () => {
    assert.equal(axisTitle(1, 0.234), 'PC1 (23.4 %)');
    assert.equal(axisTitle(2, 0.1), 'PC2 (10.0 %)');
    assert.equal(axisTitle(1, 1), 'PC1 (100.0 %)');
  });
  it('falls back to the bare name when unknown', () => {
    assert.equal(axisTitle(1, undefined), 'PC1');
    assert.equal(axisTitle(2, Number.NaN), 'PC2');
    assert.equal(axisTitle(2, -1), 'PC2');
  });
});

describe('CSV', () => {
  it('quotes only when needed and doubles quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField(-1.5), '-1.5');
    assert.equal(csvField(Number.NaN), '');
  });
  it('builds a header and one CRLF line per point', () => {
    const csv = buildCsv([
      point({ x: 1.25, y: -2, label: 'bank (geography)', kind: 'train', sentence: 'The "river" bank, at dusk.' }),
      point({ x: 0, y: 0.5, label: 'bank (finance)', kind: 'document', sentence: 'line1\nline2' }),
      point({ x: 3, y: 4, label: 'bank (finance)', kind: 'centroid' }),
    ]);
    assert.equal(
      csv,
      'x,y,label,sense,kind,sentence\r\n' +
        '1.25,-2,bank (geography),s,train,"The ""river"" bank, at dusk."\r\n' +
        '0,0.5,bank (finance),s,document,"line1\nline2"\r\n' +
        '3,4,bank (finance),s,centroid,\r\n',
    );
  });
  it('is just the header without points', () => {
    assert.equal(buildCsv([]), 'x,y,label,sense,kind,sentence\r\n');
  });
});

describe('groupBySense', () => {
  const data: PlotData = {
    word: 'bank',
    senses: [
      { sense: 'geo', label: 'bank (geography)' },
      { sense: 'fin', label: 'bank (finance)' },
      { sense: 'dup', label: 'bank (finance)' },
    ],
    points: [
      point({ sense: 'fin', kind: 'train' }),
      point({ sense: 'geo', kind: 'train' }),
      point({ sense: 'geo', kind: 'centroid' }),
      point({ sense: 'fin', kind: 'document' }),
      point({ sense: 'other', label: 'stray', kind: 'document' }),
    ],
    explained: [0.3, 0.2],
    options: { layers: 4, pooling: 'sum' },
    maxExamplesPerSense: 0,
  };
  const groups = groupBySense(data);
  it('keeps the order of data.senses and splits by kind', () => {
    assert.deepEqual(
      groups.map((g) => [g.sense, g.train, g.document, g.centroid]),
      [
        ['geo', [1], [], [2]],
        ['fin', [0], [3], []],
        ['dup', [], [], []],
        ['other', [], [4], []],
      ],
    );
  });
  it('makes legend names unique', () => {
    assert.deepEqual(
      groups.map((g) => g.name),
      ['bank (geography)', 'bank (finance)', 'bank (finance) [dup]', 'stray'],
    );
  });
  it('summarises for the status line', () => {
    assert.equal(plotSummary(data, groups), 'bank: 5 points, 4 senses, 2 in this document · last 4 layers (sum)');
  });
});

describe('labels', () => {
  it('names kinds and caps', () => {
    assert.equal(kindLabel('document'), 'in this document');
    assert.equal(kindLabel('centroid'), 'sense centroid');
    assert.equal(kindLabel('train'), 'training example');
    assert.equal(kindLabel('train', 'taught'), 'taught example');
    assert.equal(maxExamplesPerSenseLabel(0), 'all');
    assert.equal(maxExamplesPerSenseLabel(30), '30');
  });
});
