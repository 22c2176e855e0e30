/**
 * End-to-end: what a reader sees is plain words. A weak answer says so; a dataset hover shows
 * sense labels, never the dataset's ids, and its training sentences as people write them; WordNet
 * hovers leave out stop words and words of one sense. workspace/human.txt holds the sentences.
 * Run with `E2E_TESTS=test/e2e/human.e2e.ts npm run test:e2e` (run.sh sets the centroid classifier).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { env, hoverContents, hoverWinner, hoverWord, normalize, openFile, screenshot, sleep, until, useWorkbench, wordBox } from './workbench';

/** The fixture model's answer here is weak at the capped and full indexes (margins under 0.02, `npm run cli`); the dataset has no fish. */
const BASS = { anchor: 'He caught a huge bass in the lake', word: 'bass' };
const PROSE = 'She went to feed the giraffe in the park';
/**
 * How long a hover that should not come is waited for. A WordNet hover on the warm engine takes a
 * fraction of a second with the fixture model; the neighbours' hovers before and after show the
 * engine is answering.
 */
const ABSENCE_WINDOW_MS = 5_000;

let page: Page;

/** Visible hover texts, joined. */
async function hoverText(): Promise<string> {
  const hovers = hoverContents(page);
  const texts: string[] = [];
  for (let i = 0; i < (await hovers.count()); i++) texts.push(normalize(await hovers.nth(i).innerText().catch(() => '')));
  return texts.filter((t) => t.trim()).join('\n---\n');
}

/** Rests the mouse on `word` for `ms` and returns every hover text seen meanwhile. */
async function hoversSeenOn(anchor: string, word: string, ms: number): Promise<string[]> {
  await page.mouse.move(5, 5, { steps: 2 });
  await until('the previous hover to close', async () => ((await hoverContents(page).count()) === 0 ? true : undefined), 5_000, 100).catch(() => undefined);
  const box = await wordBox(page, anchor, word);
  await page.mouse.move(box.x - 2, box.y, { steps: 5 });
  await page.mouse.move(box.x, box.y, { steps: 5 });
  const seen: string[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) {
    const text = await hoverText();
    if (text) seen.push(text);
  }
  return seen;
}

describe('Readable hovers', { timeout: 10 * 60_000 }, () => {
  useWorkbench('human-last', async (s) => {
    page = s.page;
    await openFile(page, 'human.txt', BASS.anchor);
    });

  test('a weak dataset answer says so plainly, with labels and readable sentences only', async () => {
    // The first answer comes from a few examples per sense; the capped and full indexes follow.
    const text = await hoverWord(page, BASS.anchor, BASS.word, (t) => hoverWinner(t, 'bass') !== undefined && t.includes('Low confidence'), 240_000);
    await sleep(500);
    await screenshot(page, 'human-low-confidence');
    assert.match(text, /Low confidence: none of the dataset's senses fits well/, text);
    const ids: string[] = Object.values(JSON.parse(readFileSync(join(env('E2E_DATA_DIR'), 'bass', 'classes_map.txt'), 'utf8')));
    for (const id of ids) assert.ok(!text.includes(id), `no sense id ${id} in the hover:\n${text}`);
    assert.doesNotMatch(text, /\b[a-z]+_[a-z(]/, `no id-like text:\n${text}`);
    const sentences = text.split('Nearest training sentences:')[1]?.split('\nVector:')[0] ?? '';
    assert.ok(sentences.trim(), `the nearest sentences are shown:\n${text}`);
    assert.doesNotMatch(sentences, / [.,;:!?](?= |$)| 's | n't /m, `the sentences read as written:\n${sentences}`);
    await page.mouse.move(5, 5);
  });

  test('WordNet hovers skip a stop word and a word of one sense', async () => {
    const isWordNet = (word: string) => (t: string) => new RegExp(`${word}\\s*→ .*· WordNet`).test(t);
    // A neighbour first: WordNet is loaded and answering, so an absence below is not a slow start.
    await hoverWord(page, PROSE, 'park', isWordNet('park'), 180_000);
    for (const word of ['giraffe', 'went']) {
      const seen = await hoversSeenOn(PROSE, word, ABSENCE_WINDOW_MS);
      assert.deepEqual(seen, [], `no hover on "${word}"`);
    }
    // And after: a word not hovered before still gets its hover, so the engine was not stuck.
    const feed = await hoverWord(page, PROSE, 'feed', isWordNet('feed'), 60_000);
    await screenshot(page, 'human-wordnet-heading');
    // The heading names the chosen sense by its gloss, not the lemma alone.
    assert.match(feed.split('\n')[0] ?? '', /feed\s*→\s*feed \((noun|verb)\): \S+/, feed);
    await page.mouse.move(5, 5);
  });
});
