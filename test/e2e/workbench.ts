/**
 * Playwright helpers for driving VS Code (code-server 4.139 = VS Code 1.139 web) in Debian's chromium.
 * Selectors follow ../shared/guides/vscode-e2e.md. Browser-side code is passed as strings so this
 * file type-checks without the DOM library.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`npm run test:e2e\``);
  return value;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Session {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Starts chromium (PID written for run.sh's cleanup) and opens the workbench on the workspace.
 * `webGpu`: with a WebGPU adapter (headless: SwiftShader, on the CPU) instead of `--disable-gpu`;
 * `args`: more chromium flags (webHub.e2e.ts maps the hub's host names to its own server).
 */
export async function openWorkbench(options: { readonly webGpu?: boolean; readonly args?: readonly string[] } = {}): Promise<Session> {
  const gpu = options.webGpu ? [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu'] : CHROMIUM_ARGS;
  // launchServer exposes the browser's PID, which run.sh uses to stop chromium whatever happens.
  const server = await chromium.launchServer({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [...gpu, ...(options.args ?? [])],
    headless: true,
  });
  const pid = server.process().pid;
  if (pid !== undefined) writeFileSync(join(env('E2E_RUN_DIR'), 'chromium.pid'), `${pid}\n`);
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${env('E2E_URL')}/?folder=${encodeURIComponent(env('E2E_WORKSPACE'))}`);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 90_000 });
  return {
    browser,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
    },
  };
}

/**
 * Opens the workbench before a suite's tests and, after them, takes its last screenshot (`last`)
 * and closes it: call inside `describe`. `opened` gets the session (keep its page); `closing` runs
 * before the browser closes; `consoleLog` names a file of the run folder that gets the browser's
 * console; the other options are `openWorkbench`'s.
 */
export function useWorkbench(
  last: string,
  opened: (session: Session) => void | Promise<void>,
  options: { readonly closing?: () => void | Promise<void>; readonly consoleLog?: string } & Parameters<typeof openWorkbench>[0] = {},
): void {
  let session: Session | undefined;
  before(async () => {
    // Read when the suite starts: a file's own `before` may set them (a getter).
    session = await openWorkbench({ webGpu: options.webGpu, args: options.args });
    // A web worker host logs to the browser's console: kept with the run for a failure's story.
    const consoleLog = options.consoleLog && join(env('E2E_RUN_DIR'), options.consoleLog);
    if (consoleLog) session.page.on('console', (message) => appendFileSync(consoleLog, `${message.type()}: ${message.text()}\n`));
    await opened(session);
  });
  after(async () => {
    if (session) await screenshot(session.page, last);
    await options.closing?.();
    await session?.close();
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = env('E2E_SCREENSHOTS');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) }).catch(() => undefined);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value that is not undefined. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

export const editorLines = (page: Page): Locator => page.locator('.editor-instance .monaco-editor .view-lines').first();

/**
 * Focuses the text editor with a click at the start of its first row on screen. The click goes to the
 * editor's own box, not its lines': those are as tall as the whole text and shifted by the scroll, so
 * their centre can fall on any row, or outside the editor.
 */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.editor-instance .monaco-editor').first().click({ position: { x: 100, y: 8 } });
}

/** Opens a workspace file from the explorer and waits until its text is shown. */
export async function openFile(page: Page, name: string, expectText: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 180_000 });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await until(`the text of ${name}`, async () => {
    const text = normalize(await editorLines(page).innerText());
    return text.includes(expectText) ? true : undefined;
  });
}

export function normalize(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** The status bar item of the extension (text contains "BERT Sense"). */
export function statusItem(page: Page): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: 'BERT Sense' }).first();
}

/** Waits for the status bar item; returns its codicon state (`check`, `error`, `sync`, `circle-outline`). */
export async function statusState(page: Page): Promise<string | undefined> {
  const item = statusItem(page);
  if ((await item.count()) === 0) return undefined;
  const html = await item.innerHTML();
  const match = /codicon-(check|error|sync|circle-outline|loading)/.exec(html);
  return match?.[1] ?? 'unknown';
}

const WORD_BOX_JS = `(({ anchor, word }) => {
  const root = document.querySelector('.editor-instance .monaco-editor .view-lines');
  if (!root) return null;
  for (const line of root.querySelectorAll('.view-line')) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: text.length });
      text += n.textContent;
    }
    text = text.replace(/\\u00a0/g, ' ');
    const at = text.indexOf(anchor);
    if (at < 0) continue;
    const start = at + anchor.indexOf(word);
    const end = start + word.length;
    const locate = (offset) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i].start <= offset) return [nodes[i].node, offset - nodes[i].start];
      }
      return [nodes[0].node, 0];
    };
    const range = document.createRange();
    range.setStart(...locate(start));
    const last = locate(end - 1);
    range.setEnd(last[0], last[1] + 1);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, width: r.width, height: r.height };
  }
  return null;
})`;

/** Screen box of `word` inside the first rendered line containing `anchor` (which contains `word`). */
export async function wordBox(
  page: Page,
  anchor: string,
  word: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  if (!anchor.includes(word)) throw new Error(`anchor "${anchor}" does not contain "${word}"`);
  return until(`"${word}" in "${anchor}" on screen`, async () => {
    const box = (await page.evaluate(`${WORD_BOX_JS}(${JSON.stringify({ anchor, word })})`)) as {
      x: number;
      y: number;
      width: number;
      height: number;
    } | null;
    return box && box.width > 0 ? box : undefined;
  });
}

/** Visible hover contents (VS Code keeps hidden hover widgets in the DOM). */
export const hoverContents = (page: Page): Locator =>
  page.locator('.monaco-hover:not(.hidden) .hover-contents').filter({ visible: true });

/** First rendered paragraph of each visible hover. */
async function hoverTexts(page: Page): Promise<string[]> {
  const hovers = hoverContents(page);
  const n = await hovers.count();
  const texts: string[] = [];
  for (let i = 0; i < n; i++) texts.push(normalize(await hovers.nth(i).innerText().catch(() => '')));
  return texts.filter((t) => t.trim() !== '');
}

/** Moves the mouse away so the next hover is a fresh one; Escape only if needed (it also hides toasts). */
async function closeHover(page: Page): Promise<void> {
  await page.mouse.move(5, 5, { steps: 2 });
  const closed = async () => ((await hoverContents(page).count()) === 0 ? true : undefined);
  if (!(await until('the previous hover to close', closed, 2_000, 100).then(() => true, () => false))) {
    await page.keyboard.press('Escape');
    await until('the previous hover to close', closed, 3_000, 100).catch(() => undefined);
  }
}

/** Moves the mouse onto `word` inside `anchor`, in steps as a hand would. */
async function pointAt(page: Page, anchor: string, word: string): Promise<void> {
  const box = await wordBox(page, anchor, word);
  await page.mouse.move(box.x - 2, box.y, { steps: 5 });
  await page.mouse.move(box.x, box.y, { steps: 5 });
}

/**
 * Hovers `word` (inside `anchor`) until the hover satisfies `accept` (retrying while the model loads);
 * returns the hover text.
 */
export async function hoverWord(
  page: Page,
  anchor: string,
  word: string,
  accept: (text: string) => boolean,
  timeoutMs = 120_000,
): Promise<string> {
  let last = '';
  try {
    return await until(
      `a hover on "${word}" in "${anchor}"`,
      async () => {
        await closeHover(page);
        await pointAt(page, anchor, word);
        const deadline = Date.now() + 8_000;
        while (Date.now() < deadline) {
          last = (await hoverTexts(page)).join('\n---\n');
          if (last && accept(last)) return last;
          await sleep(300);
        }
        return undefined;
      },
      timeoutMs,
      0,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last hover text: ${JSON.stringify(last)}`);
  }
}

/**
 * Hovers `word` once and keeps the mouse still until the hover satisfies `accept`: the hover must
 * turn into the answer by itself (a user does not move away and back).
 */
export async function hoverAndWait(
  page: Page,
  anchor: string,
  word: string,
  accept: (text: string) => boolean,
  timeoutMs = 120_000,
): Promise<string> {
  let last = '';
  await closeHover(page);
  await pointAt(page, anchor, word);
  try {
    return await until(
      `the hover on "${word}" to answer by itself`,
      async () => {
        last = (await hoverTexts(page)).join('\n---\n');
        return last && accept(last) ? last : undefined;
      },
      timeoutMs,
      300,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last hover text: ${JSON.stringify(last)}`);
  }
}

/** The winning label of a sense hover: first line `bank → bank (geography)`. */
export function hoverWinner(text: string, word: string): string | undefined {
  for (const line of text.split('\n')) {
    const match = new RegExp(`^\\s*${word}\\s*→\\s*(.+?)\\s*$`, 'i').exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Runs a command from the command palette by its full title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // No Escape first: in the editor it would drop the selection the command works on.
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  if (!(await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) {
    // The focus may be inside a webview, which does not always pass F1 on: focus the workbench.
    await page.locator('.part.sidebar .composite.title').first().click();
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
  }
  await input.fill(`>${title}`);
  // The row whose label is the title, maybe with a qualifier: "Preferences: Open Remote Settings
  // (127.0.0.1:port)" but not "Preferences: Open Remote Settings (JSON) (…)".
  const quoted = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const exact = new RegExp(`^\\s*${quoted}(\\s+\\((?!JSON\\))[^)]*\\))?\\s*$`);
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/**
 * Reloads the window the way a user does, with "Developer: Reload Window": the workbench shuts
 * down and saves its state first. A bare `page.reload()` is the browser's own reload, which may
 * unload the page before the workbench wrote the last state of an editor (a webview panel then
 * comes back without the state its page saved).
 */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 90_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 90_000 });
}

/**
 * Sets a setting the way a code-server user does, in the Settings editor: the "Remote" tab for
 * machine-scoped settings (a remote window keeps them in `<user-data>/Machine/settings.json`), the
 * "User" tab for the others. Waits for `saved`, else for the editor's short write debounce.
 */
export async function setSetting(
  page: Page,
  tab: 'Remote' | 'User',
  id: string,
  title: string,
  value: string,
  saved?: () => Promise<true | undefined>,
): Promise<void> {
  await runCommand(page, `Preferences: Open ${tab} Settings`);
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible' });
  await sleep(1_000); // the search box takes the focus once the editor is built
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(id);
  const item = editor.locator('.setting-item-contents', { hasText: title }).first();
  await item.waitFor({ state: 'visible' });
  const input = item.locator('input').first();
  await input.fill(value);
  await input.press('Tab');
  if (saved) await until(`${id} to be saved`, saved, 30_000, 250);
  else await sleep(1_500);
  await closeModalEditor(page);
}

/** VS Code 1.139 opens some editors (Settings) in a modal: close it. */
async function closeModalEditor(page: Page): Promise<void> {
  const modal = page.locator('.monaco-modal-editor-block');
  for (let i = 0; i < 5 && (await modal.count()) > 0; i++) {
    if (i < 3) await page.keyboard.press('Escape');
    else await modal.locator('.codicon-close').last().click({ timeout: 2_000 }).catch(() => undefined);
    await modal.first().waitFor({ state: 'detached', timeout: 1_000 }).catch(() => undefined);
  }
}

/** Texts of the visible notification toasts. */
export async function notifications(page: Page): Promise<string[]> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  const n = await toasts.count();
  const texts: string[] = [];
  for (let i = 0; i < n; i++) texts.push(normalize(await toasts.nth(i).innerText().catch(() => '')));
  return texts;
}

/** Closes every editor and editor group (a clean slate for the next test). */
export async function closeAllEditors(page: Page): Promise<void> {
  await closeModalEditor(page);
  await runCommand(page, 'View: Close All Editor Groups');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** Texts of every notification, from the notification center (toasts may be hidden already). */
export async function notificationCenter(page: Page): Promise<string[]> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await runCommand(page, 'Notifications: Show Notifications');
  await center.waitFor({ state: 'visible' });
  const items = center.locator('.notification-list-item');
  const n = await items.count();
  const texts: string[] = [];
  for (let i = 0; i < n; i++) texts.push(normalize(await items.nth(i).innerText().catch(() => '')));
  return texts;
}

/** Waits (up to `timeoutMs`) until no progress toast ("…") is shown; for clean pictures. */
export async function progressToastsGone(page: Page, timeoutMs = 15_000): Promise<void> {
  await until('progress notifications to close', async () => ((await notifications(page)).some((t) => t.includes('…')) ? undefined : true), timeoutMs, 250).catch(
    () => undefined,
  );
}

export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
  await page.keyboard.press('Escape');
}

const DECORATIONS_JS = `(() => {
  const root = document.querySelector('.editor-instance .monaco-editor .view-lines');
  if (!root) return [];
  const out = [];
  const unquote = (c) => {
    if (!c || c === 'none' || c === 'normal') return '';
    try { return JSON.parse(c); } catch { return c.replace(/^["']|["']$/g, ''); }
  };
  for (const line of root.querySelectorAll('.view-line')) {
    // Injected text (inlay-style rendering) is real text in the line.
    for (const m of (line.textContent || '').matchAll(/→[^→]*/g)) out.push('injected:' + m[0]);
  }
  for (const el of root.querySelectorAll('span')) {
    for (const pseudo of ['::before', '::after']) {
      const text = unquote(getComputedStyle(el, pseudo).content);
      if (text) out.push(text);
    }
  }
  return out;
})()`;

/**
 * Texts added by editor decorations (`before`/`after` content): CSS pseudo-element content, which is
 * how VS Code renders `DecorationRenderOptions.after.contentText`.
 */
export async function decorationTexts(page: Page): Promise<string[]> {
  return ((await page.evaluate(DECORATIONS_JS)) as string[]).map(normalize);
}

/** Texts of the inlay hints shown in the active editor, in document order. */
export async function inlayHintTexts(page: Page): Promise<string[]> {
  const texts = (await page.evaluate(`[...document.querySelectorAll(
    '.editor-instance .monaco-editor .view-lines [class*="dyn-rule"], .editor-instance .monaco-editor .view-lines .inlay-hint'
  )].map((e) => e.textContent || '').filter((t) => t.trim() !== '')`)) as string[];
  return texts.map((t) => normalize(t).trim());
}

/**
 * Underlined words of the active editor: decorations with a border are drawn as boxes in the
 * overlay layer under the text, each as wide as its word (the current-line box spans the line).
 */
export async function underlinedWords(page: Page): Promise<number> {
  return (await page.evaluate(`[...document.querySelectorAll('.editor-instance .monaco-editor .view-overlays div div')]
    .filter((e) => parseFloat(getComputedStyle(e).borderBottomWidth) > 0 && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().width < 300).length`)) as number;
}

/**
 * Rendered pieces of the active editor's lines that end right of its visible area (more than a pixel):
 * text pushed off screen. Each as "right edge > limit: text".
 */
export async function textPastRightEdge(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor .overflow-guard');
    if (!editor) return ['no editor'];
    const minimap = editor.querySelector('.minimap');
    const scrollbar = editor.querySelector('.scrollbar.vertical');
    const limit = Math.min(
      editor.getBoundingClientRect().right,
      minimap && minimap.getBoundingClientRect().width > 0 ? minimap.getBoundingClientRect().left : Infinity,
      scrollbar && scrollbar.getBoundingClientRect().width > 0 ? scrollbar.getBoundingClientRect().left : Infinity,
    );
    const out = [];
    for (const span of editor.querySelectorAll('.view-lines .view-line span span')) {
      const r = span.getBoundingClientRect();
      if (r.width > 0 && r.right > limit + 1) out.push(Math.round(r.right) + ' > ' + Math.round(limit) + ': ' + span.textContent);
      for (const pseudo of ['::after', '::before']) {
        const content = getComputedStyle(span, pseudo).content;
        if (content && content !== 'none' && content !== 'normal' && r.right > limit + 1) out.push('pseudo ' + content);
      }
    }
    return out;
  })()`)) as string[];
}

/** The workspace's taught-senses file. */
export const taughtFile = (): string => join(env('E2E_WORKSPACE'), '.vscode', 'word-senses.json');

/** The taught-senses file's text, or '' while there is none. */
export const taughtText = (): string => (existsSync(taughtFile()) ? readFileSync(taughtFile(), 'utf8') : '');

/**
 * Teach Sense… on `word` of the line with `anchor` (`select`: double-clicked, else the cursor put
 * on it), as a new sense with no description or as one already taught.
 */
export async function teachSense(page: Page, anchor: string, word: string, sense: { readonly label: string; readonly existing?: boolean }, select = false): Promise<void> {
  const box = await wordBox(page, anchor, word);
  if (select) await page.mouse.dblclick(box.x, box.y);
  else await page.mouse.click(box.x, box.y);
  await runCommand(page, 'BERT Word Sense: Teach Sense…');
  const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: sense.existing ? sense.label : 'New sense…' }).first();
  await pick.waitFor({ state: 'visible', timeout: 60_000 });
  await pick.click();
  if (sense.existing) return;
  const input = page.locator('.quick-input-widget input');
  await input.fill(sense.label);
  await input.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'description' }).waitFor({ state: 'visible', timeout: 10_000 });
  await input.press('Enter'); // no description
}

/** The Taught Senses pane of the Explorer, its tree rows, and opening it. */
export function taughtPane(page: Page) {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Taught Senses' }) }).first();
  const rows = pane.locator('.pane-body .monaco-list-row');
  return {
    pane,
    rows,
    row: (text: string): Locator => rows.filter({ hasText: text }).first(),
    rowTexts: async (): Promise<string[]> => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
    async open(): Promise<void> {
      const header = pane.locator('.pane-header').first();
      await header.waitFor({ state: 'visible', timeout: 120_000 });
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    },
  };
}

/** The frame inside the active webview. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The active plot as its page shows it: the test hooks of webview/main.ts, #chart[data-state|data-points|data-senses] and the #status summary. */
export interface Plotted {
  readonly points: number;
  readonly senses: number;
  readonly summary: string;
}

/** One look at the active plot: undefined until it is ready with points; a plot error throws with its message. */
async function plotNow(page: Page): Promise<Plotted | undefined> {
  const frame = webviewFrame(page);
  const chart = frame.locator('#chart');
  const state = await chart.getAttribute('data-state', { timeout: 2_000 }).catch(() => null);
  if (state === 'error') throw new Error(`plot error: ${await frame.locator('#status').innerText()}`);
  if (state !== 'ready') return undefined;
  const points = Number(await chart.getAttribute('data-points', { timeout: 2_000 }));
  const senses = Number(await chart.getAttribute('data-senses', { timeout: 2_000 }));
  const summary = await frame.locator('#status').innerText({ timeout: 2_000 });
  return points > 0 ? { points, senses, summary } : undefined;
}

/** Waits until the active plot is ready and `accept`s it (any ready plot by default); a plot error is named in the timeout's message. */
export async function plotReady(page: Page, what = 'the plot', accept: (plot: Plotted) => boolean = () => true, timeoutMs = 180_000): Promise<Plotted> {
  return until(what, async () => {
    const plot = await plotNow(page);
    return plot && accept(plot) ? plot : undefined;
  }, timeoutMs);
}

/** The Output view's editor, in the panel. */
const OUTPUT = '.part.panel .monaco-editor';

/**
 * The extension's log, from its Output view, once it matches `expect` (a string matches ignoring
 * white space, as the view wraps long lines anywhere): a web worker host keeps its logs in the
 * browser, not in the server's log folder.
 */
export async function extensionLog(page: Page, expect: RegExp | string): Promise<string> {
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  let text = '';
  let asked = false;
  try {
    return await until('the extension log', async () => {
      // Asked again while its view is not on screen: once in CI the first ask showed no Output view.
      if (!asked || !(await page.locator(OUTPUT).first().isVisible())) {
        if (asked) {
          console.log('# no Output view on screen after "Show Log": asking again (screenshot extension-log-again.png)');
          await screenshot(page, 'extension-log-again');
        }
        asked = true;
        await runCommand(page, 'BERT Word Sense: Show Log');
        await page.locator(OUTPUT).first().waitFor({ state: 'visible', timeout: 10_000 });
      }
      text = await wholeOutput(page);
      return (typeof expect === 'string' ? squeeze(text).includes(squeeze(expect)) : expect.test(text)) ? text : undefined;
    }, 60_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the log: ${text}`);
  }
}

/**
 * All of the Output view's text, read a page at a time from the top: its editor renders only the rows
 * on screen, so a long log is never in the page at once.
 */
async function wholeOutput(page: Page): Promise<string> {
  // The editor's own box, not its lines': those are as tall as the whole log and shifted by the
  // scroll, so their centre can fall on the panel's title bar.
  await page.locator(OUTPUT).first().click({ timeout: 5_000 });
  await page.keyboard.press('ControlOrMeta+Home');
  const rows = new Map<number, string>();
  for (;;) {
    // The rows two frames on: the editor renders a scroll on the next one.
    const screen = (await page.evaluate(`new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(
      [...document.querySelector(${JSON.stringify(OUTPUT)}).querySelectorAll('.view-line')].map((line) => [parseFloat(line.style.top), line.innerText])))))`)) as [number, string][];
    const before = rows.size;
    for (const [top, row] of screen) rows.set(top, normalize(row));
    if (rows.size === before) break;
    await page.keyboard.press('PageDown');
  }
  return [...rows].sort(([a], [b]) => a - b).map(([, row]) => row).join('\n');
}
