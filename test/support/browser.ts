import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * `describe` for browser tests: runs them when Debian's Chromium is installed, and otherwise
 * skips them with a notice (CI installs it; a laptop without it still passes `npm test`).
 */
export const describeBrowser: jest.Describe = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  process.stdout.write(
    `\nBrowser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).\n`,
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A phone-sized or desktop context with Vietnamese locale and the Hanoi time zone. */
export function newContext(
  browser: Browser,
  kind: 'phone' | 'desktop' = 'desktop',
): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: kind === 'phone' ? { width: 360, height: 740 } : { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    isMobile: kind === 'phone',
    hasTouch: kind === 'phone',
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
