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
    const found = plotOccurrences(store, document, 'bank');
    assert.deepEqual(
      found.map((o) => [o.target.surface, o.context, o.context.slice(o.contextStart, o.contextEnd)]),
      [
        ['Banks', 'We sat on the Banks of the river.', 'Banks'],
        ['bank', 'The bank raised its rates; bankers smiled.', 'bank'],
      ],
    );
    assert.deepEqual(plotOccurrences(store, document, 'bass').map((o) => o.context), ['He plays the bass.']);
    assert.deepEqual(plotOccurrences(store, document, 'crane'), []);
    assert.deepEqual(plotOccurrences(store, undefined, 'bank'), [], 'no document');
    store.dispose();
  });

  it('prefers the analysed occurrences of the word', () => {
    const store = new OccurrenceStore();
    const result = { target: { word: 'bank', surface: 'bank', start: 0, end: 4 }, context: 'bank', contextStart: 0, contextEnd: 4 } as unknown as Classification;
    store.replace(document.uri, [{ range: new Range(0, 0, 0, 4) as unknown as vscodeTypes.Range, result, basis: 'k', provisional: false }]);
    assert.deepEqual(plotOccurrences(store, document, 'bank'), [result]);
    assert.equal(plotOccurrences(store, document, 'bass').length, 1, 'other words still come from the document');
    store.dispose();
  });
});
