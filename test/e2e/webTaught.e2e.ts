/**
 * End-to-end: taught senses in a browser's extension host (code-server's web worker host, as
 * vscode.dev runs the extension). Teach Sense… from a selection and from the word under the cursor
 * writes the workspace's word-senses.json through `workspace.fs`; the hover, the Taught Senses view
 * and the plot's word control then have the word; rename, forget and delete edit the file; after a
 * window reload the senses are read back. Run with
 *   E2E_HOST=web E2E_TESTS=test/e2e/webTaught.e2e.ts npm run test:e2e
 * Skipped in the default (desktop) run. docs/web.md.
 */
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { TEACH } from './scenarios';
import {
  closeAllEditors,
  env,
  extensionLog,
  hoverWord,
  openFile,
  plotReady,
  reloadWindow,
  screenshot,
  sleep,
  statusItem,
  taughtFile,
  taughtPane,
  taughtText,
  teachSense,
  until,
  useWorkbench,
  webviewFrame,
} from './workbench';

const { language: LANGUAGE, snake: SNAKE, script: SCRIPT } = TEACH;

let page: Page;

/** The Explorer's Taught Senses pane. */
const view = () => taughtPane(page);
const teach = (anchor: string, word: string, sense: { readonly label: string; readonly existing?: boolean }, select: boolean) => teachSense(page, anchor, word, sense, select);

/** An inline action of a row of the view. */
async function inline(text: string, action: string): Promise<void> {
  const target = view().row(text);
  await target.hover();
  await target.locator(`.actions .action-label[aria-label="${action}"]`).click();
}

describe('taught senses in the web worker extension host', { skip: process.env.E2E_HOST !== 'web' && 'run with E2E_HOST=web', timeout: 15 * 60_000 }, () => {
  before(() => rmSync(taughtFile(), { force: true }));
  useWorkbench(
    'web-taught-zz-last',
    (s) => {
      page = s.page;
    },
    { consoleLog: 'browser-console.log' },
  );

  test('Teach Sense… from a selection and from the cursor writes word-senses.json into the workspace', async () => {
    await openFile(page, 'teach.md', LANGUAGE.anchor);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await extensionLog(page, /Activated in the \w+ extension host/), /Activated in the web extension host/);
    await teach(LANGUAGE.anchor, LANGUAGE.word, { label: LANGUAGE.label }, true);
    await until('the language sense in word-senses.json', async () => (taughtText().includes(LANGUAGE.label) ? true : undefined), 120_000);
    await teach(SNAKE.anchor, SNAKE.word, { label: SNAKE.label }, false);
    await teach(SCRIPT.anchor, SCRIPT.word, { label: LANGUAGE.label, existing: true }, false);
    await until('three examples in word-senses.json', async () => (taughtText().includes(SNAKE.sentence) && taughtText().includes(SCRIPT.sentence) ? true : undefined), 120_000);
    const senses = (JSON.parse(taughtText()) as { words: Record<string, { senses: Record<string, { label: string; examples: unknown[] }> }> }).words.python.senses;
    assert.deepEqual(Object.values(senses).map((s) => [s.label, s.examples.length]).sort(), [[LANGUAGE.label, 2], [SNAKE.label, 1]]);
    // The file is written before the lock is released: wait for the release, not a left-behind lock.
    const folder = join(env('E2E_WORKSPACE'), '.vscode');
    await until('no lock or temporary file left in .vscode', async () => (readdirSync(folder).join() === 'word-senses.json' ? true : undefined), 30_000).catch(() => {
      assert.deepEqual(readdirSync(folder), ['word-senses.json'], 'no lock or temporary file is left');
    });
  });

  test('the hover then gives the taught senses of the word', async () => {
    const text = await hoverWord(page, SCRIPT.anchor, SCRIPT.word, (t) => t.includes(LANGUAGE.label) && t.includes(SNAKE.label), 180_000);
    await sleep(500);
    await screenshot(page, 'web-taught-hover');
    assert.match(text, /taught example/, text);
    assert.match(text, /python\s*→\s*python \((language|snake)\)/, text);
    await page.mouse.move(5, 5);
  });

  test('the Taught Senses view lists the word, its senses and examples', async () => {
    await view().open();
    const texts = await until('the taught word in the view', async () => {
      const t = await view().rowTexts();
      return t.some((r) => r.includes(SNAKE.sentence)) && t.some((r) => r.includes(LANGUAGE.label)) ? t : undefined;
    }, 60_000);
    assert.ok(texts.some((r) => /^python\s*2 senses$/.test(r)), texts.join('\n'));
    assert.ok(texts.some((r) => r.includes(SNAKE.sentence) && /teach\.md:5$/.test(r)), texts.join('\n'));
    await screenshot(page, 'web-taught-view');
  });

  test("the plot's word control lists the taught word and plots its senses", async () => {
    await inline('python', 'Plot Senses');
    await page.locator('.tabs-container .tab', { hasText: 'Senses: python' }).first().waitFor({ timeout: 60_000 });
    const frame = webviewFrame(page);
    const { senses } = await plotReady(page, 'the plot of python');
    assert.equal(senses, 2, 'the two taught senses in the legend');
    const options = (await frame.locator('vscode-single-select#word vscode-option').allTextContents()).map((t) => t.trim());
    assert.ok(options.includes('python (taught)'), options.join(', '));
    await sleep(1_500);
    await screenshot(page, 'web-taught-plot');
    await closeAllEditors(page);
  });

  test('rename, forget and delete edit word-senses.json', async () => {
    await inline(SNAKE.label, 'Rename Taught Sense…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('python (reptile)');
    await input.press('Enter');
    await until('the renamed sense in word-senses.json', async () => (taughtText().includes('"label": "python (reptile)"') ? true : undefined), 60_000);
    await view().row('python (reptile)').waitFor({ state: 'visible', timeout: 30_000 });

    await inline(SCRIPT.sentence, 'Forget Taught Example…');
    await until('the forgotten example gone from word-senses.json', async () => (!taughtText().includes(SCRIPT.sentence) ? true : undefined), 60_000);

    await inline('python (reptile)', 'Delete Taught Sense…');
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Delete' }).first().click();
    await until('the deleted sense gone from word-senses.json', async () => (!taughtText().includes('python (reptile)') ? true : undefined), 60_000);
    const senses = (JSON.parse(taughtText()) as { words: Record<string, { senses: Record<string, { label: string; examples: unknown[] }> }> }).words.python.senses;
    assert.deepEqual(Object.values(senses).map((s) => [s.label, s.examples.length]), [[LANGUAGE.label, 1]]);
  });

  test('after a window reload the taught senses are read back from the file', async () => {
    await reloadWindow(page);
    await openFile(page, 'teach.md', LANGUAGE.anchor);
    await view().open();
    await view().row(LANGUAGE.label).waitFor({ state: 'visible', timeout: 120_000 });
    assert.equal(await view().row('python (reptile)').count(), 0);
    const text = await hoverWord(page, SCRIPT.anchor, SCRIPT.word, (t) => t.includes(LANGUAGE.label), 180_000);
    assert.match(text, /taught example/, text);
    await screenshot(page, 'web-taught-reload');
  });
});
