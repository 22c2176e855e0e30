/**
 * End-to-end in a browser's extension host: the packaged extension in code-server's web worker
 * extension host (Chromium), as vscode.dev runs it. Run with
 *   E2E_HOST=web E2E_TESTS=test/e2e/web.e2e.ts npm run test:e2e
 * test/e2e/run.sh then sets `remote.extensionKind` to `web` and copies the fixture model into the
 * workspace; the extension reads it through `workspace.fs`. docs/web.md.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { env, hoverWinner, hoverWord, openFile, openWorkbench, runCommand, screenshot, type Session, statusItem, until, webviewFrame, wordBox } from './workbench';

const RIVER = { anchor: 'on the left bank of the river', word: 'bank' };
const BANK_SENSES = ['bank (geography)', 'bank (financial institution)'];

let session: Session;
let page: Page;

describe('BERT Word Sense in the web worker extension host', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    assert.equal(env('E2E_HOST'), 'web', 'run with E2E_HOST=web (test/e2e/run.sh)');
    session = await openWorkbench();
    page = session.page;
    // The web worker host logs to the browser's console: kept with the run for a failure's story.
    const consoleLog = join(env('E2E_RUN_DIR'), 'browser-console.log');
    page.on('console', (message) => appendFileSync(consoleLog, `${message.type()}: ${message.text()}\n`));
  });

  after(async () => {
    if (page) await screenshot(page, 'web-zz-last');
    await session?.close();
  });

  test('activates in the web worker host, not in the server', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    const log = await extensionLog(page, /Activated in the \w+ extension host/);
    assert.match(log, /Activated in the web extension host/, log);
    await screenshot(page, 'web-log');
  });

  test('a hover over "bank" gives one of its senses', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    const hover = await hoverWord(page, RIVER.anchor, RIVER.word, (text) => hoverWinner(text, 'bank') !== undefined, 240_000);
    await screenshot(page, 'web-hover');
    assert.ok(BANK_SENSES.includes(hoverWinner(hover, 'bank') ?? ''), hover);
    await page.mouse.move(5, 5);
  });

  test('"Plot Senses" opens the plot of bank', async () => {
    const box = await wordBox(page, RIVER.anchor, RIVER.word);
    await page.mouse.click(box.x, box.y);
    await runCommand(page, 'BERT Word Sense: Plot Senses');
    await page.locator('.tabs-container .tab', { hasText: 'Senses: bank' }).first().waitFor({ timeout: 60_000 });
    const chart = webviewFrame(page).locator('#chart');
    const points = await until(
      'the plot',
      async () => {
        const state = await chart.getAttribute('data-state', { timeout: 2_000 });
        if (state === 'error') throw new Error(`plot error: ${await webviewFrame(page).locator('#status').innerText()}`);
        const n = state === 'ready' ? Number(await chart.getAttribute('data-points', { timeout: 2_000 })) : 0;
        return n > 0 ? n : undefined;
      },
      180_000,
    );
    await screenshot(page, 'web-plot-senses');
    assert.ok(points > 2, `points: ${points}`);
  });
});

/**
 * The extension's log, from its Output view: a web worker host keeps its logs in the browser, not
 * in the server's log folder.
 */
async function extensionLog(page: Page, expect: RegExp): Promise<string> {
  await runCommand(page, 'BERT Word Sense: Show Log');
  const output = page.locator('.part.panel .output-view .view-lines, .part.panel .monaco-editor .view-lines').first();
  return until('the extension log', async () => {
    const text = (await output.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    return expect.test(text) ? text : undefined;
  }, 30_000);
}
