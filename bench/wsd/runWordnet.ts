/**
 * `--inventory wordnet`: CoarseWSD-20 test sentences whose gold sense maps to WordNet
 * (`<data>/wn_mappings.tsv`, 3.0 sense keys looked up in 3.1) are classified among all WordNet
 * noun senses of the word. The recipe (example vs gloss weight, prior weight, uncertain margin) is
 * chosen on validation = train sentences of the mapped senses (at most VALIDATION_PER_SENSE per
 * sense, stratified sample), never test. Reported per word and as the unweighted mean: fine
 * accuracy (exact synset), coarse accuracy (the synset's CoarseWSD-20 sense, see wordnetCoarse.ts),
 * WordNet's first sense and a random sense (expected accuracy), and the CoarseWSD-20 inventory
 * (centroids of the full train split) on the same sentences.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cosine } from '../../src/bert/vectors';
import type { VectorOptions } from '../../src/shared/engineProtocol';
import { classifyVector, sampleIndices, type Example, type SenseEngine } from '../../src/senses';
import { centroid, lemmaSenses, mapSenseKeys, modelCacheKey, readWnMappings, WordNetSenses, type LemmaSenses, type SynsetVectors } from '../../src/senses/wordnet';
import { mean } from '../metrics';
import { markdownTable } from '../report';
import { fullSplit, type Context } from './context';
import { pct } from './markdown';
import type { Report } from './report';
import { coarseAssignment } from './wordnetCoarse';
import { wordNetLatency } from './wordnetLatency';
import { chooseMargin, chooseWeights, decide, type Scored } from './wordnetTune';

/** Validation sentences per mapped sense (the extension's own index cap). */
const VALIDATION_PER_SENSE = 100;

interface WordSetup {
  readonly word: string;
  readonly senses: LemmaSenses;
  readonly vectors: ReadonlyMap<number, SynsetVectors>;
  /** CoarseWSD-20 sense → index of its synset among the candidates. */
  readonly gold: ReadonlyMap<string, number>;
  /** Candidate index → CoarseWSD-20 sense (coarse assignment). */
  readonly coarse: ReadonlyMap<number, string>;
}

export async function runWordnet(ctx: Context, engine: SenseEngine, report: Report): Promise<void> {
  const vector = ctx.run.vector;
  const tsv = path.join(ctx.data, 'wn_mappings.tsv');
  if (!fs.existsSync(tsv)) throw new Error(`--inventory wordnet needs ${tsv} (CoarseWSD-20's WordNet mappings).`);
  const wordnet = new WordNetSenses({ embedder: engine, cacheDir: ctx.cacheDir, modelKey: modelCacheKey(engine, { model: ctx.model, dtype: ctx.settings.dtype, cacheDir: ctx.cacheDir }), logger: ctx.logger });
  const db = wordnet.database;
  try {
    const latency = await wordNetLatency(ctx, engine, vector);
    const mappings = readWnMappings(fs.readFileSync(tsv, 'utf8'));
    const synsetOf = await mapSenseKeys(db, mappings);
    const setups: WordSetup[] = [];
    for (const word of ctx.words) {
      const senses = await lemmaSenses(db, word, 'n');
      if (!senses) throw new Error(`WordNet has no noun "${word}".`);
      const offsets = senses.candidates.map((c) => c.synset.offset);
      const gold = new Map<string, number>();
      for (const m of mappings.filter((m) => m.word === word)) {
        const i = offsets.indexOf(Number(synsetOf.get(m.sense)!.slice(0, 8)));
        if (i < 0) ctx.log(`[wordnet] ${m.sense} maps to ${synsetOf.get(m.sense)}, not a noun synset of "${word}": left out`);
        else gold.set(m.sense, i);
      }
      const byOffset = await coarseAssignment(db, offsets, new Map([...gold].map(([s, i]) => [s, offsets[i]])));
      const coarse = new Map(offsets.flatMap((o, i) => (byOffset.has(o) ? [[i, byOffset.get(o)!] as const] : [])));
      const t = performance.now();
      const vectors = await wordnet.vectors.get(senses, { vector });
      ctx.log(`[wordnet] ${word}: ${offsets.length} noun synsets, ${gold.size} mapped, sense vectors in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      setups.push({ word, senses, vectors, gold, coarse });
    }

    const validation = await Promise.all(setups.map((s) => scoredSplit(ctx, engine, s, 'train', vector)));
    const weights = chooseWeights(validation.map((v) => v.scored));
    const valDecisions = validation.flatMap((v) => decide(v.scored, { ...weights, uncertainMargin: 0 }).map((d, i) => ({ d, right: d.winner === v.scored[i].gold })));
    const uncertainMargin = chooseMargin(valDecisions.map((x) => x.d.margin), valDecisions.map((x) => x.right));
    const recipe = { exampleWeight: weights.exampleWeight, priorWeight: weights.priorWeight, uncertainMargin };
    ctx.log(`[wordnet] validation: example weight ${recipe.exampleWeight}, prior weight ${recipe.priorWeight}, uncertain below ${uncertainMargin.toFixed(4)} (mean accuracy ${pct(weights.accuracy)})`);

    const rows: string[][] = [];
    const perWord: Record<string, unknown>[] = [];
    let flagged = 0;
    let flaggedRight = 0;
    let confidentRight = 0;
    let total = 0;
    for (const setup of setups) {
      const test = await scoredSplit(ctx, engine, setup, 'test', vector);
      const decisions = decide(test.scored, recipe);
      const n = test.scored.length;
      if (n === 0) continue;
      const goldSense = test.examples.map((e) => e.sense);
      const fine = decisions.filter((d, i) => d.winner === test.scored[i].gold).length / n;
      const coarse = decisions.filter((d, i) => setup.coarse.get(d.winner) === goldSense[i]).length / n;
      const first = test.scored.filter((s) => s.gold === 0).length / n;
      const firstCoarse = goldSense.filter((g) => setup.coarse.get(0) === g).length / n;
      const k = setup.senses.candidates.length;
      const randomCoarse = mean(goldSense.map((g) => [...setup.coarse.values()].filter((c) => c === g).length / k));
      const index = await engine.senseIndex(setup.word, { ...ctx.run, vector, maxExamplesPerSense: 0 });
      const coarseWsd = test.vectors.filter((v, i) => classifyVector(index, v, { method: 'centroid' }).winner.sense === goldSense[i]).length / n;
      decisions.forEach((d, i) => {
        const right = d.winner === test.scored[i].gold;
        total++;
        if (d.uncertain) {
          flagged++;
          if (right) flaggedRight++;
        } else if (right) confidentRight++;
      });
      rows.push([setup.word, String(n), String(k), pct(fine), pct(coarse), pct(first), pct(firstCoarse), pct(1 / k), pct(randomCoarse), pct(coarseWsd)]);
      const predicted: Record<string, number> = {};
      for (const d of decisions) {
        const c = setup.senses.candidates[d.winner];
        const key = `${c.senseNumber}:${setup.coarse.get(d.winner) ?? '-'}`;
        predicted[key] = (predicted[key] ?? 0) + 1;
      }
      perWord.push({ word: setup.word, predicted, nTest: n, synsets: k, mapped: setup.gold.size, fine, coarse, firstSense: first, firstSenseCoarse: firstCoarse, random: 1 / k, randomCoarse, coarseWsdInventory: coarseWsd });
    }
    // With one mapped sense every synset is assigned to it and coarse accuracy is 100 % by construction.
    const several = perWord.filter((w) => (w.mapped as number) >= 2);
    for (const [label, words] of [['**mean**', perWord], [`**mean, ${several.length} words with ≥ 2 mapped senses**`, several]] as const) {
      const col = (key: string) => mean(words.map((w) => w[key] as number));
      rows.push([
        label,
        String(words.reduce((a, w) => a + (w.nTest as number), 0)),
        col('synsets').toFixed(1),
        `**${pct(col('fine'))}**`,
        `**${pct(col('coarse'))}**`,
        pct(col('firstSense')),
        pct(col('firstSenseCoarse')),
        pct(col('random')),
        pct(col('randomCoarse')),
        pct(col('coarseWsdInventory')),
      ]);
    }
    const confident = total - flagged;
    report.markdown.push(
      `### WordNet inventory (last ${vector.layers} ${vector.pooling}; all noun synsets of the word compete)\n\n` +
        `Recipe chosen on validation (train sentences of the mapped senses, ≤ ${VALIDATION_PER_SENSE} per sense): example weight ${recipe.exampleWeight}, ` +
        `prior weight ${recipe.priorWeight}, uncertain when the margin < ${uncertainMargin.toFixed(4)} (validation mean fine accuracy ${pct(weights.accuracy)}). ` +
        `Test: ${flagged} of ${total} flagged uncertain (accuracy ${pct(flagged ? flaggedRight / flagged : NaN)}); confident ones: accuracy ${pct(confident ? confidentRight / confident : NaN)}.\n\n` +
        markdownTable(['word', 'n test', 'noun synsets', 'fine acc', 'coarse acc', '1st sense fine', '1st sense coarse', 'random fine', 'random coarse', 'CoarseWSD-20 inventory acc'], rows),
      latency,
    );
    report.json.wordnet = { recipe, validationAccuracy: weights.accuracy, uncertain: { flagged, flaggedRight, confident, confidentRight }, words: perWord };
  } finally {
    await wordnet.dispose();
  }
}

/** The split's sentences whose gold sense maps to a candidate, their vectors, and their cosines to every candidate. */
async function scoredSplit(ctx: Context, engine: SenseEngine, setup: WordSetup, split: 'train' | 'test', vector: VectorOptions) {
  const data = await fullSplit(ctx, setup.word, split);
  const indices = split === 'train' ? sampleIndices(data, VALIDATION_PER_SENSE) : data.examples.map((_, i) => i);
  const chosen: Example[] = indices.map((i) => data.examples[i]).filter((e) => setup.gold.has(e.sense));
  const vectors = await engine.embedExamples(chosen, { vector });
  const kept = chosen.flatMap((e, i) => (vectors[i] ? [{ e, v: vectors[i]! }] : []));
  const synsets = setup.senses.candidates.map((c) => setup.vectors.get(c.synset.offset)!);
  const centroids = synsets.map((s) => centroid(s.examples));
  const tagCounts = setup.senses.candidates.map((c) => c.tagCount);
  const scored: Scored[] = kept.map(({ e, v }) => ({
    exampleCos: centroids.map((c) => c && cosine(v, c)),
    glossCos: synsets.map((s) => s.gloss && cosine(v, s.gloss)),
    tagCounts,
    gold: setup.gold.get(e.sense)!,
  }));
  return { examples: kept.map((k) => k.e), vectors: kept.map((k) => k.v), scored };
}
