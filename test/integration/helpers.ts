import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
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
