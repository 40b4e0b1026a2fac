// Takes screenshots of the built client (client/dist) with headless Chromium.
//   node client/scripts/screenshots.mjs             -> docs/screenshots/home-{phone,desktop}.png
//   node client/scripts/screenshots.mjs --all --out=/tmp/shots
//                                                    -> also the organizer pages, phone and desktop
// The API is answered by fakes below, so no server is needed.
import console from 'node:console';
import process from 'node:process';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.find((arg) => arg.startsWith('--out='));
const outDir = outArg
  ? resolve(outArg.slice('--out='.length))
  : join(clientDir, '..', 'docs', 'screenshots');
const all = process.argv.includes('--all');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const VIEWPORTS = {
  phone: {
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  desktop: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
};

const admin = {
  id: 'a1',
  username: 'quantri',
  displayName: 'Nguyễn Thị Hoa',
  role: 'admin',
  mustChangePassword: false,
  disabled: false,
  createdAt: '2025-11-20T02:00:00Z',
  lastLoginAt: '2025-11-26T01:15:00Z',
};
const accounts = [
  admin,
  {
    ...admin,
    id: 'a2',
    username: 'btc.tuan',
    displayName: 'Trần Minh Tuấn',
    role: 'organizer',
    lastLoginAt: '2025-11-25T09:40:00Z',
  },
  {
    ...admin,
    id: 'a3',
    username: 'mc.lan',
    displayName: 'Lê Phương Lan',
    role: 'host',
    mustChangePassword: true,
    lastLoginAt: null,
  },
  {
    ...admin,
    id: 'a4',
    username: 'btc.cu',
    displayName: 'Phạm Văn Cũ',
    role: 'organizer',
    disabled: true,
    lastLoginAt: '2025-10-02T03:00:00Z',
  },
];
const audit = {
  page: 1,
  pageSize: 50,
  total: 3,
  items: [
    {
      id: 'e1',
      at: '2025-11-26T01:15:00Z',
      actor: { id: 'a1', username: 'quantri' },
      action: 'auth.login',
      entityType: 'account',
      entityId: 'a1',
      before: null,
      after: null,
      ip: '10.0.0.5',
    },
    {
      id: 'e2',
      at: '2025-11-26T01:20:00Z',
      actor: { id: 'a1', username: 'quantri' },
      action: 'account.updated',
      entityType: 'account',
      entityId: 'a4',
      before: { disabled: false, role: 'organizer' },
      after: { disabled: true, role: 'organizer' },
      ip: '10.0.0.5',
    },
    {
      id: 'e3',
      at: '2025-11-26T02:00:00Z',
      // No actor: the server itself, loading the sample bank at start-up.
      actor: null,
      action: 'bank.imported',
      entityType: 'question_bank',
      entityId: 'b1',
      before: null,
      after: {
        bank: 'Ngân hàng câu hỏi mẫu về cải cách hành chính',
        file: 'cchc-mau.json',
        format: 'json',
        imported: 172,
        updated: 0,
        skipped: 0,
        problems: 0,
      },
      ip: null,
    },
  ],
};

async function fakeApi(route) {
  const url = new URL(route.request().url());
  const json = (status, body) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  if (url.pathname === '/api/auth/me') return json(200, { account: admin });
  if (url.pathname === '/api/accounts') return json(200, { items: accounts });
  if (url.pathname === '/api/audit-log') return json(200, audit);
  if (url.pathname === '/api/health') return json(200, { status: 'ok', info: {} });
  return json(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy.' });
}

const pages = [{ name: 'home', path: '/', fullPage: false }];
if (all) {
  pages.push(
    { name: 'home-full', path: '/', fullPage: true },
    { name: 'login', path: '/dang-nhap', fullPage: true },
    { name: 'change-password', path: '/doi-mat-khau', fullPage: true },
    { name: 'dashboard', path: '/quan-tri', fullPage: true },
    { name: 'accounts', path: '/quan-tri/tai-khoan', fullPage: true },
    { name: 'audit', path: '/quan-tri/nhat-ky', fullPage: true },
    { name: 'not-found', path: '/khong-co', fullPage: true },
  );
}

const server = await preview({
  root: clientDir,
  logLevel: 'warn',
  preview: { port: 0, strictPort: false },
});
const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
try {
  await mkdir(outDir, { recursive: true });
  for (const [device, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({
      ...options,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    await context.route('**/api/**', fakeApi);
    const page = await context.newPage();
    for (const shot of pages) {
      await page.goto(`${base}${shot.path}`, { waitUntil: 'networkidle' });
      await page.waitForSelector('main h1');
      const file = join(outDir, `${shot.name}-${device}.png`);
      await page.screenshot({ path: file, fullPage: shot.fullPage });
      console.log(`wrote ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
