/**
 * "Analyze Selection" on the fake `vscode` module with a fake engine: what the user is told when
 * the selection has more occurrences than one run takes.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { FakeTextDocument } from '../fakes/textDocument';
import { fake, window } from '../fakes/vscode';
import { analyzeSelection } from '../../src/vscode/commands/analyzeSelection';
import type { EngineHost } from '../../src/vscode/engineHost';
import { OccurrenceStore } from '../../src/vscode/occurrences';
import { inventory } from '../../src/vscode/wordInventory';
import type { Classification, WordSenseService } from '../../src/senses/types';

/** A service that, like the engine, classifies the first `maxOccurrences` targets. */
function service(maxOccurrences: number): WordSenseService {
  const classifyAll = async (text: string) =>
    inventory
      .findAll(text)
      .slice(0, maxOccurrences)
      .map((target) => ({ target }) as unknown as Classification);
  return { words: inventory.words, numLayers: 4, maxOccurrences, classifyAll } as unknown as WordSenseService;
}

function host(svc: WordSenseService): EngineHost {
  return {
    service: async () => svc,
    ensureLoaded: async () => true,
    settings: { model: 'test', dtype: 'fp32', vector: { layers: 4, pooling: 'sum' }, classifier: { method: 'centroid' }, maxExamplesPerSense: 100, completeIndexInBackground: false, wordnetInAnalysis: false },
    vectorFor: () => ({ layers: 4, pooling: 'sum' }),
    fail: (what: string, error: unknown) => assert.fail(`${what}: ${String(error)}`),
  } as unknown as EngineHost;
}

describe('Analyze Selection', () => {
  beforeEach(() => fake.reset());

  const analyze = async (text: string, maxOccurrences: number) => {
    const document = new FakeTextDocument(text);
    window.activeTextEditor = { document, selection: { isEmpty: true } };
    const store = new OccurrenceStore();
    await analyzeSelection(host(service(maxOccurrences)), store);
    return store.forDocument(document.uri as never).length;
  };

  it('says when the document has more occurrences than one run takes', async () => {
    assert.equal(await analyze('The bank. The bass. The bank. The bass. The bank.', 3), 3);
    assert.deepEqual(
      fake.messages.map((m) => [m.kind, m.message]),
      [['warning', 'BERT Word Sense: analyzed only the first 3 of the 5 occurrences in the document (at most 3 per run). Select the rest and run Analyze Selection again.']],
    );
  });

  it('stays quiet (a status bar message) when every occurrence was analyzed', async () => {
    assert.equal(await analyze('The bank. The bass.', 3), 2);
    assert.deepEqual(fake.messages, []);
  });
});
