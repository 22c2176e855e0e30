import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { silentLogger } from '../../src/shared/logger';
import type { Example } from '../../src/senses/dataset';
import {
  exampleContexts,
  glossContext,
  lemmaSenses,
  logPriors,
  PosTagger,
  rankScores,
  rankSenses,
  WordNetDatabase,
  WordNetSenses,
  WordNetSenseVectors,
  type Embedder,
} from '../../src/senses/wordnet';
import { wordAt } from '../../src/shared/words';
import { decodeSenseVectors, encodeSenseVectors } from '../../src/senses/wordnet/vectorFile';

const FIXTURE = path.resolve(__dirname, '../fixtures/wordnet-mini');
const v = (...xs: number[]) => Float32Array.from(xs);
const recipe = { exampleWeight: 0.5, priorWeight: 0, uncertainMargin: 0.05 };

describe('WordNet sense ranking on hand-made vectors', () => {
  const river = { vectors: { gloss: v(1, 0, 0), examples: [v(1, 0.2, 0), v(1, -0.2, 0)] }, tagCount: 25 };
  const money = { vectors: { gloss: v(0, 1, 0), examples: [v(0, 1, 0.1)] }, tagCount: 20 };
  const glossOnly = { vectors: { gloss: v(0, 0, 1), examples: [] }, tagCount: 0 };

  it('ranks by gloss and example cosines, best first, with scores in input order', () => {
    const r = rankSenses(v(0.1, 1, 0), [river, money, glossOnly], recipe);
    assert.deepEqual(r.order, [1, 0, 2]);
    assert.ok(r.scores[1] > 0.9);
    assert.equal(r.margin, r.scores[1] - r.scores[0]);
    assert.equal(r.uncertain, false);
  });

  it('scores a synset without examples by its gloss alone, and weighs examples against glosses', () => {
    assert.ok(Math.abs(rankSenses(v(0, 0, 1), [glossOnly, money], recipe).scores[0] - 1) < 1e-6);
    // The target lies on money's example (which leans to z) more than on its gloss.
    const target = v(0, 1, 0.1);
    const onlyGloss = rankSenses(target, [money], { ...recipe, exampleWeight: 0 }).scores[0];
    const onlyExamples = rankSenses(target, [money], { ...recipe, exampleWeight: 1 }).scores[0];
    assert.ok(onlyExamples > onlyGloss);
  });

  it('flags a small margin as uncertain, and the prior breaks a near tie toward the frequent sense', () => {
    const between = v(1, 1.02, 0);
    const plain = rankSenses(between, [river, money], recipe);
    assert.equal(plain.order[0], 1);
    assert.equal(plain.uncertain, true);
    const withPrior = rankSenses(between, [river, money], { ...recipe, priorWeight: 0.2 });
    assert.equal(withPrior.order[0], 0, 'river has the larger tag count');
  });

  it('smooths the prior over the candidates and keeps WordNet order on ties', () => {
    const p = logPriors([3, 0, 1]).map(Math.exp);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.deepEqual(p.map((x) => x.toFixed(3)), ['0.571', '0.143', '0.286']);
    assert.deepEqual(rankScores([0.5, 0.5], [0, 0], recipe).order, [0, 1]);
    assert.throws(() => rankScores([], [], recipe), /No WordNet sense/);
  });
});

describe('WordNet contexts and the sense-vector cache', () => {
  const db = new WordNetDatabase(FIXTURE);
  const dirs: string[] = [];
  after(async () => {
    await db.close();
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  it('encodes the lemma with its gloss, and finds the lemma (or its inflection) in examples', async () => {
    const [river, money] = (await lemmaSenses(db, 'bank', 'n'))!.candidates;
    assert.deepEqual(glossContext(river), { sentence: 'bank: sloping land beside a body of water', start: 0, end: 4, sense: '352' });
    const examples = exampleContexts(river, 'n');
    assert.deepEqual(examples.map((e) => e.sentence.slice(e.start, e.end)), ['bank', 'banks']);
    // "that firm holds the mortgage" does not contain bank: left out.
    assert.deepEqual(exampleContexts(money, 'n').map((e) => e.sentence), ['he cashed a check at the bank']);
    const [depository] = (await lemmaSenses(db, 'depository financial institution', 'n'))!.candidates;
    assert.deepEqual(exampleContexts(depository, 'n'), []);
    assert.equal(glossContext(depository).sentence.slice(0, glossContext(depository).end), 'depository financial institution');
  });

  it('round-trips sense vectors through the file format and rejects damaged files', () => {
    const vectors = new Map([
      [352, { gloss: v(1, 2), examples: [v(3, 4), v(5, 6)] }],
      [532, { gloss: undefined, examples: [v(7, 8)] }],
    ]);
    const bytes = encodeSenseVectors(2, vectors);
    const back = decodeSenseVectors(bytes)!;
    assert.deepEqual([...back.get(352)!.gloss!], [1, 2]);
    assert.deepEqual(back.get(352)!.examples.map((e) => [...e]), [[3, 4], [5, 6]]);
    assert.equal(back.get(532)!.gloss, undefined);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1] ^= 1;
    assert.equal(decodeSenseVectors(flipped), undefined);
    assert.equal(decodeSenseVectors(bytes.subarray(0, 10)), undefined);
  });

  /** Hand-made vectors: water words → x, money words → y, anything else → z. */
  function fakeEmbedder(calls: Example[][], contextWindow = 64, model = 'model'): Embedder {
    return {
      contextWindow,
      modelKey: async () => model,
      embedExamples: async (examples) => {
        calls.push([...examples]);
        return examples.map((e) => (/water|river|canoe|shore/.test(e.sentence) ? v(1, 0, 0) : /deposit|check|cash|money/.test(e.sentence) ? v(0, 1, 0) : v(0, 0, 1)));
      },
    };
  }

  it('builds a lemma’s vectors once, then reads them from disk in a new instance', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wn-vectors-'));
    dirs.push(dir);
    const bank = (await lemmaSenses(db, 'bank', 'n'))!;
    const options = { vector: { layers: 4, pooling: 'sum' as const } };
    const calls: Example[][] = [];
    const first = await new WordNetSenseVectors(fakeEmbedder(calls, 64, 'model-a'), dir, db, silentLogger).get(bank, options);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].length, 2 + 2 + 1, 'two glosses, two river examples, one money example');
    assert.deepEqual([...first.get(352)!.gloss!], [1, 0, 0]);
    const again = await new WordNetSenseVectors(fakeEmbedder(calls, 64, 'model-a'), dir, db, silentLogger).get(bank, options);
    assert.equal(calls.length, 1, 'read from disk');
    assert.deepEqual([...again.get(532)!.examples[0]], [0, 1, 0]);
    await new WordNetSenseVectors(fakeEmbedder(calls, 64, 'model-b'), dir, db, silentLogger).get(bank, options);
    assert.equal(calls.length, 2, 'another model has its own cache');
  });

  it('keys the cache by context window and WordNet content, not by the dict folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wn-key-'));
    dirs.push(dir);
    const copy = async (name: string) => {
      const to = path.join(dir, name);
      await fs.cp(FIXTURE, to, { recursive: true });
      return new WordNetDatabase(to);
    };
    const [installed, moved, other] = await Promise.all([copy('install-1.0'), copy('install-1.1'), copy('other-wordnet')]);
    // Another WordNet: one more gloss word in a file the lemma is not even read from.
    await fs.appendFile(path.join(other.dir, 'data.adv'), 'x');
    const cacheDir = path.join(dir, 'cache');
    const options = { vector: { layers: 4, pooling: 'sum' as const } };
    const calls: Example[][] = [];
    const build = async (wordNet: WordNetDatabase, contextWindow = 64) => {
      const bank = (await lemmaSenses(wordNet, 'bank', 'n'))!;
      const vectors = new WordNetSenseVectors(fakeEmbedder(calls, contextWindow), cacheDir, wordNet, silentLogger);
      await vectors.get(bank, options);
      return vectors.folder(options);
    };
    const first = await build(installed);
    assert.equal(calls.length, 1);
    assert.equal(await build(moved), first, 'the same WordNet in another folder');
    assert.equal(calls.length, 1, 'read from disk');
    assert.notEqual(await build(installed, 128), first, 'another context window');
    assert.equal(calls.length, 2);
    assert.notEqual(await build(other), first, 'another WordNet');
    assert.equal(calls.length, 3);
    await Promise.all([installed, moved, other].map((d) => d.close()));
  });

  it('ranks the senses of a word in a text, with gloss, synonyms, margin and part of speech', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wn-rank-'));
    dirs.push(dir);
    const senses = new WordNetSenses({ embedder: fakeEmbedder([]), cacheDir: dir, database: new WordNetDatabase(FIXTURE), recipe });
    const options = { vector: { layers: 4, pooling: 'sum' as const } };
    const text = 'Notes.\nShe paid the cash into the bank yesterday.';
    const r = (await senses.rank(text, text.indexOf('bank') + 2, options))!;
    assert.equal(r.surface, 'bank');
    assert.equal(r.start, text.indexOf('bank'));
    assert.equal(r.taggedPos, 'n');
    // The tagged part of speech is a prior, not a filter: the verb sense competes, behind the nouns.
    assert.deepEqual(r.senses.map((s) => s.synset), ['00000532n', '00000352n', '00000133v']);
    assert.equal(r.senses[0].gloss, 'a financial institution that accepts deposits');
    assert.deepEqual(r.senses[0].synonyms, ['depository financial institution']);
    assert.equal(r.uncertain, false);
    assert.ok(r.margin > 0.5);
    const verb = (await senses.rank('They banked at the river shore.', 7, options))!;
    assert.equal(verb.lemma, 'bank');
    assert.equal(verb.pos, 'v');
    assert.equal(await senses.rank('the the the', 5, options), undefined);
    await senses.dispose();
  });

  it('finds the word at an offset and its part of speech in context', () => {
    assert.deepEqual(wordAt("the river's bank", 6), { start: 4, end: 11, surface: "river's" });
    assert.deepEqual(wordAt('a bank.', 6), { start: 2, end: 6, surface: 'bank' });
    assert.equal(wordAt('a  b', 2), undefined);
    const tagger = new PosTagger();
    const s = 'He sat on the bank of the river and they banked the money.';
    assert.equal(tagger.posAt(s, s.indexOf('bank'), s.indexOf('bank') + 4), 'n');
    assert.equal(tagger.posAt(s, s.indexOf('banked'), s.indexOf('banked') + 6), 'v');
    assert.equal(tagger.posAt(s, s.indexOf('the'), s.indexOf('the') + 3), undefined);
    // The tagger calls these nouns verbs; the word before gives the second opinion.
    for (const m of ['We watched a tennis match on Sunday.', 'The football match ended late.', 'He won the chess match.', 'Light a match.']) {
      assert.equal(tagger.expectedPos(m, m.indexOf('match'), m.indexOf('match') + 5), 'n', m);
    }
    for (const m of ['Their colours match the walls.', 'They match well.', 'I will match it.']) {
      assert.equal(tagger.expectedPos(m, m.indexOf('match'), m.indexOf('match') + 5), 'v', m);
    }
  });
});

describe('part-of-speech prior', () => {
  it('favours the expected part of speech without filtering the others out', async () => {
    const { posLogPriors, rankScores, POS_WEIGHT } = await import('../../src/senses/wordnet/rank');
    const priors = posLogPriors(['n', 'n', 'v'], 'n');
    assert.deepEqual(priors.slice(0, 2), [0, 0]);
    assert.ok(priors[2] < 0);
    assert.deepEqual(posLogPriors(['n', 'v'], undefined), [0, 0]);
    assert.deepEqual(posLogPriors(['n', 'v'], 'a'), [0, 0]);
    const flat = { exampleWeight: 0, priorWeight: 0, uncertainMargin: 0 };
    // A verb sense clearly closer in BERT's space still wins over the tagger's noun; a close one does not.
    assert.deepEqual(rankScores([0.5, 0.6], [0, 0], flat, posLogPriors(['n', 'v'], 'n')).order, [1, 0]);
    assert.deepEqual(rankScores([0.5, 0.5 + POS_WEIGHT], [0, 0], flat, posLogPriors(['n', 'v'], 'n')).order, [0, 1]);
  });
});

