import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { SenseEngine } from '../../src/senses/senseEngine';
import type { SenseEngineOptions } from '../../src/senses/types';
import { onnx } from 'onnx-proto';
import { callSettingsOf, runSettings } from '../../src/shared/settings';

export const FIXTURE_MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-uncased');
export const MINI_DATASET = path.resolve(__dirname, '../fixtures/mini-wsd');

/** The paper's recipe: what the engine tests run with unless they say otherwise. */
const PAPER = runSettings({}, 'paper');
/** Its part of `new SenseEngine(…)`. */
export const PAPER_ENGINE = { dtype: PAPER.dtype, contextWindow: PAPER.contextWindow };
/** Its settings of each call. */
export const PAPER_RUN = callSettingsOf(PAPER);

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `bws-${prefix}-`));
}

/** Copies the fixture model so a test can damage its copy. */
export async function copyModel(to: string): Promise<string> {
  await fs.cp(FIXTURE_MODEL, to, { recursive: true });
  return to;
}

/**
 * A sense engine on the fixture model and the mini dataset with the paper's recipe, offline;
 * `options` add to or replace any of that (`cacheDir` is the test's own).
 */
export function fixtureEngine(options: Partial<SenseEngineOptions> & Pick<SenseEngineOptions, 'cacheDir'>): SenseEngine {
  return new SenseEngine({ ...PAPER_ENGINE, model: FIXTURE_MODEL, datasetFolder: MINI_DATASET, allowNetwork: false, ...options });
}

/**
 * Gives a copied model other weights of the same size, keeping the ONNX file's modification time
 * as `cp -p`, `rsync -a` and `tar x` do: its largest initializer (the word embedding table) is
 * reversed in place. Reversing again restores the original.
 */
export async function replaceWeights(onnxPath: string): Promise<void> {
  const bytes = await fs.readFile(onnxPath);
  const { atimeMs, mtimeMs } = await fs.stat(onnxPath);
  const [largest] = onnx.ModelProto.decode(bytes).graph!.initializer!.map((i) => i.rawData!).sort((a, b) => b.length - a.length);
  const at = bytes.indexOf(largest.subarray(0, 4096));
  const table = new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + largest.length)).reverse();
  bytes.set(new Uint8Array(table.buffer), at);
  await fs.writeFile(onnxPath, bytes);
  // In seconds: a Date would round the mtime to whole milliseconds.
  await fs.utimes(onnxPath, atimeMs / 1000, mtimeMs / 1000);
}
