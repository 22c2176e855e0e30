/**
 * The workspace's sentences the e2e files point at, and the checks both hosts run on them (the
 * desktop's extension.e2e.ts and taughtView.e2e.ts, the web's web*.e2e.ts).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { hoverWord, plotReady, runCommand, screenshot, sleep, wordBox } from './workbench';

/** bank.txt: the river sense of a CoarseWSD-20 word. */
export const RIVER = { anchor: 'on the left bank of the river', word: 'bank' };
/** bank's senses in CoarseWSD-20. */
export const BANK_SENSES = ['bank (geography)', 'bank (financial institution)'];

/** wordnet.txt: a word that is not in CoarseWSD-20, and a phrase of WordNet's gloss of its first noun sense. */
export const KERNEL = { anchor: 'The kernel of the walnut', word: 'kernel', gloss: 'edible part of a seed' };

/** teach.md: senses of a word no inventory has, and a sentence to hover once they are taught. */
export const TEACH = {
  language: { anchor: 'Python is a popular programming', word: 'Python', label: 'python (language)' },
  snake: { anchor: 'The python swallowed the rabbit', word: 'python', label: 'python (snake)', sentence: 'The python swallowed the rabbit whole in the jungle.' },
  script: { anchor: 'a small python script', word: 'python', sentence: 'I wrote a small python script to rename the files.' },
} as const;

/** The hover over `KERNEL` (wordnet.txt open) ranks WordNet's senses: its text, once checked. */
export async function checkKernelHover(page: Page, timeoutMs: number, shot: string): Promise<string> {
  const text = await hoverWord(page, KERNEL.anchor, KERNEL.word, (t) => t.includes('WordNet'), timeoutMs);
  await sleep(500);
  await screenshot(page, shot);
  assert.match(text, /kernel\s*→\s*kernel \(noun\): [^\n]+ · WordNet/, text);
  assert.ok(text.includes(KERNEL.gloss), `the glosses are listed:\n${text}`);
  assert.match(text, /Margin \d\.\d{3} over sense 2/, text);
  await page.mouse.move(5, 5);
  return text;
}

/** "Plot Senses" on `KERNEL` plots its WordNet synsets with the occurrence. */
export async function checkKernelPlot(page: Page, shot: string): Promise<void> {
  const box = await wordBox(page, KERNEL.anchor, KERNEL.word);
  await page.mouse.click(box.x, box.y);
  await runCommand(page, 'BERT Word Sense: Plot Senses');
  await page.locator('.tabs-container .tab', { hasText: 'Senses: kernel' }).first().waitFor({ timeout: 60_000 });
  const { summary } = await plotReady(page, 'the WordNet plot', (p) => p.summary.startsWith('kernel:'));
  assert.match(summary, /^kernel: \d+ points, \d+ WordNet senses?.*, 1 of yours/, summary);
  await sleep(1_500);
  await screenshot(page, shot);
}
