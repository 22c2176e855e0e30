/**
 * End-to-end in a browser's extension host: the packaged extension in code-server's web worker
 * extension host (Chromium), as vscode.dev runs it. Run with
 *   E2E_HOST=web E2E_TESTS=test/e2e/web.e2e.ts npm run test:e2e
 * test/e2e/run.sh then sets `remote.extensionKind` to `web` and copies the fixture model and the
 * CoarseWSD-20 word it hovers (bank) into the workspace. Skipped in the default (desktop) run.
 * docs/web.md says what works in the web.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BANK_SENSES, RIVER } from './scenarios';
import { extensionLog, hoverWinner, hoverWord, openFile, plotReady, runCommand, screenshot, statusItem, until, useWorkbench, webviewFrame, wordBox } from './workbench';


let page: Page;

describe('BERT Word Sense in the web worker extension host', { skip: process.env.E2E_HOST !== 'web' && 'run with E2E_HOST=web', timeout: 15 * 60_000 }, () => {
  useWorkbench(
    'web-zz-last',
    (s) => {
      page = s.page;
    },
    { consoleLog: 'browser-console.log' },
  );

  test('activates in the web worker host, not in the server', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    // Only src/web/extension.ts says `web`; the desktop entry says `desktop`.
    const log = await extensionLog(page, /Activated in the \w+ extension host/);
    assert.match(log, /Activated in the web extension host/, log);
    await screenshot(page, 'web-log');
  });

  test('a hover over "bank" gives one of its senses, from the engine\'s Web Worker on WASM', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    const hover = await hoverWord(page, RIVER.anchor, RIVER.word, (text) => hoverWinner(text, 'bank') !== undefined, 180_000);
    await screenshot(page, 'web-hover');
    assert.ok(BANK_SENSES.includes(hoverWinner(hover, 'bank') ?? ''), hover);
    await page.mouse.move(5, 5);
    // Only the web's engine runs onnxruntime-web (src/web/workerScript.ts); the desktop's says nothing of it.
    const log = await extensionLog(page, /onnxruntime-web\s+WASM/);
    assert.match(log, /Loaded [\s\S]*onnxruntime-web\s+WASM/, log);
    await screenshot(page, 'web-log-wasm');
  });

  test('"Plot Senses" opens its panel for bank', async () => {
    await page.mouse.move(5, 5);
    const box = await wordBox(page, RIVER.anchor, RIVER.word);
    await page.mouse.click(box.x, box.y);
    await runCommand(page, 'BERT Word Sense: Plot Senses');
    await page.locator('.tabs-container .tab', { hasText: 'Senses: bank' }).first().waitFor({ timeout: 60_000 });
    // The webview's page ran (its script sets the chart's state) and shows the engine's answer.
    const state = await until('the plot page', async () => (await webviewFrame(page).locator('#chart').getAttribute('data-state', { timeout: 2_000 }).catch(() => null)) ?? undefined, 120_000);
    await screenshot(page, 'web-plot-senses');
    assert.ok(['loading', 'ready', 'error'].includes(state), `chart state: ${state}`);
  });

  test('"Plot Senses" plots the senses of bank', async () => {
    const { points } = await plotReady(page, 'the plot', undefined, 60_000);
    await screenshot(page, 'web-plot-points');
    assert.ok(points > 2, `points: ${points}`);
  });
});
