/**
 * The plot's document occurrences: found with the VS Code layer's own inventory, in their sentences,
 * without any engine (no classification, no sense index).
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { uninstallVscode } from '../fakes/installVscode';
import { FakeTextDocument } from '../fakes/textDocument';
import { Range } from '../fakes/vscode';
import type { Classification } from '../../src/senses/types';
import { plotOccurrences } from '../../src/vscode/documentOccurrences';
import { OccurrenceStore } from '../../src/vscode/occurrences';

after(() => uninstallVscode());

describe('plotOccurrences', () => {
  const text = 'He plays the bass.\n\nWe sat on the Banks of the river. The bank raised its rates; bankers smiled.';
  const document = new FakeTextDocument(text).asDocument();

  it("gives each document occurrence of the word in its sentence, with the target's span in it", () => {
    const store = new OccurrenceStore();
    const found = plotOccurrences(store, document, 'bank').occurrences;
    assert.deepEqual(
      found.map((o) => [o.target.surface, o.context, o.context.slice(o.contextStart, o.contextEnd)]),
      [
        ['Banks', 'We sat on the Banks of the river.', 'Banks'],
        ['bank', 'The bank raised its rates; bankers smiled.', 'bank'],
      ],
    );
    assert.deepEqual(plotOccurrences(store, document, 'bass').occurrences.map((o) => o.context), ['He plays the bass.']);
    assert.deepEqual(plotOccurrences(store, document, 'crane').occurrences, []);
    assert.deepEqual(plotOccurrences(store, undefined, 'bank').occurrences, [], 'no document');
    store.dispose();
  });

  it('prefers the analysed occurrences of the word', () => {
    const store = new OccurrenceStore();
    const result = { target: { word: 'bank', surface: 'bank', start: 0, end: 4 }, context: 'bank', contextStart: 0, contextEnd: 4 } as unknown as Classification;
    store.replace(document.uri, [{ range: new Range(0, 0, 0, 4) as unknown as vscodeTypes.Range, result, basis: 'k', provisional: false }]);
    assert.deepEqual(plotOccurrences(store, document, 'bank').occurrences, [{ ...result, location: { uri: document.uri.toString(), line: 0, character: 0 } }]);
    assert.equal(plotOccurrences(store, document, 'bass').occurrences.length, 1, 'other words still come from the document');
    store.dispose();
  });

  it("adds the workspace's occurrences from other files, each with its file and place", () => {
    const store = new OccurrenceStore();
    const elsewhere = (uri: string, line: number) => ({ target: { word: 'bank', surface: 'bank', start: 0, end: 4 }, context: 'bank', contextStart: 0, contextEnd: 4, location: { uri, line, character: 0 } });
    const workspace = [elsewhere(document.uri.toString(), 9), elsewhere('file:///ws/other.md', 3)];
    const found = plotOccurrences(store, document, 'bank', workspace).occurrences;
    assert.deepEqual(
      found.map((o) => [o.location?.uri, o.location?.line, o.location?.character]),
      [
        [document.uri.toString(), 2, 14],
        [document.uri.toString(), 2, 38],
        ['file:///ws/other.md', 3, 0],
      ],
      "the editor's text wins over the stored copy of the same file",
    );
    store.dispose();
  });
});

describe('annotations and their basis', () => {
  const document = new FakeTextDocument('We sat on the bank of the river.').asDocument();
  const range = new Range(0, 14, 0, 18) as unknown as vscodeTypes.Range;
  const result = (sense: string, label: string) =>
    ({ target: { word: 'bank', surface: 'bank', start: 14, end: 18 }, winner: { sense, label }, senses: [], margin: 0.1, classifier: { method: 'centroid' } }) as unknown as Classification;
  const river = result('bank_bank_(geography)', 'bank (geography)');
  const money = result('bank_bank', 'bank (financial institution)');

  it("a newer answer replaces the annotation at the same place (hover and annotation agree), and nothing elsewhere", () => {
    const store = new OccurrenceStore();
    let changes = 0;
    store.onDidChange(() => changes++);
    store.replace(document.uri, [{ range, result: money, basis: 'layers 4', provisional: true }]);
    store.refresh(document.uri, { range: new Range(0, 0, 0, 2) as unknown as vscodeTypes.Range, result: river, basis: 'layers 4', provisional: false });
    assert.equal(store.forDocument(document.uri)[0].result, money, 'another place is left alone');
    store.refresh(document.uri, { range, result: river, basis: 'layers 1', provisional: false });
    assert.deepEqual(
      store.forDocument(document.uri).map((o) => [o.result.winner.label, o.basis, o.provisional]),
      [['bank (geography)', 'layers 1', false]],
    );
    assert.equal(changes, 2, 'one change for replace, one for the refresh');
    store.dispose();
  });

  it('inlay hints show the label without the word, and say "(stale)" when the settings changed', async () => {
    const { AnalysisDecorations } = await import('../../src/vscode/analysisDecorations');
    const { EventEmitter } = await import('../fakes/vscode');
    const store = new OccurrenceStore();
    let basis = 'layers 4';
    const settings = new EventEmitter<void>();
    const annotations = new AnalysisDecorations(store, () => basis, settings.event as unknown as vscodeTypes.Event<void>);
    store.replace(document.uri, [{ range, result: river, basis: 'layers 4', provisional: false }]);
    const whole = new Range(0, 0, 1, 0) as unknown as vscodeTypes.Range;
    const labels = () => annotations.provideInlayHints(document, whole).map((h) => h.label);
    assert.deepEqual(labels(), ['→ geography']);
    basis = 'layers 1';
    settings.fire();
    assert.deepEqual(labels(), ['→ geography (stale)']);
    annotations.dispose();
    store.dispose();
  });

  it("the hint's tooltip gives the sense, the margin and the substitutes, escaped", async () => {
    const { AnalysisDecorations } = await import('../../src/vscode/analysisDecorations');
    const { EventEmitter } = await import('../fakes/vscode');
    const store = new OccurrenceStore();
    const annotations = new AnalysisDecorations(store, () => 'k', new EventEmitter<void>().event as unknown as vscodeTypes.Event<void>);
    const withSubstitutes = { ...river, substitutes: [{ word: 'shore', probability: 0.4 }, { word: '*side*', probability: 0.2 }] } as Classification;
    store.replace(document.uri, [{ range, result: withSubstitutes, basis: 'k', provisional: false }]);
    const [hint] = annotations.provideInlayHints(document, new Range(0, 0, 1, 0) as unknown as vscodeTypes.Range);
    const tooltip = (hint.tooltip as { value: string }).value;
    assert.match(tooltip, /^\*\*bank\*\* → \*bank \\\(geography\\\)\* \(margin \d\.\d\d\)$/m);
    assert.match(tooltip, /^BERT would also say: shore, \\\*side\\\*$/m);
    annotations.dispose();
    store.dispose();
  });
});
