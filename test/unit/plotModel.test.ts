import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotData, PlotPoint } from '../../src/senses/types';
import { plotOption } from '../../webview/chartOption';
import { senseText } from '../../src/shared/senseLabels';
import { axisTitle, buildCsv, csvField, exportTitle, glossBySense, groupBySense, kindLabel, maxExamplesPerSenseLabel, plotSummary, projectionDescription, senseColor } from '../../webview/plotModel';

const point = (p: Partial<PlotPoint>): PlotPoint => ({ x: 0, y: 0, kind: 'train', sense: 's', label: 'l', sentence: '', ...p });

describe('axisTitle', () => {
  it('shows the explained variance with one decimal', () => {
    assert.equal(axisTitle('pca', 1, 0.234), 'PC1 (23.4 %)');
    assert.equal(axisTitle('pca', 2, 0.1), 'PC2 (10.0 %)');
    assert.equal(axisTitle('pca', 1, 1), 'PC1 (100.0 %)');
  });
  it('falls back to the bare name when unknown', () => {
    assert.equal(axisTitle('pca', 1, undefined), 'PC1');
    assert.equal(axisTitle('pca', 2, Number.NaN), 'PC2');
    assert.equal(axisTitle('pca', 2, -1), 'PC2');
  });
  it('names UMAP and t-SNE axes without a variance, which they do not have', () => {
    assert.equal(axisTitle('umap', 1, 0.5), 'UMAP 1');
    assert.equal(axisTitle('umap', 2, undefined), 'UMAP 2');
    assert.equal(axisTitle('tsne', 1, undefined), 't-SNE 1');
    assert.equal(axisTitle('tsne', 2, undefined), 't-SNE 2');
  });
});

describe('projectionDescription', () => {
  it('names the method with the parameters it ran with', () => {
    assert.equal(projectionDescription({ method: 'pca' }), 'PCA');
    assert.equal(
      projectionDescription({ method: 'umap', nNeighbors: 15, minDist: 0.1, epochs: 400, seed: 42 }),
      'UMAP (15 neighbours, min. distance 0.1, 400 epochs, seed 42)',
    );
    assert.equal(
      projectionDescription({ method: 'tsne', perplexity: 10 / 3, iterations: 750, seed: 42 }),
      't-SNE (perplexity 3.33, 750 iterations, seed 42)',
    );
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
    ], { method: 'pca' });
    assert.equal(
      csv,
      'x,y,label,sense,kind,sentence,projection\r\n' +
        '1.25,-2,bank (geography),s,train,"The ""river"" bank, at dusk.",PCA\r\n' +
        '0,0.5,bank (finance),s,document,"line1\nline2",PCA\r\n' +
        '3,4,bank (finance),s,centroid,,PCA\r\n',
    );
  });
  it('says the projection on every row', () => {
    const csv = buildCsv([point({ x: 1, y: 2 })], { method: 'tsne', perplexity: 30, iterations: 750, seed: 42 });
    assert.equal(csv.split('\r\n')[1], '1,2,l,s,train,,"t-SNE (perplexity 30, 750 iterations, seed 42)"');
  });
  it('is just the header without points', () => {
    assert.equal(buildCsv([], { method: 'pca' }), 'x,y,label,sense,kind,sentence,projection\r\n');
  });
});

describe('groupBySense', () => {
  const data: PlotData = {
    word: 'bank',
    senses: [
      { sense: 'geo', label: 'bank (geography)' },
      { sense: 'fin', label: 'bank (finance)' },
      { sense: 'dup', label: 'bank (finance)' },
      { sense: 'bank_bank', label: 'bank (finance)', source: 'taught' },
    ],
    points: [
      point({ sense: 'fin', kind: 'train' }),
      point({ sense: 'geo', kind: 'train' }),
      point({ sense: 'geo', kind: 'centroid' }),
      point({ sense: 'fin', kind: 'document' }),
      point({ sense: 'other', label: 'stray', kind: 'document' }),
    ],
    projection: { method: 'pca' },
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
        ['bank_bank', [], [], []],
        ['other', [], [4], []],
      ],
    );
  });
  it('makes legend names unique with words, never with sense ids', () => {
    assert.deepEqual(
      groups.map((g) => g.name),
      ['bank (geography)', 'bank (finance)', 'bank (finance) (2)', 'bank (finance) (taught)', 'stray'],
    );
  });
  it('names the dataset senses by their labels in the legend', () => {
    const ids = ['bank_bank', 'bank_bank_(geography)', 'apple_apple_inc.'];
    const senses = ids.map((sense) => ({ sense, label: senseText(sense)!.label }));
    const names = groupBySense({ ...data, senses, points: [] }).map((g) => g.name);
    assert.deepEqual(names, ['bank (financial institution)', 'bank (geography)', 'Apple Inc.']);
  });
  it('summarises for the status line', () => {
    assert.equal(plotSummary(data, groups), 'bank: 5 points, 5 senses, 2 of yours · last 4 layers (sum) · PCA');
    const note = 't-SNE needs at least 4 points (there are 3): showing PCA.';
    assert.equal(plotSummary({ ...data, projectionNote: note }, groups), `bank: 5 points, 5 senses, 2 of yours · last 4 layers (sum) · PCA. ${note}`);
  });
});

describe('labels', () => {
  it('names kinds and caps', () => {
    assert.equal(kindLabel('document'), 'your occurrence');
    assert.equal(kindLabel('centroid'), 'sense centroid');
    assert.equal(kindLabel('train'), 'training example');
    assert.equal(kindLabel('train', 'coarsewsd20', 'taught'), 'taught example');
    assert.equal(maxExamplesPerSenseLabel(0), 'all');
    assert.equal(maxExamplesPerSenseLabel(30), '30');
  });
});

describe('a WordNet plot with many senses', () => {
  const senses = Array.from({ length: 20 }, (_, i) => ({ sense: `${String(i + 1).padStart(8, '0')}v`, label: `verb ${i + 1}: gloss ${i + 1}`, gloss: `gloss ${i + 1}` }));
  const data: PlotData = {
    word: 'run',
    senses,
    points: senses.flatMap((s) => [
      point({ sense: s.sense, label: s.label, kind: 'train' }),
      point({ sense: s.sense, label: s.label, kind: 'gloss' }),
      point({ sense: s.sense, label: s.label, kind: 'centroid' }),
    ]),
    projection: { method: 'pca' },
    explained: [0.2, 0.1],
    options: { layers: 4, pooling: 'sum' },
    maxExamplesPerSense: 0,
    inventory: 'wordnet',
    omittedSenses: 37,
  };
  const groups = groupBySense(data);

  it('groups gloss points apart from examples and centroids', () => {
    assert.equal(groups.length, 20);
    assert.deepEqual([groups[3].train, groups[3].gloss, groups[3].centroid, groups[3].document], [[9], [10], [11], []]);
  });

  it('gives every sense its own colour: the palette first, then distinct hues', () => {
    const palette = ['#111111', '#222222', '#333333'];
    const colours = groups.map((_, i) => senseColor(i, palette, true));
    assert.deepEqual(colours.slice(0, 3), palette);
    assert.equal(new Set(colours).size, 20);
    assert.equal(colours[3], '#dd895f', 'hue 20°, 65 % saturation, 62 % lightness');
    assert.notEqual(senseColor(5, palette, false), senseColor(5, palette, true), 'darker on light themes');
    assert.match(senseColor(0, [], true), /^#[0-9a-f]{6}$/);
  });

  it('names WordNet kinds, shows glosses, and says how many senses are left out', () => {
    assert.equal(kindLabel('train', 'wordnet'), 'WordNet example');
    assert.equal(kindLabel('gloss', 'wordnet'), 'WordNet gloss');
    assert.equal(kindLabel('centroid', 'wordnet'), 'sense vector');
    assert.equal(kindLabel('train'), 'training example');
    assert.equal(glossBySense(data).get('00000004v'), 'gloss 4');
    assert.equal(glossBySense({ ...data, senses: [{ sense: 's', label: 'l' }] }).size, 0);
    assert.equal(plotSummary(data, groups), 'run: 60 points, 20 WordNet senses (37 less frequent not shown), 0 of yours · last 4 layers (sum) · PCA');
    assert.equal(exportTitle(data, 'Xenova/bert-base-uncased'), 'run · PCA · last 4 layers (sum) · WordNet, 20 of 57 senses · model Xenova/bert-base-uncased');
  });

  it('draws a gloss series with its own marker and a paged legend', () => {
    const theme = { foreground: '#ccc', background: '#000', muted: '#999', lines: '#333', tooltipBackground: '#000', tooltipBorder: '#333', fontFamily: 'sans-serif', fontSize: 13, palette: ['#3794ff'], dark: true };
    const option = plotOption({ data, groups, theme, width: 800 });
    const series = option.series as { name: string; symbol: string; data: unknown[]; itemStyle: { color: string } }[];
    const gloss = series.filter((s) => s.symbol === 'rect');
    assert.equal(gloss.length, 20);
    assert.ok(gloss.every((s) => s.data.length === 1));
    assert.equal(new Set(gloss.map((s) => s.itemStyle.color)).size, 20);
    assert.equal((option.legend as { type: string }).type, 'scroll');
    assert.equal((plotOption({ data: { ...data, senses: senses.slice(0, 2), points: [] }, groups: groups.slice(0, 2), theme, width: 800 }).legend as { type: string }).type, 'plain');
  });
});
