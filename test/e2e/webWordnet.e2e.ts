/**
 * WordNet in the browser's extension host: a hover over a word outside CoarseWSD-20 ranks its
 * WordNet senses, and Plot Senses plots its synsets, from the engine's Web Worker (the tagger and
 * lemmatizer in its bundle, WordNet's dict files read from the extension's folder through the
 * host); a dataset hover lists substitutes. Run with
 *   E2E_HOST=web E2E_TESTS=test/e2e/webWordnet.e2e.ts npm run test:e2e
 * Skipped in the default (desktop) run. docs/web.md.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkKernelHover, checkKernelPlot, KERNEL, RIVER } from './scenarios';
import { closeAllEditors, hoverWinner, hoverWord, openFile, screenshot, useWorkbench } from './workbench';

let page: Page;

describe('WordNet in the web worker extension host', { skip: process.env.E2E_HOST !== 'web' && 'run with E2E_HOST=web', timeout: 15 * 60_000 }, () => {
  useWorkbench('web-wordnet-zz-last', (s) => {
    page = s.page;
  });

  test('a hover over a word outside the dataset ranks its WordNet senses', async () => {
    await openFile(page, 'wordnet.txt', KERNEL.anchor);
    // The engine's first call: the worker starts, the model loads and WordNet's files are read.
    await checkKernelHover(page, 240_000, 'web-wordnet-hover');
  });

  test('"Plot Senses" on that word plots its WordNet synsets with the occurrence', async () => {
    await checkKernelPlot(page, 'web-wordnet-plot');
  });

  test('a hover over a dataset word lists what BERT would also say (substitutes, told apart by the lemmatizer)', async () => {
    // The plot beside it would wrap the editor's lines.
    await closeAllEditors(page);
    await openFile(page, 'bank.txt', RIVER.anchor);
    const text = await hoverWord(page, RIVER.anchor, RIVER.word, (t) => hoverWinner(t, 'bank') !== undefined, 180_000);
    await screenshot(page, 'web-wordnet-substitutes');
    const line = /BERT would also say: ([^\n]+)/.exec(text);
    assert.ok(line, text);
    const words = line[1].split(',').map((w) => w.trim().toLowerCase());
    assert.ok(words.length > 0 && !words.includes('bank') && !words.includes('banks'), line[1]);
    await page.mouse.move(5, 5);
  });
});
