// Renders media/icon.svg to media/icon.png, the extension's 128×128 icon (the Marketplace and the
// Extensions view take PNG, not SVG), in a headless chromium through playwright-core:
//
//   npm run icon                       uses /usr/bin/chromium
//   CHROMIUM=/path/to/chrome npm run icon
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const MEDIA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'media');
const SIZE = 128;

const svg = fs.readFileSync(path.join(MEDIA, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  // IHDR: width and height are the big-endian words at bytes 16 and 20.
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (width !== SIZE || height !== SIZE) throw new Error(`rendered ${width}×${height}, not ${SIZE}×${SIZE}`);
  fs.writeFileSync(path.join(MEDIA, 'icon.png'), png);
  console.log(`media/icon.png: ${width}×${height}, ${png.length} bytes`);
} finally {
  await browser.close();
}
