import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isExportData, isHostMessage, isPlotControls, isWebviewMessage } from '../../src/shared/webviewMessages';

const controls = { word: 'bank', layers: 4, pooling: 'sum', maxExamplesPerSense: 0 };

describe('isPlotControls', () => {
  it('accepts valid controls', () => {
    assert.ok(isPlotControls(controls));
    assert.ok(isPlotControls({ ...controls, pooling: 'mean', layers: 1, maxExamplesPerSense: 300 }));
    assert.ok(isPlotControls({ ...controls, layers: 49 }), 'the engine, not the message, knows the model depth');
    for (const projection of ['pca', 'umap', 'tsne']) assert.ok(isPlotControls({ ...controls, projection }), projection);
  });
  it('rejects bad fields', () => {
    for (const bad of [
      null,
      'bank',
      { ...controls, word: 3 },
      { ...controls, word: 'x'.repeat(65) },
      { ...controls, layers: 0 },
      { ...controls, layers: 2.5 },
      { ...controls, pooling: 'max' },
      { ...controls, maxExamplesPerSense: -1 },
      { ...controls, maxExamplesPerSense: '10' },
      { ...controls, projection: 'mds' },
      { ...controls, projection: 'PCA' },
      { ...controls, projection: null },
      { ...controls, projection: 1 },
    ]) {
      assert.equal(isPlotControls(bad), false, JSON.stringify(bad));
    }
  });
});

describe('isWebviewMessage', () => {
  it('accepts the four message types', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'open', point: 3 }));
    assert.ok(isWebviewMessage({ type: 'controls', controls }));
    assert.ok(isWebviewMessage({ type: 'export', format: 'csv', data: 'x,y\r\n' }));
    assert.ok(isWebviewMessage({ type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }));
    assert.ok(isWebviewMessage({ type: 'export', format: 'svg', data: '<svg width="1" xmlns="http://www.w3.org/2000/svg"></svg>' }));
    assert.ok(isWebviewMessage({ type: 'export', format: 'svg', data: '<?xml version="1.0"?>\n<svg></svg>' }));
  });
  it('rejects unknown or malformed messages', () => {
    for (const bad of [
      undefined,
      42,
      {},
      { type: 'plot' },
      { type: 'controls' },
      { type: 'controls', controls: { ...controls, pooling: 'max' } },
      { type: 'controls', controls: { ...controls, projection: 'isomap' } },
      { type: 'export', format: 'pdf', data: '' },
      { type: 'open', point: -1 },
      { type: 'open', point: 1.5 },
      { type: 'open', point: 'file:///etc/passwd' },
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'png', data: 'data:image/jpeg;base64,AAAA' },
      { type: 'export', format: 'png', data: 'data:image/png;base64,<script>' },
      { type: 'export', format: 'svg', data: '<html><svg></svg></html>' },
    ]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });
  it('caps the export size', () => {
    assert.equal(isExportData('csv', 'x'.repeat(64 * 1024 * 1024 + 1)), false);
  });
});

describe('isHostMessage', () => {
  const data = { word: 'bank', senses: [], points: [], projection: { method: 'pca' }, explained: [0.5, 0.2], options: { layers: 4, pooling: 'sum' }, maxExamplesPerSense: 0 };
  const tsne = { ...data, projection: { method: 'tsne', perplexity: 30, iterations: 750, seed: 42 }, explained: undefined };
  it('accepts the five message types', () => {
    assert.ok(isHostMessage({ type: 'init', words: ['bank', 'bass', 'kernel'], taught: ['kernel'], maxLayers: 12, controls }));
    assert.ok(isHostMessage({ type: 'loading', controls }));
    assert.ok(isHostMessage({ type: 'plot', data, controls, model: 'Xenova/bert-base-uncased' }));
    assert.ok(!isHostMessage({ type: 'plot', data, controls }), 'the model is required (export titles)');
    const saved = { word: 'bank', document: 'file:///ws/notes.md', places: [{ uri: 'file:///ws/notes.md', line: 0, character: 14 }] };
    assert.ok(isHostMessage({ type: 'plot', data, controls, model: 'm', note: '500 of 504 occurrences shown', saved }), 'a note and the places of your occurrences');
    assert.ok(!isHostMessage({ type: 'plot', data, controls, model: 'm', saved: { ...saved, places: [{ uri: 'x', line: -1, character: 0 }] } }), 'a place is a line and character');
    assert.ok(!isHostMessage({ type: 'plot', data, controls, model: 'm', note: 42 }));
    assert.ok(isHostMessage({ type: 'plot', data: tsne, controls: { ...controls, projection: 'tsne' }, model: 'm' }), 'no variance for t-SNE');
    assert.ok(isHostMessage({ type: 'error', message: 'boom' }));
    assert.ok(isHostMessage({ type: 'progress', message: 'Laying out the plot with t-SNE (200/750)' }));
  });
  it('rejects malformed messages', () => {
    for (const bad of [
      { type: 'init', words: [1], taught: [], maxLayers: 12, controls },
      { type: 'init', words: [], taught: [], maxLayers: 0, controls },
      { type: 'init', words: ['kernel'], maxLayers: 12, controls },
      { type: 'plot', data: { points: [] }, controls },
      { type: 'plot', data: { ...data, projection: undefined }, controls, model: 'm' },
      { type: 'plot', data: { ...data, projection: { method: 'lda' } }, controls, model: 'm' },
      { type: 'plot', data: { ...data, explained: 0.5 }, controls, model: 'm' },
      { type: 'error', message: { text: 'x' } },
      { type: 'progress' },
      { type: 'progress', message: 3 },
      { type: 'progress', message: 'x'.repeat(501) },
      { type: 'ready' },
    ]) {
      assert.equal(isHostMessage(bad), false, JSON.stringify(bad));
    }
  });
});
