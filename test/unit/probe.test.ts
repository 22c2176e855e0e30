import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isCancellation } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/logger';
import { classifyVector } from '../../src/senses/classify';
import type { WordData } from '../../src/senses/dataset';
import { DEFAULT_PROBE_OPTIONS, probeScores, trainProbe } from '../../src/senses/probe/probe';
import { decodeProbe, encodeProbe, probeKey } from '../../src/senses/probe/probeCache';
import { Probes } from '../../src/senses/probe/probes';
import { trainProbeOffThread } from '../../src/senses/probe/probeTrainer';
import { fitSoftmax, softmaxProbabilities } from '../../src/senses/probe/softmax';
import { buildSenseIndex, type SenseIndex } from '../../src/senses/senseIndex';

const MAJOR = 'bank_bank';
const MINOR = 'bank_bank_(geography)';
const at = (degrees: number) => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];

/**
 * An imbalanced pair on the unit circle: the majority sense spreads over 0°…120° (centroid at
 * 60°), the minority sits tight at −30°…−10° (centroid at −20°). The cosine bisector of the two
 * centroids is at 20°, so the centroid rule gives majority points below 20° to the minority; a
 * line through about −5° separates the senses.
 */
function imbalancedIndex(majority = 49, minority = 7): SenseIndex {
  const points: [string, number[]][] = [
    ...Array.from({ length: majority }, (_, i) => [MAJOR, at((120 * i) / (majority - 1))] as [string, number[]]),
    ...Array.from({ length: minority }, (_, i) => [MINOR, at(-30 + (20 * i) / (minority - 1))] as [string, number[]]),
  ];
  const data: WordData = {
    word: 'bank',
    fingerprint: 'test',
    senses: [MAJOR, MINOR],
    examples: points.map(([sense]) => ({ sentence: 'x bank y', start: 2, end: 6, sense })),
  };
  const means = new Map(points.map(([, v], i) => [i, Float32Array.from(v)]));
  return buildSenseIndex(data, [...means.keys()], means, 2, { layers: 1, pooling: 'sum' });
}

/** Held-out points of the same two distributions, between the training angles. */
const heldOut: [string, Float32Array][] = [
  ...[1, 4, 7, 11, 14, 17, 30, 62, 118].map((d) => [MAJOR, Float32Array.from(at(d))] as [string, Float32Array]),
  ...[-27, -21, -13].map((d) => [MINOR, Float32Array.from(at(d))] as [string, Float32Array]),
];

describe('softmax regression', () => {
  it('fits separable classes and gives probabilities that sum to 1', async () => {
    const x = [at(0), at(10), at(170), at(180), at(90), at(100)].map((v) => Float32Array.from(v));
    const y = [0, 0, 1, 1, 2, 2];
    const w = await fitSoftmax({ x, y, classes: 3 }, { l2: 1e-4, classWeights: [1, 1, 1] });
    x.forEach((v, i) => {
      const p = softmaxProbabilities(w, 3, v);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      assert.equal(p.indexOf(Math.max(...p)), y[i]);
    });
  });

  it('shrinks the weights as L2 grows', async () => {
    const x = [at(0), at(20), at(180), at(200)].map((v) => Float32Array.from(v));
    const size = async (l2: number) => {
      const w = await fitSoftmax({ x, y: [0, 0, 1, 1], classes: 2 }, { l2, classWeights: [1, 1] });
      return Math.hypot(...w.filter((_, i) => i % 3 !== 2));
    };
    assert.ok((await size(1)) < (await size(1e-2)));
  });

  it('rejects labels and class weights that do not match the data', async () => {
    const x = [Float32Array.of(1, 0)];
    await assert.rejects(fitSoftmax({ x, y: [0, 1], classes: 2 }, { l2: 1, classWeights: [1, 1] }), RangeError);
    await assert.rejects(fitSoftmax({ x, y: [0], classes: 2 }, { l2: 1, classWeights: [1] }), RangeError);
  });
});

describe('linear probe', () => {
  it('gets right what the centroid rule gets wrong on an imbalanced pair', async () => {
    const index = imbalancedIndex();
    const probe = await trainProbe(index);
    const centroid = heldOut.filter(([gold, v]) => classifyVector(index, v, { method: 'centroid' }).winner.sense === gold).length;
    const linear = heldOut.filter(([gold, v]) => classifyVector(index, v, { method: 'probe' }, probe).winner.sense === gold).length;
    // The centroid rule loses the majority points at 1°…17° to the minority sense.
    assert.ok(centroid <= heldOut.length - 6, `centroid right on ${centroid} of ${heldOut.length}`);
    assert.equal(linear, heldOut.length);
    const scores = probeScores(probe, Float32Array.from(at(4)));
    assert.ok(Math.abs(scores[0] + scores[1] - 1) < 1e-9 && scores[0] > 0.5);
  });

  it('is deterministic for a fixed seed', async () => {
    const index = imbalancedIndex();
    const a = await trainProbe(index);
    const b = await trainProbe(index);
    assert.deepEqual([...a.weights], [...b.weights]);
    assert.equal(a.l2, b.l2);
    assert.equal(a.classWeighting, b.classWeighting);
    assert.equal(probeKey(index, DEFAULT_PROBE_OPTIONS), probeKey(imbalancedIndex(), DEFAULT_PROBE_OPTIONS));
  });

  it('trains in a worker thread to the same probe as on this thread', async () => {
    const index = imbalancedIndex();
    const here = await trainProbe(index);
    const there = await trainProbeOffThread(index, DEFAULT_PROBE_OPTIONS);
    assert.deepEqual([...there.weights], [...here.weights]);
    assert.deepEqual({ ...there, weights: undefined }, { ...here, weights: undefined });
  });

  it('ends the worker when training is cancelled, rejecting as a cancellation', async () => {
    const controller = new AbortController();
    const training = trainProbeOffThread(imbalancedIndex(2000, 500), DEFAULT_PROBE_OPTIONS, controller.signal);
    controller.abort();
    await assert.rejects(training, (e: unknown) => isCancellation(e));
  });

  it('gives a sense without training vectors probability 0, and a lone sense probability 1', async () => {
    const index = imbalancedIndex();
    const lone = { ...index, senses: [...index.senses, 'bank_other'], senseOf: index.senseOf.map(() => 0) };
    const probe = await trainProbe(lone);
    assert.deepEqual(probeScores(probe, Float32Array.of(0, 1)), [1, 0, 0]);
  });

  it('needs the trained probe to classify with it', () => {
    assert.throws(() => classifyVector(imbalancedIndex(), Float32Array.of(1, 0), { method: 'probe' }), /trained probe/);
  });
});

describe('probe cache', () => {
  it('keys probes by the training set and the options', () => {
    const index = imbalancedIndex();
    const key = probeKey(index, DEFAULT_PROBE_OPTIONS);
    // Another training set: one more majority example, or one relabelled, or other vectors.
    assert.notEqual(probeKey(imbalancedIndex(50), DEFAULT_PROBE_OPTIONS), key);
    const relabelled = index.senseOf.slice();
    relabelled[0] = 1;
    assert.notEqual(probeKey({ ...index, senseOf: relabelled }, DEFAULT_PROBE_OPTIONS), key);
    const moved = index.units.map((u, i) => (i === 3 ? Float32Array.of(u[1], u[0]) : u));
    assert.notEqual(probeKey({ ...index, units: moved }, DEFAULT_PROBE_OPTIONS), key);
    // Other options.
    assert.notEqual(probeKey(index, { ...DEFAULT_PROBE_OPTIONS, seed: 14 }), key);
    assert.notEqual(probeKey(index, { ...DEFAULT_PROBE_OPTIONS, l2: [1e-2] }), key);
    assert.notEqual(probeKey(index, { ...DEFAULT_PROBE_OPTIONS, classWeighting: ['balanced'] }), key);
  });

  it('round-trips a probe and refuses another key or a damaged file', async () => {
    const probe = await trainProbe(imbalancedIndex());
    const text = encodeProbe(probe, 'k1');
    const back = decodeProbe(text, 'k1');
    assert.ok(back);
    assert.deepEqual([...back.weights], [...probe.weights]);
    assert.deepEqual({ ...back, weights: 0 }, { ...probe, weights: 0 });
    assert.equal(decodeProbe(text, 'k2'), undefined);
    assert.equal(decodeProbe(text.slice(0, -5), 'k1'), undefined);
    assert.equal(decodeProbe(text.replace('"version":1', '"version":0'), 'k1'), undefined);
  });

  it('answers with the centroid until the probe is ready, then reads it back instead of retraining', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bws-probe-'));
    try {
      const index = imbalancedIndex();
      const probes = new Probes(folder, silentLogger);
      assert.deepEqual(await probes.resolve(index, { method: 'centroid' }), { classifier: { method: 'centroid' } });
      assert.deepEqual((await probes.resolve(index, { method: 'probe' })).classifier, { method: 'centroid' });
      const trained = await probes.train(index);
      const ready = await probes.resolve(index, { method: 'probe' });
      assert.deepEqual(ready.classifier, { method: 'probe' });
      assert.equal(ready.probe, trained);
      assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.probe.json')).length, 1);

      // A new engine's probes read the file: same weights, nothing trained (the file is the only source).
      const logged: string[] = [];
      const again = new Probes(folder, { ...silentLogger, info: (m) => logged.push(m) });
      const read = await again.resolve(index, { method: 'probe' }, true);
      assert.deepEqual([...read.probe!.weights], [...trained!.weights]);
      assert.deepEqual(logged, []);

      // A grown training set trains a new probe (a second file); the old one answers meanwhile.
      const grown = imbalancedIndex(50);
      assert.equal((await again.resolve(grown, { method: 'probe' })).probe, read.probe);
      await again.train(grown);
      assert.equal(logged.length, 1);
      assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.probe.json')).length, 2);

      // Other options: another file.
      const strong = new Probes(folder, silentLogger, undefined, { ...DEFAULT_PROBE_OPTIONS, l2: [1] });
      await strong.train(index);
      assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.probe.json')).length, 3);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
