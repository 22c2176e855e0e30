import { BertEncoder } from '../../src/engine/bertEncoder';
import { Dataset } from '../../src/senses/dataset';
import { targetInput } from '../../src/engine/wordPieces';
import { silentLogger } from '../../src/engine/logger';
const enc = await BertEncoder.load({ model: '/work/shared/models/tiny-bert-uncased', dtype: 'fp32', cacheDir: '/tmp/scratch/cache', allowNetwork: false, logger: silentLogger });
const ds = new Dataset({ folder: '/work/shared/data/coarsewsd20', cacheDir: '/tmp/x', allowNetwork: false, logger: silentLogger });
const data = await ds.load('bass', 'train');
let t = performance.now();
const inputs = data.examples.map(e => targetInput(enc.aligner.pieces(e.sentence), e, enc.special, 128)!);
console.log('tokenize ms', (performance.now() - t).toFixed(0), 'mean len', inputs.reduce((a, i) => a + i.ids.length, 0) / inputs.length);
inputs.sort((a, b) => a.ids.length - b.ids.length);
for (const B of [8, 16, 32, 64]) {
  t = performance.now();
  for (let b = 0; b < inputs.length; b += B) await enc.targetLayers(inputs.slice(b, b + B), 4);
  console.log('B', B, 'forward ms', (performance.now() - t).toFixed(0));
}
