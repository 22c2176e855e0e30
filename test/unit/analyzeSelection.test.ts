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
import type { Classification, EngineCalls, WordNetRanking } from '../../src/shared/engineProtocol';
import type { EngineClient } from '../../src/vscode/engineClient';
import { WordNetSenses } from '../../src/senses/wordnet';
import { hintGloss, WordNetAnnotations } from '../../src/vscode/wordnetAnnotations';
import { isCancellation } from '../../src/shared/errors';

/**
 * Stand-in WordNet: the real `rankConfident` over a fake `rankSpan` where every word has two
 * senses; words starting with "u" come out uncertain, words starting with "o" have a single sense.
 */
const wordnet: WordNetSenses = Object.assign(Object.create(WordNetSenses.prototype) as WordNetSenses, {
  rankSpan: async (text: string, span: { start: number; end: number }) => {
    const surface = text.slice(span.start, span.end);
    const sense = { synset: '00000001n', lemma: surface, pos: 'n', senseNumber: 1, senseKey: undefined, gloss: `gloss of ${surface}`, synonyms: [], score: 0.5 };
    const senses = surface.startsWith('o') ? [sense] : [sense, { ...sense, synset: '00000002n', score: 0.4 }];
    return { surface, start: span.start, end: span.end, lemma: surface, pos: 'n', taggedPos: 'n', senses, margin: 0.1, uncertain: surface.startsWith('u') } as WordNetRanking;
  },
});

/** An engine that, like the real one, classifies the first `maxOccurrences` targets. */
function engine(maxOccurrences: number): EngineClient {
  const call = async <K extends keyof EngineCalls>(kind: K, params: EngineCalls[K]['params']): Promise<unknown> => {
    if (kind === 'classifyAll') {
      const { text } = params as EngineCalls['classifyAll']['params'];
      const all = inventory.findAll(text);
      return { results: all.slice(0, maxOccurrences).map((target) => ({ target }) as unknown as Classification), found: all.length, maxOccurrences };
    }
    if (kind === 'rankWordNetConfident') {
      const { text, spans, run } = params as EngineCalls['rankWordNetConfident']['params'];
      return wordnet.rankConfident(text, spans, run);
    }
    throw new Error(`unexpected call ${kind}`);
  };
  return { call } as unknown as EngineClient;
}

function host(client: EngineClient, wordnetInAnalysis = false): EngineHost {
  return {
    engine: () => client,
    settings: { engine: { model: 'test', dtype: 'q8' }, run: { vector: { layers: 4, pooling: 'sum' }, classifier: { method: 'centroid' }, maxExamplesPerSense: 100, completeIndexInBackground: false }, wordnetInAnalysis },
    fail: (what: string, error: unknown) => assert.fail(`${what}: ${String(error)}`),
  } as unknown as EngineHost;
}

describe('Analyze Selection', () => {
  beforeEach(() => fake.reset());

  const analyze = async (text: string, maxOccurrences: number) => {
    const document = new FakeTextDocument(text);
    window.activeTextEditor = { document, selection: { isEmpty: true } };
    const store = new OccurrenceStore();
    await analyzeSelection(host(engine(maxOccurrences)), { store });
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

  it('with wordnetInAnalysis, marks the other content words that have ≥ 2 senses and a confident margin', async () => {
    const document = new FakeTextDocument('The bank is near the kernel, an uncertain orbit and green fields.');
    window.activeTextEditor = { document, selection: { isEmpty: true } };
    const store = new OccurrenceStore();
    const annotations = new WordNetAnnotations(() => 'basis', () => ({ dispose() {} }));
    await analyzeSelection(host(engine(10), true), { store, wordnet: annotations });
    assert.deepEqual(store.forDocument(document.uri as never).map((o) => o.result.target.word), ['bank'], 'the dataset word stays a dataset occurrence');
    const marked = annotations.forDocument(document.uri as never).map((a) => document.getText(a.range as never));
    assert.deepEqual(marked, ['kernel', 'green', 'fields'], 'not the dataset word, stop words, uncertain or single-sense words');
    assert.deepEqual(fake.messages, []);
    annotations.dispose();
  });

  it('without wordnetInAnalysis, no WordNet word is ranked', async () => {
    const document = new FakeTextDocument('The kernel and green fields.');
    window.activeTextEditor = { document, selection: { isEmpty: true } };
    const annotations = new WordNetAnnotations(() => 'basis', () => ({ dispose() {} }));
    await analyzeSelection(host(engine(10)), { store: new OccurrenceStore(), wordnet: annotations });
    assert.deepEqual(annotations.forDocument(document.uri as never), []);
    assert.match(fake.messages[0]?.message ?? '', /no word of the sense inventory/);
    annotations.dispose();
  });
});

describe('hintGloss', () => {
  it('keeps the first clause of a gloss and cuts it to fit a hint', () => {
    assert.equal(hintGloss('a small room; a cell in a prison'), 'a small room');
    assert.equal(hintGloss('any small compartment (as in a honeycomb)'), 'any small compartment');
    const long = hintGloss('the choicest or most essential or most vital part of some idea or experience');
    assert.equal(long, 'the choicest or most…');
    assert.equal(hintGloss('pneumonoultramicroscopicsilicovolcanoconiosis'), 'pneumonoultramicroscopicsilic…', 'one long word is cut inside');
  });
});

describe('WordNetSenses.rankConfident', () => {
  it('stops with a cancellation when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(wordnet.rankConfident('green fields', [{ start: 0, end: 5, surface: 'green' }], { vector: { layers: 4, pooling: 'sum' }, signal: controller.signal }), (e: unknown) => isCancellation(e));
  });
});
