import { fenceAt } from '../../src/vscode/markdownFences';
import { isProvisional } from '../../src/vscode/answerBasis';
import * as fs from 'node:fs';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isInCommentOrString } from '../../src/vscode/commentHeuristic';
import { DEFAULT_MODEL, RECIPES } from '../../src/shared/settings';
import { classifyChange, readConfig } from '../../src/vscode/config';
import { LruCache } from '../../src/shared/lruCache';
import { ProgressText } from '../../src/vscode/progressText';

function settings(values: Record<string, unknown>) {
  return {
    get: <T>(key: string, fallback?: T) => (key in values ? (values[key] as T) : fallback),
    inspect: (key: string) => ({ key, ...(key in values && { globalValue: values[key] }) }),
  } as never;
}

describe('readConfig', () => {
  it('uses the defaults', () => {
    const c = readConfig(settings({}));
    assert.equal(c.engine.model, DEFAULT_MODEL);
    assert.equal(c.engine.dtype, 'q8');
    assert.equal(c.engine.datasetFolder, undefined);
    assert.deepEqual(c.run.vector, { layers: 4, pooling: 'sum' });
    assert.deepEqual(c.run.classifier, { method: 'probe' });
    assert.equal(c.wordnet, true);
    assert.equal(c.wordnetInAnalysis, false);
    assert.deepEqual(c.problems, []);
  });

  it("falls back to a recipe's defaults, under the user's values only", () => {
    // `get` answers package.json's default (100) for a setting nobody set: it must not hide the recipe's.
    const withDefaults = (values: Record<string, unknown>) => ({ ...(settings(values) as object), get: <T>(key: string, fallback?: T) => (key === 'maxExamplesPerSense' ? (100 as T) : fallback) }) as never;
    assert.equal(readConfig(withDefaults({}), 'web').run.maxExamplesPerSense, RECIPES.web.maxExamplesPerSense);
    assert.equal(readConfig(withDefaults({}), 'web').engine.dtype, 'q8');
    assert.equal(readConfig(settings({ maxExamplesPerSense: 40 }), 'web').run.maxExamplesPerSense, 40);
    assert.equal(readConfig(withDefaults({})).run.maxExamplesPerSense, 100);
  });

  it('reads the WordNet switches', () => {
    const c = readConfig(settings({ wordnet: false, wordnetInAnalysis: true }));
    assert.deepEqual([c.wordnet, c.wordnetInAnalysis], [false, true]);
    assert.equal(readConfig(settings({})).wordnetHovers, 'ambiguous');
    assert.equal(readConfig(settings({ wordnetHovers: 'all' })).wordnetHovers, 'all');
    assert.equal(readConfig(settings({ wordnetHovers: 'every' })).wordnetHovers, 'ambiguous');
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const declared = Object.assign({}, ...manifest.contributes.configuration.map((s: { properties: object }) => s.properties))['bertWordSense.wordnetHovers'];
    assert.deepEqual([declared.default, declared.enum], ['ambiguous', ['ambiguous', 'all']]);
  });

  it("falls back to the same defaults as package.json's", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const properties: Record<string, { default: unknown }> = Object.assign({}, ...manifest.contributes.configuration.map((s: { properties: object }) => s.properties));
    const declared = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.replace('bertWordSense.', ''), v.default]));
    assert.deepEqual(readConfig(settings({})), readConfig(settings(declared)));
  });

  it('reads the centroid and probe classifiers', () => {
    assert.deepEqual(readConfig(settings({ classifier: 'centroid' })).run.classifier, { method: 'centroid' });
    assert.deepEqual(readConfig(settings({ classifier: 'probe', knnNeighbours: 5 })).run.classifier, { method: 'probe' });
  });

  it('reads the k-NN classifier', () => {
    assert.deepEqual(readConfig(settings({ classifier: 'knn' })).run.classifier, { method: 'knn', k: 1, weighted: false });
    assert.deepEqual(readConfig(settings({ classifier: 'knn', knnNeighbours: 5 })).run.classifier, { method: 'knn', k: 5, weighted: false });
  });

  it('expands ~ and keeps absolute folders and hub ids', () => {
    assert.equal(readConfig(settings({ model: '~/models/bert' })).engine.model, path.join(os.homedir(), 'models/bert'));
    assert.equal(readConfig(settings({ model: '/opt/bert' })).engine.model, '/opt/bert');
    assert.equal(readConfig(settings({ model: 'Xenova/bert-base-cased' })).engine.model, 'Xenova/bert-base-cased');
  });

  it('refuses relative paths', () => {
    const c = readConfig(settings({ model: './bert', datasetFolder: 'data/wsd' }));
    assert.equal(c.engine.model, DEFAULT_MODEL);
    assert.equal(c.engine.datasetFolder, undefined);
    assert.deepEqual(c.problems.map((p) => p.setting), ['bertWordSense.model', 'bertWordSense.datasetFolder']);
  });
});

describe('classifyChange', () => {
  it('a model setting needs a new engine', () => {
    const change = classifyChange((s) => s === 'bertWordSense.dtype');
    assert.deepEqual(change, { engine: true, keys: ['dtype'] });
  });
  it('a vector setting only re-renders', () => {
    const change = classifyChange((s) => s === 'bertWordSense.layers');
    assert.deepEqual(change, { engine: false, keys: ['layers'] });
  });
  it('a WordNet switch only re-renders (cached hovers go)', () => {
    const change = classifyChange((s) => s === 'bertWordSense.wordnet');
    assert.deepEqual(change, { engine: false, keys: ['wordnet'] });
  });
});

describe('isInCommentOrString', () => {
  const at = (lines: string[]) => (i: number) => lines[i] ?? '';
  it('line comments', () => {
    assert.equal(isInCommentOrString('typescript', at(['x = 1; // the bank']), 0, 15), true);
    assert.equal(isInCommentOrString('typescript', at(['bank = 1; // x']), 0, 2), false);
    assert.equal(isInCommentOrString('python', at(['x = 1  # river bank']), 0, 17), true);
  });
  it('strings, not apostrophes', () => {
    assert.equal(isInCommentOrString('javascript', at(['log("the bank")']), 0, 10), true);
    assert.equal(isInCommentOrString('javascript', at(['log("a") + bank']), 0, 13), false);
    assert.equal(isInCommentOrString('python', at(["# it's a bank"]), 0, 11), true);
  });
  it('block comments and docstrings over lines', () => {
    assert.equal(isInCommentOrString('c', at(['/*', ' * the river bank', ' */']), 1, 14), true);
    assert.equal(isInCommentOrString('c', at(['/* x */', 'int bank;']), 1, 5), false);
    assert.equal(isInCommentOrString('python', at(['"""', 'the bank', '"""']), 1, 5), true);
    assert.equal(isInCommentOrString('html', at(['<!-- the', 'bank -->']), 1, 2), true);
  });
});

describe('ProgressText', () => {
  it('describes each event and turns fractions into increments', () => {
    const text = new ProgressText();
    assert.deepEqual(text.step({ kind: 'download', file: 'onnx/model.onnx', loaded: 0, total: 4 * 1_048_576 }), {
      message: 'Downloading onnx/model.onnx (0.0 MB / 4.0 MB)',
      increment: undefined,
    });
    assert.equal(text.step({ kind: 'download', file: 'onnx/model.onnx', loaded: 1_048_576, total: 4 * 1_048_576 }).increment, 25);
    assert.equal(text.step({ kind: 'index', word: 'bank', done: 5, total: 10 }).increment, 50);
    assert.match(text.step({ kind: 'load-model', model: 'm' }).message, /Loading model m/);
    assert.deepEqual(text.step({ kind: 'project', method: 'tsne', done: 0, total: 1 }), { message: 'Laying out the plot with t-SNE…', increment: undefined });
    assert.deepEqual(text.step({ kind: 'project', method: 'tsne', done: 375, total: 750 }), { message: 'Laying out the plot with t-SNE (375/750)', increment: 50 });
  });
});

describe('fenceAt', () => {
  const at = (lines: string[]) => (i: number) => lines[i] ?? '';
  const doc = ['Prose about the bank.', '```python', '# the bank', 'x = 1', '```', 'More prose.', '~~~~', 'bank', '~~~', 'still fenced', '~~~~', 'out'];
  it('finds the fenced block around a line, with its language', () => {
    assert.equal(fenceAt(at(doc), 0), undefined);
    assert.deepEqual(fenceAt(at(doc), 2), { language: 'python' });
    assert.deepEqual(fenceAt(at(doc), 4), { language: 'python' }, 'the closing fence is inside');
    assert.equal(fenceAt(at(doc), 5), undefined);
  });
  it('closes only with the same character, at least as long', () => {
    assert.deepEqual(fenceAt(at(doc), 7), { language: '' });
    assert.deepEqual(fenceAt(at(doc), 9), { language: '' }, 'a shorter fence does not close');
    assert.equal(fenceAt(at(doc), 11), undefined);
  });
  it('ignores fences indented four spaces (an indented code line)', () => {
    assert.equal(fenceAt(at(['    ```', 'bank']), 1), undefined);
  });
});

describe('isProvisional', () => {
  const config = { maxExamplesPerSense: 100, completeIndexInBackground: true };
  it('is true while the engine answers from a first or capped index that the full one will replace', () => {
    assert.equal(isProvisional({ indexStage: 'first' }, config), true);
    assert.equal(isProvisional({ indexStage: 'capped' }, config), true);
    assert.equal(isProvisional({ indexStage: 'full' }, config), false);
    assert.equal(isProvisional({ indexStage: 'capped' }, { ...config, completeIndexInBackground: false }), false, 'nothing replaces it');
    assert.equal(isProvisional({ indexStage: 'full' }, { ...config, maxExamplesPerSense: 0 }), false);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.size, 2);
  });
});
