import * as ort from 'onnxruntime-node';
import * as fs from 'node:fs';
import { tapHiddenStates } from '/work/main/src/engine/onnxTap';
import onnxProto from 'onnx-proto'; const { onnx } = onnxProto as any;
const bytes = fs.readFileSync('/work/shared/models/tiny-bert-uncased/onnx/model.onnx');
const tapped = tapHiddenStates(bytes, 4);
// pruned: drop logits output
const m = onnx.ModelProto.decode(tapped.bytes); m.graph!.output = m.graph!.output!.filter(o => o.name !== 'logits');
const pruned = onnx.ModelProto.encode(m).finish();
for (const [name, b] of [['tapped', tapped.bytes], ['pruned', pruned]] as const) {
  for (const threads of [1, 2]) {
  const s = await ort.InferenceSession.create(b, { graphOptimizationLevel: 'all', intraOpNumThreads: threads });
  const B = 16, T = 48;
  const ids = new BigInt64Array(B * T).fill(2000n), mask = new BigInt64Array(B * T).fill(1n);
  const feeds = { input_ids: new ort.Tensor('int64', ids, [B, T]), attention_mask: new ort.Tensor('int64', mask, [B, T]), token_type_ids: new ort.Tensor('int64', new BigInt64Array(B * T), [B, T]) };
  const fetch = tapped.taps.outputs.slice(1);
  await s.run(feeds, fetch);
  let t = performance.now();
  for (let i = 0; i < 10; i++) await s.run(feeds, fetch);
  console.log(name, 'threads', threads, ((performance.now() - t) / 10).toFixed(1), 'ms per batch of', B, 'x', T);
  }
}
