// Screenshots of the dev page in headless Chromium (not shipped):
//   node esbuild.mjs --only=webview && node webview/dev/shoot.mjs [outDir]
// Checks the test hooks, CSP violations, escaping, controls round trip and exports; legend-<width>-<senses>.png
// show the legend beside the toolbox at 500 and 1200 px with four and six senses.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = process.cwd();
const outDir = process.argv[2] ?? '/tmp/plot-shots';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
const server = createServer(async (req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!path.startsWith(root)) return res.writeHead(403).end();
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}/webview/dev/index.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };
try {
  for (const theme of ['dark', 'light']) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    const problems = [];
    page.on('console', (m) => { if ((m.type() === 'error' && !/Failed to load resource/.test(m.text())) || /Content.Security/i.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await page.goto(`${base}?theme=${theme}`);
    await page.waitForSelector('#chart[data-state="ready"]', { timeout: 10000 });
    await page.waitForTimeout(1200);
    const attrs = await page.$eval('#chart', (el) => ({ ...el.dataset }));
    check(attrs.points === '185' && attrs.senses === '3', `${theme}: data-points=${attrs.points} data-senses=${attrs.senses}`);
    await page.screenshot({ path: `${outDir}/${theme}.png` });
    // Hover until a tooltip shows: its sentence must be literal text, not HTML.
    const box = await page.$eval('#chart', (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
    let tip = null;
    for (let y = box.y + 80; y < box.y + box.h - 80 && !tip; y += 7) {
      for (let x = box.x + box.w * 0.55; x < box.x + box.w - 80 && !tip; x += 7) {
        await page.mouse.move(x, y);
        tip = await page.evaluate(() => {
          const el = document.querySelector('.plot-tooltip');
          return el && getComputedStyle(el).display !== 'none' && getComputedStyle(el).opacity !== '0' && el.textContent?.includes('bank') ? { text: el.textContent, html: el.innerHTML.slice(0, 400) } : null;
        });
      }
    }
    check(!!tip && tip.text.includes('<script>') && !tip.html.includes('<script>'), `${theme}: tooltip escapes: ${tip?.text.slice(0, 120)}`);
    await page.screenshot({ path: `${outDir}/${theme}-tooltip.png` });
    if (theme === 'dark') {
      // Legend toggle: click the first legend entry, points stay but the sense is hidden.
      await page.mouse.click(box.x + box.w / 2 - 150, box.y + 16);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${outDir}/${theme}-legend-click.png` });
      // Exports.
      for (const f of ['csv', 'png', 'svg']) await page.click(`#export-${f}`);
      await page.waitForTimeout(300);
      const exports = await page.evaluate(() => window.__exports);
      console.log(JSON.stringify(exports.map((e) => ({ format: e.format, length: e.length, head: e.head.slice(0, 80) }))));
      check(exports.length === 3, 'three exports posted');
      const svg = exports.find((e) => e.format === 'svg')?.data ?? '';
      const svgPage = await browser.newPage({ viewport: { width: 1100, height: 600 } });
      console.log('svg size', svg.slice(0, 120).match(/width="\d+" height="\d+"/)?.[0], 'PC1 title:', /PC1 \(23\.4 %\)/.test(svg));
      await svgPage.setContent(svg);
      await svgPage.screenshot({ path: `${outDir}/export-svg.png` });
      await svgPage.close();
      // Controls round trip: change the cap to 10 → loading → ready with 3*10+3+2 points.
      await page.evaluate(() => { const s = document.querySelector('#max-per-sense'); s.value = '10'; s.dispatchEvent(new Event('change')); });
      const during = await page.$eval('#chart', (el) => el.dataset.state);
      await page.waitForSelector('#chart[data-state="ready"]');
      const points = await page.$eval('#chart', (el) => el.dataset.points);
      check(during === 'loading' && points === '35', `controls → loading → ready (${during}, ${points} points)`);
      // Projection round trip: t-SNE → axes without variance, parameters in the exports, progress while loading.
      await page.evaluate(() => { const s = document.querySelector('#projection'); s.value = 'tsne'; s.dispatchEvent(new Event('change')); });
      const progress = await page.$eval('#status', (el) => el.textContent);
      await page.waitForSelector('#chart[data-state="ready"]');
      const sentProjection = await page.evaluate(() => window.__sent.filter((m) => m.type === 'controls').at(-1)?.controls.projection);
      check(sentProjection === 'tsne' && progress.includes('t-SNE (375/750)'), `projection control → ${sentProjection}, progress "${progress}"`);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${outDir}/${theme}-tsne.png` });
      const before = (await page.evaluate(() => window.__exports.length));
      for (const f of ['csv', 'svg']) await page.click(`#export-${f}`);
      await page.waitForTimeout(300);
      const [csv, tsneSvg] = (await page.evaluate(() => window.__exports)).slice(before).map((e) => e.data);
      check(/t-SNE 1/.test(tsneSvg) && !/PC1/.test(tsneSvg) && /perplexity 30/.test(tsneSvg), 't-SNE axes and parameters in the SVG');
      check(csv.startsWith('x,y,label,sense,kind,sentence,projection') && csv.includes('"t-SNE (perplexity 30, 750 iterations, seed 42)"'), 'CSV says the projection');
      // Error path.
      await page.evaluate(() => { const s = document.querySelector('#word'); s.value = 'java'; s.dispatchEvent(new Event('change')); });
      await page.waitForSelector('#chart[data-state="error"]');
      const statusText = await page.$eval('#status', (el) => el.textContent);
      check(statusText.includes('<b>not</b>'), `error shown as text: ${statusText}`);
      await page.screenshot({ path: `${outDir}/${theme}-error.png` });
      // Theme switch at run time.
      await page.evaluate(() => { const s = document.querySelector('#word'); s.value = 'bank'; s.dispatchEvent(new Event('change')); });
      await page.waitForSelector('#chart[data-state="ready"]');
      await page.evaluate(() => window.__setTheme('light'));
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${outDir}/dark-to-light.png` });
      const sent = await page.evaluate(() => window.__sent.map((m) => m.type).join(','));
      console.log('sent:', sent);
    }
    check(problems.length === 0, `${theme}: no console errors/CSP violations/dialogs ${JSON.stringify(problems)}`);
    await page.close();
  }
  // The legend beside the toolbox at a narrow and a wide panel, with six senses (three taught, long labels)
  // and a cap note on the status line.
  for (const [width, senses] of [[500, 4], [500, 6], [1200, 6]]) {
    const page = await browser.newPage({ viewport: { width, height: 640 } });
    const note = encodeURIComponent('500 of 504 occurrences shown — the plot keeps at most 500');
    await page.goto(`${base}?theme=dark&senses=${senses}&n=30&note=${note}`);
    await page.waitForSelector('#chart[data-state="ready"]', { timeout: 10000 });
    await page.waitForTimeout(1200);
    const status = await page.$eval('#status', (el) => el.textContent);
    check(status.includes('500 of 504 occurrences shown'), `${width} px: the status says the cap: ${status}`);
    await page.screenshot({ path: `${outDir}/legend-${width}-${senses}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failures.length ? 1 : 0;
