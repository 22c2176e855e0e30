import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { project2d } from '../../src/senses/pca';
import type { OccurrenceContext, PlotData, PlotPoint } from '../../src/senses/types';
import {
  lemmaOccurrences,
  senseVector,
  synsetLabel,
  WordNetDatabase,
  wordNetPlotData,
  WordNetSenses,
  type Embedder,
  type PlotSynset,
  type WordNetCandidate,
} from '../../src/senses/wordnet';

const FIXTURE = path.resolve(__dirname, '../fixtures/wordnet-mini');
const v = (...xs: number[]) => Float32Array.from(xs);
const SUM4 = { layers: 4, pooling: 'sum' as const };

function candidate(offset: number, gloss: string, examples: string[], senseNumber: number, tagCount: number, lemma = 'bank'): WordNetCandidate {
  return {
    synset: { offset, pos: 'n', ssType: 'n', lexFile: 17, words: [{ lemma, lexId: 0 }], pointers: [], gloss, examples },
    lemma,
    senseNumber,
    tagCount,
    senseKey: undefined,
    synonyms: [],
  };
}

const byKind = (data: PlotData, sense: string, kind: PlotPoint['kind']) => data.points.filter((p) => p.sense === sense && p.kind === kind);
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

describe('wordNetPlotData on hand-made vectors', () => {
  const river: PlotSynset = {
    candidate: candidate(352, 'sloping land beside a body of water', ['they pulled the canoe up on the bank', 'he sat on the banks of the river'], 1, 25),
    vectors: { gloss: v(1, 0, 0, 0), examples: [v(2, 0.5, 0, 0), v(2, -0.5, 0, 0)] },
  };
  const money: PlotSynset = {
    candidate: candidate(532, 'a financial institution that accepts deposits', [], 2, 20),
    vectors: { gloss: v(0, 1, 0, 0), examples: [] },
  };
  const supply: PlotSynset = {
    candidate: candidate(777, 'a supply held in reserve', ['a bank of spare parts'], 3, 0),
    vectors: { gloss: v(0, 0, 1, 0), examples: [v(0, 0, 2, 1)] },
  };
  const input = {
    word: 'bank',
    synsets: [river, money],
    extra: [supply],
    occurrences: [{ sentence: 'A bank of spare parts.', vector: v(0, 0, 1, 0), winner: supply.candidate }],
    omitted: 4,
    exampleWeight: 0,
    options: SUM4,
  };
  let data: PlotData;
  before(async () => {
    data = await wordNetPlotData(input);
  });

  it('has each synset’s example points, one gloss point and one sense vector, in legend order', () => {
    assert.deepEqual(data.senses.map((s) => s.sense), ['00000352n', '00000532n', '00000777n']);
    assert.equal(data.senses[1].gloss, 'a financial institution that accepts deposits');
    assert.deepEqual(byKind(data, '00000352n', 'train').map((p) => p.sentence), river.candidate.synset.examples);
    assert.equal(byKind(data, '00000532n', 'train').length, 0, 'no example has the lemma');
    for (const sense of ['00000352n', '00000532n', '00000777n']) {
      assert.equal(byKind(data, sense, 'gloss').length, 1);
      assert.equal(byKind(data, sense, 'centroid').length, 1);
    }
    assert.equal(byKind(data, '00000352n', 'gloss')[0].sentence, 'bank: sloping land beside a body of water');
    assert.equal(data.inventory, 'wordnet');
    assert.equal(data.omittedSenses, 4);
    assert.equal(data.maxExamplesPerSense, 0);
    assert.deepEqual(data.options, SUM4);
  });

  it('labels synsets by part of speech, sense number and gloss, and marks the occurrence with its winner', () => {
    assert.equal(data.senses[0].label, 'noun 1: sloping land beside a body of water');
    const [doc] = data.points.filter((p) => p.kind === 'document');
    assert.deepEqual([doc.sense, doc.label, doc.sentence], ['00000777n', data.senses[2].label, 'A bank of spare parts.']);
    // The occurrence's vector is the supply gloss vector: the same place on the plot.
    const gloss = byKind(data, '00000777n', 'gloss')[0];
    assert.ok(near(doc.x, gloss.x) && near(doc.y, gloss.y));
  });

  it('lays the points out with the chosen projection, seeded, without variance on its axes', async () => {
    const tsne = await wordNetPlotData({ ...input, method: 'tsne' });
    assert.equal(tsne.projection.method, 'tsne', tsne.projectionNote);
    assert.equal(tsne.explained, undefined);
    assert.equal(tsne.points.length, data.points.length);
    assert.deepEqual(await wordNetPlotData({ ...input, method: 'tsne' }), tsne, 'the same plot again');
  });

  it('places the sense vector where the recipe says: on the gloss, on the examples’ mean, or between', async () => {
    // Glosses alone (the default recipe): the sense vector is the gloss point.
    const [c0] = byKind(data, '00000352n', 'centroid');
    const [g] = byKind(data, '00000352n', 'gloss');
    assert.ok(near(c0.x, g.x) && near(c0.y, g.y));
    assert.match(c0.sentence, /the gloss vector/);
    // Examples alone: the mean of the example points (PCA is affine).
    const byExamples = await wordNetPlotData({ ...input, exampleWeight: 1 });
    const [c1] = byKind(byExamples, '00000352n', 'centroid');
    const examples = byKind(byExamples, '00000352n', 'train');
    assert.ok(near(c1.x, (examples[0].x + examples[1].x) / 2) && near(c1.y, (examples[0].y + examples[1].y) / 2));
    assert.equal(c1.sentence, 'Sense vector: the mean of 2 examples');
    // A synset without examples keeps its gloss whatever the weight.
    const [m] = byKind(byExamples, '00000532n', 'centroid');
    const [mg] = byKind(byExamples, '00000532n', 'gloss');
    assert.ok(near(m.x, mg.x) && near(m.y, mg.y));
    // 0.25 × mean (2, 0, 0, 0) + 0.75 × gloss (1, 0, 0, 0).
    assert.deepEqual([...senseVector(river.vectors, 0.25)!], [1.25, 0, 0, 0]);
    assert.match((await wordNetPlotData({ ...input, exampleWeight: 0.3 })).points.find((p) => p.kind === 'centroid')!.sentence, /^Sense vector: 0\.3 × the mean of 2 examples \+ 0\.7 × the gloss vector$/);
  });

  it('fits the axes on the most frequent synsets only: occurrences and the synsets they bring do not move them', async () => {
    const alone = await wordNetPlotData({ ...input, extra: [], occurrences: [] });
    const fit = project2d([...river.vectors.examples, river.vectors.gloss!, money.vectors.gloss!], []);
    assert.deepEqual(alone.explained, fit.explained);
    for (const kind of ['train', 'gloss'] as const) {
      assert.deepEqual(byKind(alone, '00000352n', kind).map((p) => [p.x, p.y]), byKind(data, '00000352n', kind).map((p) => [p.x, p.y]));
    }
    assert.deepEqual(alone.senses.length, 2);
  });

  it('names the lemma in labels when several are plotted, and cuts long glosses', () => {
    const saw = candidate(5, 'a hand tool having a toothed blade for cutting', [], 1, 0, 'saw');
    assert.equal(synsetLabel(saw, true), 'saw, noun 1: a hand tool having a toothed blade…');
    assert.equal(synsetLabel(saw, false), 'noun 1: a hand tool having a toothed blade for…');
    assert.equal(synsetLabel(candidate(6, 'x'.repeat(80), [], 2, 0), false), `noun 2: ${'x'.repeat(39)}…`);
  });

  it('gives zeros, not NaN, when the fitted points have fewer than two directions of variance', async () => {
    const lone = await wordNetPlotData({ ...input, synsets: [money], extra: [], occurrences: [] });
    for (const p of lone.points) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
    assert.deepEqual(lone.explained, [0, 0]);
  });
});

describe('WordNetSenses.plot on the mini WordNet with a hand-made embedder', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  /** Water words → x, money words → y, anything else → z; a little of the sentence's length on w, so no two points coincide. */
  const embedder: Embedder = {
    contextWindow: 64,
    modelKey: async () => 'm',
    embedExamples: async (examples) =>
      examples.map((e) => {
        const w = e.sentence.length / 100;
        if (/water|river|canoe|shore|rowed/.test(e.sentence)) return v(1, 0, 0, w);
        if (/deposit|check|cash|money/.test(e.sentence)) return v(0, 1, 0, w);
        return v(0, 0, 1, w);
      }),
  };
  const recipe = { exampleWeight: 0.5, priorWeight: 0, uncertainMargin: 0.05 };

  async function make(): Promise<WordNetSenses> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wn-plot-'));
    dirs.push(dir);
    return new WordNetSenses({ embedder, cacheDir: dir, database: new WordNetDatabase(FIXTURE), recipe });
  }

  const occurrence = (sentence: string, surface: string): OccurrenceContext => {
    const start = sentence.indexOf(surface);
    return { target: { word: 'bank', surface, start, end: start + surface.length }, context: sentence, contextStart: start, contextEnd: start + surface.length };
  };
  const docs = [
    occurrence('She paid the cash into the bank yesterday.', 'bank'),
    occurrence('They rowed to the bank of the river.', 'bank'),
    occurrence('They banked at the river shore.', 'banked'),
    occurrence('She ran home.', 'ran'),
  ];

  it('plots every synset of the lemma, most frequent first, with occurrences classified as the hover classifies them', async () => {
    const senses = await make();
    const data = (await senses.plot('banks', docs, { vector: SUM4 }))!;
    assert.equal(data.word, 'bank');
    assert.deepEqual(data.senses.map((s) => s.sense), ['00000352n', '00000532n', '00000133v'], 'by tag count: 25, 20, 3');
    assert.equal(data.omittedSenses, 0);
    assert.deepEqual(byKind(data, '00000352n', 'train').map((p) => p.sentence), ['they pulled the canoe up on the bank', 'he sat on the banks of the river']);
    assert.deepEqual(byKind(data, '00000532n', 'train').map((p) => p.sentence), ['he cashed a check at the bank']);
    assert.deepEqual(byKind(data, '00000133v', 'train').map((p) => p.sentence), ['Do you bank with this firm?']);
    assert.equal(data.points.filter((p) => p.kind === 'gloss').length, 3);
    assert.equal(data.points.filter((p) => p.kind === 'centroid').length, 3);
    const documents = data.points.filter((p) => p.kind === 'document');
    // "She ran home" is another word: left out.
    assert.deepEqual(documents.map((p) => p.sentence), docs.slice(0, 3).map((d) => d.context));
    for (const [i, p] of documents.entries()) {
      const hover = (await senses.rank(docs[i].context, docs[i].contextStart + 1, { vector: SUM4 }))!;
      assert.equal(p.sense, hover.senses[0].synset, docs[i].context);
    }
    assert.deepEqual(documents.map((p) => p.sense), ['00000532n', '00000352n', '00000133v']);
    for (const p of data.points) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
    assert.ok((data.explained?.[0] ?? 0) > 0);
    await senses.dispose();
  });

  it('keeps the most frequent synsets, counts the others, and brings in those an occurrence was classified as', async () => {
    const senses = await make();
    const alone = (await senses.plot('bank', [], { vector: SUM4, maxSynsets: 1 }))!;
    assert.deepEqual(alone.senses.map((s) => s.sense), ['00000352n']);
    assert.equal(alone.omittedSenses, 2);
    const withMoney = (await senses.plot('bank', docs.slice(0, 1), { vector: SUM4, maxSynsets: 1 }))!;
    assert.deepEqual(withMoney.senses.map((s) => s.sense), ['00000352n', '00000532n']);
    assert.equal(withMoney.omittedSenses, 1);
    assert.equal(byKind(withMoney, '00000532n', 'train').length, 1, 'the synset comes with its examples');
    await senses.dispose();
  });

  it('limits the synsets to a part of speech, though occurrences are still tagged as the hover tags them', async () => {
    const senses = await make();
    const verbs = (await senses.plot('bank', docs.slice(1, 3), { vector: SUM4, pos: 'v' }))!;
    assert.deepEqual(verbs.senses.map((s) => s.sense), ['00000133v', '00000352n']);
    assert.deepEqual(verbs.points.filter((p) => p.kind === 'document').map((p) => p.sense), ['00000352n', '00000133v']);
    await senses.dispose();
  });

  it('is undefined for a word WordNet lacks, and rejects a bad limit', async () => {
    const senses = await make();
    assert.equal(await senses.plot('zebra', docs, { vector: SUM4 }), undefined);
    await assert.rejects(senses.plot('bank', [], { vector: SUM4, maxSynsets: -1 }), RangeError);
    await senses.dispose();
  });
});

describe('lemmaOccurrences', () => {
  it('finds every inflection of the lemma in its sentence, and nothing else', () => {
    const text = 'Run fast.\nShe ran home; he runs.  Running is fun, a rung is not.\n\nThe runner’s run’s end.';
    const { occurrences: found, found: count } = lemmaOccurrences(text, new Set(['run']), 10);
    assert.equal(count, 5);
    assert.deepEqual(found.map((o) => o.target.surface), ['Run', 'ran', 'runs', 'Running', 'run’s']);
    for (const o of found) {
      assert.equal(o.target.word, 'run');
      assert.equal(o.context.slice(o.contextStart, o.contextEnd), o.target.surface);
      assert.equal(text.slice(o.target.start, o.target.end), o.target.surface);
    }
    assert.equal(found[1].context, 'She ran home; he runs.');
    assert.deepEqual(lemmaOccurrences(text, new Set(['run']), 2).occurrences.map((o) => o.target.surface), ['Run', 'ran'], 'the first `limit`');
    assert.equal(lemmaOccurrences(text, new Set(['run']), 2).found, 5, 'and how many there are in all');
    assert.deepEqual(lemmaOccurrences(text, new Set(['walk']), 10), { occurrences: [], found: 0 });
  });
});
