// Renders images/og-image.svg to public/og-image.png (1200×630, for Zalo and Facebook previews)
// and public/favicon.svg to public/apple-touch-icon.png (180×180), with headless Chromium.
// Run after changing either SVG: node client/scripts/make-images.mjs
import { Buffer } from 'node:buffer';
import console from 'node:console';
import process from 'node:process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const publicDir = join(clientDir, 'public');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const jobs = [
  {
    svg: join(clientDir, 'images', 'og-image.svg'),
    png: 'og-image.png',
    width: 1200,
    height: 630,
    background: '#fff',
  },
  {
    svg: join(publicDir, 'favicon.svg'),
    png: 'apple-touch-icon.png',
    width: 180,
    height: 180,
    background: '#c8102e',
  },
];

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const job of jobs) {
    const svg = await readFile(job.svg, 'utf8');
    const page = await browser.newPage({ viewport: { width: job.width, height: job.height } });
    await page.setContent(
      `<!doctype html><html lang="vi"><body style="margin:0;background:${job.background}">` +
        `<img alt="" style="display:block;width:${job.width}px;height:${job.height}px" ` +
        `src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body></html>`,
    );
    await page.screenshot({ path: join(publicDir, job.png) });
    await page.close();
    console.log(`wrote public/${job.png}`);
  }
} finally {
  await browser.close();
}
