import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURE_MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-uncased');
export const MINI_DATASET = path.resolve(__dirname, '../fixtures/mini-wsd');

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `bws-${prefix}-`));
}

/** Copies the fixture model so a test can damage its copy. */
export async function copyModel(to: string): Promise<string> {
  await fs.cp(FIXTURE_MODEL, to, { recursive: true });
  return to;
}
