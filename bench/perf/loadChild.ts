/**
 * One fresh process for the model-load measurements (`modelLoad.ts`): loads the engine on a cache
 * folder and answers one hover with the shipped settings, or (`raw`) creates an onnxruntime session
 * from the prepared file alone, or (`head`, for `substitutes.ts`) the prepared model's session and
 * then the MLM head's, as the engine opens them. Prints one JSON line: times and the process's (peak) RSS.
 *
 *   node --import tsx bench/perf/loadChild.ts engine|raw <model> <fp32|q8> <cacheDir> <dataDir> <word>
 *   node --import tsx bench/perf/loadChild.ts head <prepared model file> <its head file>
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ModelDtype } from '../../src/shared/modelLayout';
import { callSettingsOf, runSettings } from '../../src/shared/settings';

const peakRssBytes = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
  const [mode, model, dtype, cacheDir, data, word] = process.argv.slice(2);
  if (mode === 'head') {
    const { nodeRuntime } = await import('../../src/bert/runtimeNode');
    const { defaultThreads } = await import('../../src/bert/bertEncoder');
    const { encoderSettings, headSettings } = await import('../../src/bert/tappedModel');
    const encoder = await nodeRuntime.createSession(model, encoderSettings(defaultThreads(), 'disabled'));
    // Resident, not peak: loading the model peaks above what the head then adds.
    const rssBefore = process.memoryUsage().rss;
    const t = performance.now();
    const { quantized } = (JSON.parse(fs.readFileSync(`${model}.json`, 'utf8')) as { head: { quantized: boolean } }).head;
    const head = await nodeRuntime.createSession(dtype, headSettings(defaultThreads(), 'disabled', quantized));
    const loadMs = performance.now() - t;
    console.log(JSON.stringify({ loadMs, rssBefore, rssAfterLoad: process.memoryUsage().rss }));
    await Promise.all([encoder.release(), head.release()]);
    return;
  }
  if (mode === 'raw') {
    const { RawForward } = await import('./rawForward');
    const t = performance.now();
    const raw = await RawForward.open(model, dtype as ModelDtype, 1, cacheDir);
    const loadMs = performance.now() - t;
    console.log(JSON.stringify({ loadMs, peakRssAfterLoad: peakRssBytes() }));
    await raw.dispose();
    return;
  }
  const { SenseEngine } = await import('../../src/senses/senseEngine');
  const { Inventory } = await import('../../src/shared/inventory');
  const { COARSEWSD20_WORDS } = await import('../../src/senses/dataset');
  // The product's settings (the extension's defaults) with the weights asked for.
  const settings = runSettings({ dtype });
  const engine = new SenseEngine({ model, dtype: settings.dtype, contextWindow: settings.contextWindow, cacheDir, datasetFolder: data, allowNetwork: false });
  let t = performance.now();
  await engine.load();
  const loadMs = performance.now() - t;
  const peakRssAfterLoad = peakRssBytes();
  const text = `The ${word} was mentioned in the report about the river and the old town.`;
  const target = new Inventory(COARSEWSD20_WORDS).findAt(text, 5);
  if (target?.word !== word) throw new Error(`"${word}" is not found in the hover sentence`);
  t = performance.now();
  const result = await engine.classify(text, 5, { ...callSettingsOf(settings), maxExamplesPerSense: 100, completeIndexInBackground: true });
  const hoverMs = performance.now() - t;
  console.log(JSON.stringify({ loadMs, peakRssAfterLoad, hoverMs, indexStage: result?.indexStage, peakRssAfterHover: peakRssBytes() }));
  await engine.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
