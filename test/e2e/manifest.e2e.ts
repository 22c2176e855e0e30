/**
 * End-to-end: the manifest's `when` clauses and settings sections in a real VS Code (code-server).
 * Commands show only where they apply: the taught-sense commands once something is taught, the
 * text-editor commands with an editor, and the editor context menu's entries in the languages of
 * `bertWordSense.languages`. Run with `npm run test:e2e`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  closeAllEditors,
  normalize,
  notifications,
  openFile,
  runCommand,
  screenshot,
  sleep,
  statusItem,
  taughtFile,
  until,
  useWorkbench,
  wordBox,
} from './workbench';

const TEXT = { file: 'menus.txt', anchor: 'The ledger was balanced at noon.', word: 'ledger', notWord: '-- -- --' };
const PYTHON = { file: 'menus.py', anchor: 'ledger = {"total": 12}', word: 'ledger' };
const PREFIX = 'BERT Word Sense: ';
const TAUGHT_COMMANDS = ['Show Taught Senses', 'Rename Taught Sense…', 'Forget Taught Example…', 'Delete Taught Sense…'];
const SECTIONS = ['Model', 'Senses', 'Hovers', 'WordNet', 'Analysis'];

let page: Page;

/** The extension's commands the command palette offers now, without their category. */
async function paletteCommands(): Promise<string[]> {
  const input = page.locator('.quick-input-widget input');
  const labels = page.locator('.quick-input-widget .monaco-list-row .label-name');
  let last: string[] = [];
  // The palette lists the commands known when it opens (right after start-up, the extensions' may
  // not be yet): open it until Select Local Model Folder…, which has no `when`, is listed.
  const all = await until('the palette to list the extension’s commands', async () => {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${PREFIX}`);
    await sleep(1_000);
    last = (await labels.allInnerTexts()).map(normalize);
    await page.keyboard.press('Escape');
    return last.some((t) => t.includes(`${PREFIX}Select Local Model Folder…`)) ? last : undefined;
  }, 60_000, 1_000).catch((error: Error) => assert.fail(`${error.message}; listed: ${last.join(', ')}`));
  return all.filter((t) => t.startsWith(PREFIX)).map((t) => t.slice(PREFIX.length).trim());
}

/** Right-clicks `word` inside `anchor` and returns the context menu's entries. */
async function contextMenuAt(anchor: string, word: string): Promise<string[]> {
  const box = await wordBox(page, anchor, word);
  await page.mouse.click(box.x, box.y, { button: 'right' });
  const items = page.locator('.context-view .monaco-menu .action-label');
  await items.first().waitFor({ state: 'visible', timeout: 10_000 });
  const texts = (await items.allInnerTexts()).map((t) => normalize(t).trim()).filter(Boolean);
  return texts;
}

async function closeMenu(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.context-view .monaco-menu').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

describe('The manifest in VS Code: commands where they apply, settings in sections', { timeout: 10 * 60_000 }, () => {
  before(() => {
    // An earlier test file may have taught senses in this workspace.
    rmSync(taughtFile(), { force: true });
  });
  useWorkbench(
    'manifest-last',
    (s) => {
      page = s.page;
    },
    { closing: () => rmSync(taughtFile(), { force: true }) },
  );

  test('without an editor, the palette offers no editor commands; before anything is taught, no taught-sense command', async () => {
    await closeAllEditors(page);
    const none = await paletteCommands();
    assert.ok(none.includes('Clear Cache'), none.join(', '));
    for (const c of ['Analyze Selection', 'Teach Sense…']) assert.ok(!none.includes(c), `${c} without an editor: ${none.join(', ')}`);

    await openFile(page, TEXT.file, TEXT.anchor);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 }); // activated
    const commands = await paletteCommands();
    for (const c of ['Analyze Selection', 'Teach Sense…', 'Plot Senses']) assert.ok(commands.includes(c), `${c} with a text editor: ${commands.join(', ')}`);
    for (const c of TAUGHT_COMMANDS) assert.ok(!commands.includes(c), `${c} before anything is taught: ${commands.join(', ')}`);
  });

  test('the editor context menu offers Teach Sense… on a word of a text file', async () => {
    await openFile(page, TEXT.file, TEXT.anchor);
    // The cursor off any word first: the right-click itself moves it onto the word.
    const dashes = await wordBox(page, TEXT.notWord, '--');
    await page.mouse.click(dashes.x, dashes.y);
    await sleep(300);
    const menu = await contextMenuAt(TEXT.anchor, TEXT.word);
    await screenshot(page, 'context-menu-text');
    await closeMenu();
    for (const c of ['Teach Sense…', 'Analyze Selection', 'Plot Senses']) assert.ok(menu.includes(c), `${c} in the menu: ${menu.join(', ')}`);
  });

  test('the editor context menu of a Python file has none of the extension’s entries', async () => {
    await openFile(page, PYTHON.file, PYTHON.anchor);
    const box = await wordBox(page, PYTHON.anchor, PYTHON.word);
    await page.mouse.click(box.x, box.y);
    await sleep(300);
    const menu = await contextMenuAt(PYTHON.anchor, PYTHON.word);
    await screenshot(page, 'context-menu-python');
    await closeMenu();
    assert.ok(menu.some((c) => c.startsWith('Command Palette')), `the menu is the editor's: ${menu.join(', ')}`);
    for (const c of ['Teach Sense…', 'Analyze Selection', 'Plot Senses']) assert.ok(!menu.includes(c), `${c} in a Python file: ${menu.join(', ')}`);
  });

  test('once a sense is taught (from the context menu), the palette offers the taught-sense commands', async () => {
    await openFile(page, TEXT.file, TEXT.anchor);
    const box = await wordBox(page, TEXT.anchor, TEXT.word);
    await page.mouse.click(box.x, box.y);
    await sleep(300);
    await contextMenuAt(TEXT.anchor, TEXT.word);
    const item = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Teach Sense…' }).first();
    await item.hover();
    await sleep(500);
    await item.click();
    const create = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'New sense…' }).first();
    await create.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (error: Error) => {
      await screenshot(page, 'teach-from-menu');
      assert.fail(`${error.message.split('\n')[0]}; notifications: ${(await notifications(page)).join(' | ')}`);
    });
    await create.click();
    const input = page.locator('.quick-input-widget input');
    await input.fill('ledger (book)');
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'description' }).waitFor({ state: 'visible', timeout: 10_000 });
    await input.press('Enter');
    await until('the taught sense in word-senses.json', async () => (existsSync(taughtFile()) && readFileSync(taughtFile(), 'utf8').includes('ledger (book)') ? true : undefined), 120_000);

    const commands = await until('the taught-sense commands in the palette', async () => {
      const now = await paletteCommands();
      return TAUGHT_COMMANDS.every((c) => now.includes(c)) ? now : undefined;
    }, 30_000, 500).catch((error: Error) => assert.fail(error.message));
    assert.ok(commands.includes('Rename Taught Sense…'));
  });

  test('the Settings editor shows the extension’s settings in titled sections', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'Preferences: Open User Settings');
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible' });
    await sleep(1_000); // the search box takes the focus once the editor is built
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('@ext:bert-word-sense.bert-word-sense');
    const titles = await until('the section titles', async () => {
      const texts = (await editor.locator('.settings-toc-container .monaco-list-row, .settings-group-title-label').allInnerTexts()).map((t) => normalize(t).trim());
      return SECTIONS.every((s) => texts.some((t) => t.startsWith(s))) ? texts : undefined;
    }, 30_000, 500).catch(async (error: Error) => {
      await screenshot(page, 'settings-sections');
      return assert.fail(error.message);
    });
    await screenshot(page, 'settings-sections');
    assert.ok(titles.length >= SECTIONS.length);
    await page.keyboard.press('Escape');
    await closeAllEditors(page);
  });
});
