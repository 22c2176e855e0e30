/**
 * End-to-end: the Taught Senses view in the Explorer, as a user meets it. Empty, it shows its
 * welcome; teaching from the editor fills it (word → sense → example); an example opens where it
 * was taught; an inline action renames a sense; a file written on disk is picked up; the plot's word
 * control lists the taught word. Run with `npm run test:e2e` (see test/e2e/README.md).
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { TEACH } from './scenarios';
import {
  closeAllEditors,
  openFile,
  plotReady,
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

const { language: LANGUAGE, snake: SNAKE } = TEACH;

let page: Page;

/** The Explorer's Taught Senses pane. */
const view = () => taughtPane(page);

async function teach(anchor: string, word: string, label: string): Promise<void> {
  await teachSense(page, anchor, word, { label });
  await until(`"${label}" in word-senses.json`, async () => (taughtText().includes(label) ? true : undefined), 120_000);
}

describe('the Taught Senses view', { timeout: 10 * 60_000 }, () => {
  useWorkbench('zz-taught-view-last', (s) => {
    page = s.page;
  });

  test('shows its welcome, with a Teach Sense link, while nothing is taught', async () => {
    await openFile(page, 'teach.md', LANGUAGE.anchor);
    await statusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    // Senses another test file taught: removed on disk, which the file watcher must pick up.
    rmSync(taughtFile(), { force: true });
    await view().open();
    const welcome = view().pane.locator('.pane-body', { hasText: 'No taught senses yet' });
    await welcome.waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(await welcome.getByRole('button', { name: 'Teach Sense…' }).isVisible(), 'the welcome links the command');
    await screenshot(page, 'taught-view-empty');
  });

  test('teaching from the editor fills it: word → sense → example, and an example opens where it was taught', async () => {
    await teach(LANGUAGE.anchor, LANGUAGE.word, LANGUAGE.label);
    await teach(SNAKE.anchor, SNAKE.word, SNAKE.label);
    const texts = await until('the taught word, senses and examples in the view', async () => {
      const t = await view().rowTexts();
      return t.some((r) => r.includes(SNAKE.sentence)) && t.some((r) => r.includes(LANGUAGE.label)) ? t : undefined;
    }, 60_000);
    const at = (text: string) => texts.findIndex((r) => r.includes(text));
    assert.match(texts[at('python')], /^python\s*2 senses$/, texts.join('\n'));
    assert.ok(at('python') < at(SNAKE.label) && at(SNAKE.label) < at(SNAKE.sentence), `order: ${texts.join(' | ')}`);
    assert.match(texts[at(SNAKE.sentence)], /teach\.md:5$/, 'the example names its file and line');
    const stored = readFileSync(taughtFile(), 'utf8');
    assert.match(stored, /"file": "teach\.md"/, `sources are workspace-relative:\n${stored}`);
    await screenshot(page, 'taught-view');

    await closeAllEditors(page);
    await view().row(SNAKE.sentence).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'teach.md' }).waitFor({ timeout: 30_000 });
    // The word is selected in its line: "python" is 6 characters on line 5.
    await page.locator('.part.statusbar .statusbar-item', { hasText: /Ln 5, Col \d+ \(6 selected\)/ }).first().waitFor({ timeout: 15_000 });
  });

  test('an inline action renames a sense', async () => {
    const sense = view().row(SNAKE.label);
    await sense.hover();
    await sense.locator('.actions .action-label[aria-label="Rename Taught Sense…"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await input.inputValue(), SNAKE.label, 'the input starts with the label');
    await input.fill('python (reptile)');
    await input.press('Enter');
    await view().row('python (reptile)').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(readFileSync(taughtFile(), 'utf8').includes('"label": "python (reptile)"'));
    assert.equal(await view().row(SNAKE.label).count(), 0);
  });

  test('a sense written into word-senses.json on disk appears in the view', async () => {
    const json = JSON.parse(readFileSync(taughtFile(), 'utf8')) as { words: Record<string, unknown> };
    json.words.kernel = { senses: { os: { label: 'kernel (operating system)', examples: [{ sentence: 'The kernel schedules every process.' }] } } };
    writeFileSync(taughtFile(), `${JSON.stringify(json, null, 2)}\n`);
    await view().row('kernel (operating system)').waitFor({ state: 'visible', timeout: 60_000 });
  });

  test("the plot's word control lists the taught word, and plots its senses", async () => {
    const word = view().row('python');
    await word.hover();
    await word.locator('.actions .action-label[aria-label="Plot Senses"]').click();
    await page.locator('.tabs-container .tab', { hasText: 'Senses: python' }).first().waitFor({ timeout: 60_000 });
    const frame = webviewFrame(page);
    const { senses } = await plotReady(page, 'the plot of python');
    assert.equal(senses, 2, 'the two taught senses in the legend');
    const options = (await frame.locator('vscode-single-select#word vscode-option').allTextContents()).map((t) => t.trim());
    assert.ok(options.includes('python (taught)'), options.join(', '));
    assert.ok(options.includes('kernel (taught)'), options.join(', '));
    assert.ok(options.includes('bank'), options.join(', '));
    await sleep(1_500);
    await screenshot(page, 'taught-view-plot');
  });
});
