/**
 * Every export format parsed back: SVG with an XML parser, CSV with a CSV parser (the PNG comes from a
 * browser canvas and is checked in the end-to-end test). The SVG is rendered by ECharts exactly as the
 * webview does it, with VS Code's quoted font family.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PlotData, PlotPoint } from '../../src/senses/types';
import { exportOption, plotOption, renderSvg, type PlotTheme } from '../../webview/chartOption';
import { buildCsv, CSV_COLUMNS, exportTitle, groupBySense, modelName } from '../../webview/plotModel';

const THEME: PlotTheme = {
  foreground: '#cccccc',
  background: '#1f1f1f',
  muted: '#9d9d9d',
  lines: 'rgba(204,204,204,0.25)',
  tooltipBackground: '#202020',
  tooltipBorder: '#454545',
  // What VS Code puts in --vscode-font-family on Linux.
  fontFamily: 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  fontSize: 13,
  palette: ['#3794ff', '#f14c4c'],
  dark: true,
};

const SENTENCE = 'He said "hi" & <left> the bank, then';
const points: PlotPoint[] = [
  { x: 1.5, y: -2.25, kind: 'train', sense: 'bank_bank', label: 'bank (financial institution)', sentence: SENTENCE },
  { x: -0.5, y: 0.75, kind: 'train', sense: 'bank_bank_(geography)', label: 'bank (geography)', sentence: 'The river bank.' },
  { x: 0, y: 0, kind: 'centroid', sense: 'bank_bank', label: 'bank (financial institution)', sentence: '' },
  { x: 2, y: 1, kind: 'document', sense: 'bank_bank', label: 'bank (financial institution)', sentence: '=HYPERLINK("http://evil.example","click") bank' },
];
const data: PlotData = {
  word: 'bank',
  senses: [
    { sense: 'bank_bank', label: 'bank (financial institution)' },
    { sense: 'bank_bank_(geography)', label: 'bank <geo> & "co"' },
  ],
  points,
  projection: { method: 'pca' },
  explained: [0.4, 0.2],
  options: { layers: 4, pooling: 'sum' },
  maxExamplesPerSense: 100,
};

describe('SVG export', () => {
  const title = exportTitle(data, '/home/me/models/tiny-bert-uncased');
  const svg = renderSvg(exportOption(plotOption({ data, groups: groupBySense(data), theme: THEME, width: 640 }), title, THEME, 640), 640, 480);

  it('is well-formed XML even with a quoted font family and markup in the labels', () => {
    const valid = XMLValidator.validate(svg);
    assert.equal(valid, true, JSON.stringify(valid));
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg?: Record<string, unknown> };
    assert.ok(doc.svg, 'the root element is <svg>');
    assert.equal(doc.svg['@_width'], '640');
  });

  it('carries a title with the word, projection, layers, pooling, examples per sense and model', () => {
    assert.equal(title, 'bank · PCA · last 4 layers (sum) · 100 examples per sense · model tiny-bert-uncased');
    assert.ok(svg.includes('>bank<'), 'the word as the title');
    assert.ok(svg.includes('>PCA · last 4 layers (sum) · 100 examples per sense · model tiny-bert-uncased<'), 'the details as its subtitle');
    assert.ok(svg.includes('>PC1 (40.0 %)<') && svg.includes('>PC2 (20.0 %)<'), 'PCA axes with their variance');
  });

  it('names t-SNE axes and parameters, with no variance', () => {
    const tsne: PlotData = { ...data, projection: { method: 'tsne', perplexity: 30, iterations: 750, seed: 42 }, explained: undefined };
    const tsneTitle = exportTitle(tsne, 'Xenova/bert-base-uncased');
    const tsneSvg = renderSvg(exportOption(plotOption({ data: tsne, groups: groupBySense(tsne), theme: THEME, width: 640 }), tsneTitle, THEME, 640), 640, 480);
    assert.equal(XMLValidator.validate(tsneSvg), true);
    assert.ok(tsneSvg.includes('>t-SNE 1<') && tsneSvg.includes('>t-SNE 2<'), 'axis titles');
    assert.ok(!/ %\)</.test(tsneSvg) && !tsneSvg.includes('>PC1'), 'no variance, no principal components');
    assert.ok(tsneTitle.startsWith('bank · t-SNE (perplexity 30, 750 iterations, seed 42) · '), tsneTitle);
  });
});

describe('SVG export of a WordNet plot with many senses', () => {
  const senses = Array.from({ length: 15 }, (_, i) => ({ sense: `${String(i + 1).padStart(8, '0')}v`, label: `verb ${i + 1}: to move <fast> & "far"`, gloss: 'to move fast' }));
  const wordnet: PlotData = {
    ...data,
    word: 'run',
    senses,
    points: senses.flatMap((s, i) => (['train', 'gloss', 'centroid'] as const).map((kind, k) => ({ x: i, y: k, kind, sense: s.sense, label: s.label, sentence: 'run: to move fast' }))),
    maxExamplesPerSense: 0,
    inventory: 'wordnet',
    omittedSenses: 26,
  };

  it('is well-formed XML with a paged legend, gloss squares and colours beyond the palette', () => {
    const title = exportTitle(wordnet, 'Xenova/bert-base-uncased');
    const svg = renderSvg(exportOption(plotOption({ data: wordnet, groups: groupBySense(wordnet), theme: THEME, width: 640 }), title, THEME, 640), 640, 480);
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(svg.includes('>PCA · last 4 layers (sum) · WordNet, 15 of 41 senses · model Xenova/bert-base-uncased<'));
    assert.ok(svg.includes('#dd895f'), 'senses past the two palette colours get generated hues');
  });
});

describe('CSV export', () => {
  const csv = buildCsv(points, { method: 'umap', nNeighbors: 15, minDist: 0.1, epochs: 500, seed: 42 });
  const rows = parseCsv(csv, { columns: true, relax_column_count: false }) as Record<string, string>[];

  it('round-trips every point through a CSV parser', () => {
    assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
    assert.equal(rows.length, points.length);
    rows.forEach((row, i) => {
      const p = points[i];
      assert.equal(Number(row.x), p.x);
      assert.equal(Number(row.y), p.y);
      assert.equal(row.label, p.label);
      assert.equal(row.sense, p.sense);
      assert.equal(row.kind, p.kind);
      if (!p.sentence.startsWith('=')) assert.equal(row.sentence, p.sentence);
      assert.equal(row.projection, 'UMAP (15 neighbours, min. distance 0.1, 500 epochs, seed 42)');
    });
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP: = + - @ tab CR)', () => {
    assert.equal(rows[3].sentence, `'${points[3].sentence}`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const [row] = parseCsv(buildCsv([{ ...points[0], sentence: `${start}1+1`, label: `${start}SUM(A1)` }], { method: 'pca' }), { columns: true }) as Record<string, string>[];
      assert.equal(row.sentence, `'${start}1+1`, JSON.stringify(start));
      assert.equal(row.label, `'${start}SUM(A1)`, JSON.stringify(start));
    }
    const [negative] = parseCsv(buildCsv([{ ...points[0], x: -1.5 }], { method: 'pca' }), { columns: true }) as Record<string, string>[];
    assert.equal(negative.x, '-1.5', 'numbers stay numbers');
  });
});

describe('modelName', () => {
  it('keeps a hub id and shortens a folder to its name', () => {
    assert.equal(modelName('Xenova/bert-base-uncased'), 'Xenova/bert-base-uncased');
    assert.equal(modelName('/work/models/tiny-bert-uncased/'), 'tiny-bert-uncased');
    assert.equal(modelName('C:\\models\\bert'), 'bert');
  });
});

describe('taught examples on the plot', () => {
  it('get their own marker (a rounded square) in their sense\'s series', () => {
    const taught: PlotPoint = { x: 3, y: 3, kind: 'train', sense: 'bank-aircraft-turn', label: 'bank (aircraft turn)', sentence: 'A steep bank.', source: 'taught' };
    const withTaught: PlotData = { ...data, senses: [...data.senses, { sense: taught.sense, label: taught.label, source: 'taught' }], points: [...points, taught] };
    const option = plotOption({ data: withTaught, groups: groupBySense(withTaught), theme: THEME, width: 640 });
    const series = option.series as { name: string; symbol: string; data: [number, number, number][] }[];
    const marked = (symbol: string) => series.filter((s) => s.symbol === symbol).flatMap((s) => s.data.map((d) => d[2]));
    assert.deepEqual(marked('roundRect'), [points.length]);
    assert.deepEqual(marked('circle'), [0, 1]);
    assert.equal(series.find((s) => s.symbol === 'roundRect' && s.data.length > 0)?.name, 'bank (aircraft turn)');
  });
});
