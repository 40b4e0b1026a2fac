import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, newContext, screenshot } from '../support/browser';
import { ServerProcess, startServerProcess } from '../support/server-process';

/**
 * A new ward's first minutes, in a real browser against the real server process: sign in as the
 * first admin with the one-time password from the log, be forced to change it, create an
 * organizer, and find both actions in the audit log.
 */
describeBrowser('first admin in the browser', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-browser-admin-'));
    server = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED_SAMPLE_DATA: 'false',
    });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the Vietnamese home page with its title and sharing tags', async () => {
    await page.goto(server.baseUrl);
    expect(await page.title()).toBe('Hội thi tìm hiểu về cải cách hành chính');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBeTruthy();
    await page.getByRole('heading', { level: 1 }).waitFor();
  });

  it('signs in with the one-time password and is made to change it', async () => {
    const entry = server.logs.find((l) => l.firstAdmin) as
      { firstAdmin: { oneTimePassword: string } } | undefined;
    expect(entry).toBeDefined();
    await page.goto(`${server.baseUrl}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(entry!.firstAdmin.oneTimePassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/doi-mat-khau');

    await page.getByLabel('Mật khẩu hiện tại').fill(entry!.firstAdmin.oneTimePassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng-cua-toi');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-cua-toi');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL('**/quan-tri');
    await screenshot(page, 'admin-dashboard');
  });

  it('creates an organizer account', async () => {
    await page.goto(`${server.baseUrl}/quan-tri/tai-khoan`);
    await page.getByRole('heading', { name: 'Tài khoản', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'Tạo tài khoản' });
    await form.getByLabel('Tên đăng nhập').fill('bantochuc1');
    await form.getByLabel('Tên hiển thị').fill('Trần Thị Bình');
    await form.getByLabel('Vai trò').selectOption('organizer');
    await form.getByLabel('Mật khẩu').fill('mat-khau-tam-thoi-1');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('cell', { name: 'bantochuc1' }).waitFor();
    await screenshot(page, 'admin-accounts');
  });

  it('finds the password change and the new account in the audit log', async () => {
    await page.goto(`${server.baseUrl}/quan-tri/nhat-ky`);
    await page.getByRole('heading', { name: 'Nhật ký hoạt động', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('bantochuc1');
    expect(text).toMatch(/Đổi mật khẩu/i);
    expect(text).toMatch(/Tạo tài khoản/i);
    await screenshot(page, 'admin-audit-log');
  });

  it('opens the practice statistics page from the organizer menu', async () => {
    await page.goto(`${server.baseUrl}/quan-tri`);
    await page.getByRole('link', { name: 'Thống kê luyện tập' }).click();
    await page.getByRole('heading', { name: 'Thống kê luyện tập', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/quan-tri\/luyen-tap$/);
    await screenshot(page, 'admin-practice-stats');
  });
});
