/**
 * End-to-end: what a window reload keeps. The plot restored after a reload still has your
 * occurrences (found again in their document), Analyze Selection's annotations come back by
 * themselves, and once the document's text changed they are said to be cleared. Also pictures of
 * the plot at a narrow and a wide panel. Run with
 * `E2E_TESTS=test/e2e/reload.e2e.ts npm run test:e2e` (test/e2e/run.sh prepares everything).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  clearNotifications,
  env,
  focusEditor,
  inlayHintTexts,
  notificationCenter,
  openFile,
  plotReady,
  progressToastsGone,
  reloadWindow,
  runCommand,
  screenshot,
  sleep,
  statusItem,
  until,
  useWorkbench,
  webviewFrame,
  wordBox,
} from './workbench';

/** notes.md: its paragraph and the two occurrences of "bank" in it. */
const NOTES_ANCHOR = 'Our cabin is located downstream';
/** Text that ends with the first "bank" (its annotation follows it on the line). */
const RIVER = 'downstream of the dam, on the left bank';
const NOTES_TARGETS = 2;

let page: Page;

async function annotations(what: string): Promise<string[]> {
  let seen: string[] = [];
  return until(what, async () => {
    seen = (await inlayHintTexts(page)).filter((t) => t.includes('→'));
    return seen.length >= NOTES_TARGETS ? seen : undefined;
  }, 180_000).catch(async (error: Error) => {
    await screenshot(page, 'reload-annotations-failed');
    throw new Error(`${error.message}; hints seen: ${JSON.stringify(seen)}`);
  });
}

/** Pictures of the plot's panel (the iframe) at the current size, with the chart's width in the log. */
async function plotPicture(name: string): Promise<number> {
  await sleep(1_500); // the chart's animation
  const width = await webviewFrame(page).locator('#chart').evaluate((el) => el.clientWidth);
  await page.locator('iframe.webview.ready').first().screenshot({ path: join(env('E2E_SCREENSHOTS'), `${name}.png`) });
  return width;
}

describe('a window reload', { timeout: 15 * 60_000 }, () => {
  useWorkbench('reload-last', (s) => {
    page = s.page;
  });

  /** Yours in the plot before the reload: notes.md's 2, and those of earlier test files' documents when they ran first. */
  let yours = 0;
  const yoursIn = (summary: string): number => Number(/\b(\d+) of yours\b/.exec(summary)?.[1] ?? 0);

  test('Analyze Selection, then Plot Senses: at least 2 of yours', async () => {
    await openFile(page, 'notes.md', NOTES_ANCHOR);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+a');
    await runCommand(page, 'BERT Word Sense: Analyze Selection');
    assert.equal((await annotations('the annotations')).length, NOTES_TARGETS);
    await progressToastsGone(page);

    const box = await wordBox(page, RIVER, 'bank');
    await page.mouse.click(box.x, box.y); // the word under the cursor is the one plotted
    await runCommand(page, 'BERT Word Sense: Plot Senses');
    await page.locator('.tabs-container .tab', { hasText: 'Senses: bank' }).first().waitFor({ timeout: 60_000 });
    const summary = (await plotReady(page)).summary;
    yours = yoursIn(summary);
    assert.ok(summary.startsWith('bank: ') && yours >= 2, summary);
  });

  test('pictures of the plot in a narrow and a wide panel', async () => {
    const narrow = await plotPicture('plot-narrow');
    // The plot beside the editor takes half the editor area: a wider window widens it.
    await page.setViewportSize({ width: 2700, height: 860 });
    const wide = await until('the wide chart', async () => {
      const width = await webviewFrame(page).locator('#chart').evaluate((el) => el.clientWidth);
      return width > narrow + 400 ? width : undefined;
    }, 30_000);
    await plotPicture('plot-wide');
    await page.setViewportSize({ width: 1400, height: 860 });
    console.log(`plot pictures: chart ${narrow} px and ${wide} px wide`);
  });

  test('the plot restored after a window reload still has all of yours; the annotations are back', async () => {
    await reloadWindow(page);
    const tab = page.locator('.tabs-container .tab', { hasText: 'Senses: bank' }).first();
    await tab.waitFor({ timeout: 60_000 });
    await tab.click();
    const summary = (await plotReady(page)).summary;
    assert.equal(yoursIn(summary), yours, summary);
    assert.doesNotMatch(summary, /no longer in/, summary);
    await screenshot(page, 'reload-plot');

    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).first().click();
    const hints = await annotations('the annotations after the reload');
    assert.equal(hints.length, NOTES_TARGETS, JSON.stringify(hints));
    await screenshot(page, 'reload-annotations');
  });

  test('once the text changed, the next reload says the annotations were cleared; the plot still finds yours', async () => {
    await clearNotifications(page);
    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).first().click();
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nA line written after the analysis.');
    await page.keyboard.press('ControlOrMeta+s');
    await sleep(1_000);
    await reloadWindow(page);
    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).first().click();
    const cleared = await until('the cleared message', async () => {
      const texts = await notificationCenter(page);
      return texts.find((t) => /annotations of notes\.md were cleared/.test(t));
    }, 120_000);
    assert.match(cleared, /its text changed since Analyze Selection ran/);
    await page.keyboard.press('Escape');
    assert.deepEqual((await inlayHintTexts(page)).filter((t) => t.includes('→')), [], 'no annotation of the old text');

    const tab = page.locator('.tabs-container .tab', { hasText: 'Senses: bank' }).first();
    await tab.click();
    const summary = (await plotReady(page)).summary;
    assert.equal(yoursIn(summary), yours, `the occurrences did not move: ${summary}`);
  });
});
