/**
 * End-to-end: the packaged extension in a real VS Code (code-server), driven by Playwright.
 * Run with `npm run test:e2e` (test/e2e/run.sh prepares code-server, the profile and the workspace).
 *
 * The model is the weak tiny BERT of ../shared/models/tiny-bert-uncased: the sentences of
 * workspace/bank.txt were chosen among those it gets right (see test/e2e/README.md).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  clearNotifications,
  decorationTexts,
  editorLines,
  env,
  hoverContents,
  hoverWinner,
  hoverWord,
  notifications,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  type Session,
  sleep,
  statusItem,
  statusState,
  until,
  webviewFrame,
  wordBox,
} from './workbench';

const RIVER = { anchor: 'on the north bank of the river', word: 'bank', sense: 'bank (geography)' };
const MONEY = { anchor: 'She went to the bank to deposit', word: 'bank', sense: 'bank' };
/** notes.md's paragraph: every CoarseWSD-20 word occurrence in it. */
const NOTES_ANCHOR = 'The village sits on the left bank';
const NOTES_TARGETS = 2;

const isSenseHover = (text: string): boolean => hoverWinner(text, 'bank') !== undefined;

let session: Session;
let page: Page;

describe('BERT Word Sense in VS Code', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    session = await openWorkbench();
    page = session.page;
  });

  after(async () => {
    if (page) await screenshot(page, 'zz-last');
    await session?.close();
  });

  test('activates on a text file and shows its status bar item', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    const state = await statusState(page);
    assert.ok(state && state !== 'error', `status bar state: ${state}`);
  });

  test('hover gives "bank (geography)" by a river and "bank" for money', async () => {
    const river = await hoverWord(page, RIVER.anchor, RIVER.word, isSenseHover, 180_000);
    await screenshot(page, 'hover-river');
    assert.equal(hoverWinner(river, 'bank'), RIVER.sense, `river hover:\n${river}`);
    assert.match(river, /bank \(geography\)/);
    assert.match(river, /Plot senses of 'bank'/i);

    const money = await hoverWord(page, MONEY.anchor, MONEY.word, isSenseHover);
    await screenshot(page, 'hover-money');
    assert.equal(hoverWinner(money, 'bank'), MONEY.sense, `money hover:\n${money}`);
    assert.equal(await statusState(page), 'check');
    await page.mouse.move(5, 5);
  });

  test('"Analyze Selection" decorates every occurrence in a paragraph', async () => {
    await openFile(page, 'notes.md', NOTES_ANCHOR);
    await editorLines(page).click();
    await page.keyboard.press('ControlOrMeta+a');
    await runCommand(page, 'BERT Word Sense: Analyze Selection');
    let seen: string[] = [];
    const decorations = await until(
      'sense decorations',
      async () => {
        seen = await decorationTexts(page);
        const texts = seen.filter((t) => t.includes('→'));
        return texts.length >= NOTES_TARGETS ? texts : undefined;
      },
      120_000,
    ).catch(async (error: Error) => {
      await screenshot(page, 'analyze-selection-failed');
      const html = await editorLines(page).innerHTML().catch(() => '');
      writeFileSync(join(env('E2E_RUN_DIR'), 'analyze-view-lines.html'), html);
      throw new Error(`${error.message}; decoration texts seen: ${JSON.stringify(seen)}`);
    });
    await page.keyboard.press('ArrowDown'); // drop the selection for the picture
    await screenshot(page, 'analyze-selection');
    assert.equal(decorations.length, NOTES_TARGETS, `decorations: ${JSON.stringify(decorations)}`);
    for (const text of decorations) {
      assert.match(text, /→\s*bank( \(geography\))?\s*/, `decoration: ${text}`);
    }
  });

  test('"Plot Senses" opens the plot; layers re-plot; CSV export', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    const box = await wordBox(page, RIVER.anchor, RIVER.word);
    await page.mouse.click(box.x, box.y);
    await runCommand(page, 'BERT Word Sense: Plot Senses');
    // If the command asks for the word, answer "bank".
    const picked = await Promise.race([
      page
        .locator('.tabs-container .tab.active', { hasText: 'Senses: bank' })
        .waitFor({ timeout: 60_000 })
        .then(() => 'tab'),
      page
        .locator('.quick-input-widget .monaco-list-row', { hasText: /^bank/ })
        .first()
        .waitFor({ timeout: 60_000 })
        .then(() => 'pick'),
    ]);
    if (picked === 'pick') {
      await page.locator('.quick-input-widget input').fill('bank');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'Senses: bank' }).waitFor({ timeout: 60_000 });
    }

    const frame = webviewFrame(page);
    const chart = frame.locator('[data-points]').first();
    const plotted = async (): Promise<{ points: number; senses: number; key: string } | undefined> => {
      const state = await chart.getAttribute('data-state', { timeout: 2_000 });
      if (state !== null && state !== 'ready') return undefined;
      const points = Number(await chart.getAttribute('data-points', { timeout: 2_000 }));
      const senses = Number(await chart.getAttribute('data-senses', { timeout: 2_000 }));
      const key = [
        await chart.getAttribute('data-layers', { timeout: 2_000 }),
        await chart.getAttribute('data-pooling', { timeout: 2_000 }),
        points,
      ].join('|');
      return points > 0 ? { points, senses, key } : undefined;
    };
    const first = await until('the plot', plotted, 180_000);
    await sleep(1_000); // let the chart animation settle for the picture
    await screenshot(page, 'plot-senses');

    const maxPerSense = Number(process.env.E2E_MAX_EXAMPLES ?? 100);
    const train = trainingCounts('bank', maxPerSense);
    assert.equal(first.senses, 2, 'two senses of bank in the legend');
    // Training points + one centroid per sense + the document's occurrences (2 in bank.txt).
    const expectedMin = train.reduce((a, b) => a + b, 0);
    assert.ok(
      first.points >= expectedMin && first.points <= expectedMin + 2 + 2,
      `points ${first.points}, training examples ${expectedMin}`,
    );
    const legend = frame.locator('[data-legend-item], .legend-item');
    if ((await legend.count()) > 0) assert.equal(await legend.count(), 2, 'legend entries');

    // Switch layers: the plot is computed again.
    const layersBefore = await chart.getAttribute('data-layers');
    await setLayers(page, 1);
    const second = await until(
      'the re-plot with other layers',
      async () => {
        const p = await plotted();
        return p && p.key !== first.key ? p : undefined;
      },
      120_000,
    );
    assert.notEqual(await chart.getAttribute('data-layers'), layersBefore);
    assert.equal(second.senses, 2);
    await sleep(1_000);
    await screenshot(page, 'plot-layers');

    // CSV export: one row per point plus a header.
    const csvPath = join(env('E2E_WORKSPACE'), 'bank-senses.csv');
    await frame.locator('[data-export="csv"], button:has-text("CSV"), vscode-button:has-text("CSV")').first().click();
    await saveDialog(page, csvPath);
    const csv = await until('the CSV file', async () => (existsSync(csvPath) ? readFileSync(csvPath, 'utf8') : undefined), 30_000);
    const rows = csv.trim().split(/\r?\n/);
    assert.equal(rows.length, second.points + 1, `CSV rows (header + ${second.points} points)`);
  });

  test('a missing model folder gives a clear error; fixing the setting recovers', async () => {
    const settingsFile = env('E2E_USER_SETTINGS');
    const original = readFileSync(settingsFile, 'utf8');
    const missing = join(env('E2E_RUN_DIR'), 'no-such-model');
    const settings = JSON.parse(original) as Record<string, unknown>;
    try {
      writeFileSync(settingsFile, JSON.stringify({ ...settings, 'bertWordSense.model': missing }, null, 2));
      await page.keyboard.press('Escape');
      await openFile(page, 'bank.txt', RIVER.anchor);
      await clearNotifications(page);
      await sleep(1_500); // the settings file watcher
      // The error shows up as a notification (when the settings change or at the next hover).
      const error = await until(
        'an error notification about the model',
        async () => {
          const found = (await notifications(page)).find((t) => /model/i.test(t) && t.includes('no-such-model'));
          if (found) return found;
          await page.mouse.move(5, 5);
          const box = await wordBox(page, RIVER.anchor, RIVER.word);
          await page.mouse.move(box.x, box.y, { steps: 5 });
          await sleep(2_000);
          return undefined;
        },
        90_000,
        0,
      );
      await screenshot(page, 'model-error');
      assert.match(error, /not found|missing|does not exist|has no|no such|cannot find|could not/i, error);
      assert.equal(await statusState(page), 'error');
    } finally {
      writeFileSync(settingsFile, original);
    }
    await clearNotifications(page);
    await sleep(1_500);
    const river = await hoverWord(page, RIVER.anchor, RIVER.word, isSenseHover, 120_000);
    assert.equal(hoverWinner(river, 'bank'), RIVER.sense, river);
    assert.equal(await statusState(page), 'check');
    assert.equal((await hoverContents(page).count()) > 0, true);
  });
});

/** Training examples per sense of `word` in the dataset folder, capped at `max` (0 = no cap). */
function trainingCounts(word: string, max: number): number[] {
  const gold = readFileSync(join(env('E2E_DATA_DIR'), word, 'train.gold.txt'), 'utf8').trim().split(/\r?\n/);
  const counts = new Map<string, number>();
  for (const g of gold) counts.set(g.trim(), (counts.get(g.trim()) ?? 0) + 1);
  return [...counts.values()].map((n) => (max > 0 ? Math.min(n, max) : n));
}

/** Sets the webview's "layers" control. */
async function setLayers(page: Page, layers: number): Promise<void> {
  const frame = webviewFrame(page);
  const control = frame.locator('[data-control="layers"], #layers').first();
  const tag = await control.evaluate((el: { tagName: string }) => el.tagName.toLowerCase());
  if (tag === 'input' || tag === 'vscode-textfield') {
    await control.fill(String(layers));
    await control.press('Enter');
  } else if (tag === 'select') {
    await control.selectOption(String(layers));
  } else {
    // vscode-single-select or a custom element: open it and pick the option.
    await control.click();
    await frame.locator(`vscode-option[value="${layers}"], [role="option"]:text-is("${layers}")`).first().click();
  }
}

/** Answers VS Code's save dialog (the simple file dialog in the browser) with `path`. */
async function saveDialog(page: Page, path: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(path);
  await sleep(300);
  await input.press('Enter');
  // An "already exists, replace?" prompt would need confirming; the file is fresh for each run.
  await sleep(500);
}
