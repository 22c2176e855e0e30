/**
 * End-to-end on WebGPU: the packaged extension in code-server's web worker extension host, chromium
 * started with a WebGPU adapter (`--enable-unsafe-webgpu`; headless that is SwiftShader, a GPU
 * emulated on the CPU) and the fixture's fp32 model (q8 graphs stay on WASM: src/web/webGpu.ts).
 * Run with
 *   E2E_HOST=web E2E_TESTS=test/e2e/webGpu.e2e.ts npm run test:e2e
 * Skipped in the default (desktop) run. The other files' chromium keeps `--disable-gpu`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BANK_SENSES, RIVER } from './scenarios';
import { env, extensionLog, hoverWinner, hoverWord, openFile, screenshot, useWorkbench } from './workbench';


let page: Page;
/** The remote (machine) settings run.sh wrote, restored after this file. */
let machineSettings: { file: string; text: string } | undefined;

describe('BERT Word Sense on WebGPU in the web worker extension host', { skip: process.env.E2E_HOST !== 'web' && 'run with E2E_HOST=web', timeout: 15 * 60_000 }, () => {
  before(async () => {
    // `dtype` is machine-scoped: in code-server it is read from the remote settings (see run.sh).
    const file = join(dirname(env('E2E_USER_SETTINGS')), '..', 'Machine', 'settings.json');
    const text = readFileSync(file, 'utf8');
    machineSettings = { file, text };
    writeFileSync(file, JSON.stringify({ ...JSON.parse(text), 'bertWordSense.dtype': 'fp32' }, null, 2) + '\n');
  });
  useWorkbench(
    'web-gpu-zz-last',
    (s) => {
      page = s.page;
    },
    { webGpu: true, consoleLog: 'browser-console-webgpu.log', closing: () => machineSettings && writeFileSync(machineSettings.file, machineSettings.text) },
  );

  test('a hover over "bank" gives one of its senses, the model on onnxruntime-web WebGPU', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    const hover = await hoverWord(page, RIVER.anchor, RIVER.word, (text) => hoverWinner(text, 'bank') !== undefined, 300_000);
    await screenshot(page, 'web-gpu-hover');
    assert.ok(BANK_SENSES.includes(hoverWinner(hover, 'bank') ?? ''), hover);
    await page.mouse.move(5, 5);
    // The Output view wraps long lines: `\s` between the words.
    const log = await extensionLog(page, /onnxruntime-web\s+(WebGPU|WASM)/);
    await screenshot(page, 'web-gpu-log');
    // The WASM fallback's reason, if there is one, is the line before: shown when this fails.
    assert.match(log, /Loaded [\s\S]*\(fp32,\s+onnxruntime-web\s+WebGPU/, log);
  });
});

