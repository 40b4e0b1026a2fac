import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, newContext, screenshot } from '../support/browser';
import { ServerProcess, startServerProcess } from '../support/server-process';

const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const SAMPLE_BANK = 'Ngân hàng câu hỏi mẫu về cải cách hành chính';
const CONTEST = 'Hội thi tìm hiểu cải cách hành chính phường Thuận Hóa 2026';
const TOKEN = 'x-participant-token';

interface BankQuestion {
  text: string;
  options: string[];
  correct: number[];
}
interface ShownQuestion {
  position: number;
  text: string;
  options: string[];
}

/** "2026-11-27T09:05" in Vietnam time, `offsetMs` from now, floored to the minute. */
function vietnamInput(offsetMs: number): string {
  return new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().slice(0, 16);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An organizer's week in a real browser against the real server process: create a contest,
 * create a round from the sample bank through the form, publish and open it; then, with three
 * participants who took part through the API, close a round, set prize quotas and download the
 * prize list as an Excel file.
 */
describeBrowser('organizer contests and rounds in the browser', () => {
  let dataDir: string;
  let filesDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let contestId: string;
  let firstRoundId: string;

  const apiUrl = (path: string) => `${server.baseUrl}/api${path}`;

  /** Admin API calls with the browser's session cookie. */
  async function adminApi<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
    const response = await page.request.fetch(apiUrl(path), { method, data });
    if (!response.ok())
      throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Participants' API calls: public, with their token. */
  async function publicApi<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    token?: string,
  ): Promise<T> {
    const response = await fetch(apiUrl(path), {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { [TOKEN]: token } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-browser-rounds-'));
    filesDir = mkdtempSync(join(tmpdir(), 'cchc-browser-round-files-'));
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    server = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: 'quantri',
      ADMIN_PASSWORD: 'mat-khau-quan-tri-1',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop')).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('signs in and creates a contest', async () => {
    await page.goto(`${server.baseUrl}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-quan-tri-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/quan-tri');

    await page
      .getByRole('navigation', { name: 'Quản trị' })
      .getByRole('link', { name: 'Hội thi', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Hội thi', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'Tạo hội thi' });
    await form.getByLabel('Tên hội thi').fill(CONTEST);
    await form
      .getByLabel('Mô tả, thể lệ tóm tắt (không bắt buộc)')
      .fill('Mỗi tuần một vòng thi trực tuyến, 20 phút, dành cho cán bộ và người dân.');
    await form.getByRole('button', { name: 'Tạo hội thi' }).click();
    await page.getByRole('heading', { name: CONTEST, level: 1 }).waitFor();
    contestId = /\/quan-tri\/hoi-thi\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    expect(contestId).not.toBe('');
    await page.getByText('Hội thi chưa có vòng thi nào.').waitFor();
    expect(await page.getByRole('link', { name: 'Đơn vị' }).getAttribute('href')).toBe(
      `/quan-tri/hoi-thi/${contestId}/don-vi`,
    );

    await page
      .getByRole('navigation', { name: 'Đường dẫn' })
      .getByRole('link', { name: 'Hội thi' })
      .click();
    await page.getByRole('rowheader', { name: CONTEST }).waitFor();
    await page.screenshot({
      path: join(DOCS_SCREENSHOTS, 'organizer-contests.png'),
      fullPage: true,
    });
  });

  it('creates a round from the sample bank through the form, with Vietnam times', async () => {
    await page.getByRole('link', { name: CONTEST }).click();
    await page.getByRole('link', { name: 'Tạo vòng thi', exact: true }).click();
    await page.getByRole('heading', { name: 'Tạo vòng thi', level: 1 }).waitFor();

    await page.getByLabel('Tên vòng thi').fill('Tuần 1');
    // Opens at the current minute (so it can be opened now), closes tomorrow.
    const opensAt = vietnamInput(0);
    await page.getByLabel('Mở lúc (giờ Việt Nam)').fill(opensAt);
    await page.getByLabel('Đóng lúc (giờ Việt Nam)').fill(vietnamInput(86_400_000));
    const bank = page.getByLabel('Ngân hàng câu hỏi');
    const sampleOption = bank.locator('option', { hasText: SAMPLE_BANK });
    await bank.selectOption((await sampleOption.getAttribute('value')) ?? '');

    // One row per topic of the sample bank, 2 questions each, with what the bank holds.
    const rows = page.locator('.blueprint__table tbody tr');
    await rows.first().waitFor();
    const rowCount = await rows.count();
    expect(rowCount).toBeGreaterThan(2);
    await page.getByText(`Tổng số câu mỗi lượt thi: ${rowCount * 2}`).waitFor();
    await page.getByLabel('Số câu, dòng 1').fill('3');
    await page.getByText(`Tổng số câu mỗi lượt thi: ${rowCount * 2 + 1}`).waitFor();
    expect(await rows.first().locator('td').nth(4).innerText()).toMatch(/\d+ câu|CBCCVC: \d+/);

    await page.getByLabel('Thời gian làm bài').fill('15');
    await page.getByLabel('Xem đáp án').selectOption('after_submit');
    // Duration before the prediction: one click moves it up.
    await page.getByRole('button', { name: 'Lên (đưa “Thời gian làm bài” lên trên)' }).click();
    await screenshot(page, 'organizer-round-form');
    await page.getByRole('button', { name: 'Tạo vòng thi' }).click();

    await page.waitForURL(/\/quan-tri\/vong-thi\/[0-9a-f-]{36}$/);
    firstRoundId = /([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    await page.getByRole('heading', { name: /Tuần 1/, level: 1 }).waitFor();
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    expect(heading).toContain('Nháp');
    const settingsRegion = page.getByRole('region', { name: 'Thiết lập' });
    await settingsRegion.getByText(SAMPLE_BANK).waitFor();
    const settings = await settingsRegion.innerText();
    expect(settings).toContain('15 phút');
    expect(settings).toContain(String(rowCount * 2 + 1));
    expect(settings).toContain(
      `${opensAt.slice(11, 16)} ${opensAt.slice(8, 10)}/${opensAt.slice(5, 7)}/${opensAt.slice(0, 4)}`,
    );
    expect(settings).toContain(
      'Điểm → Thời gian làm bài → Độ chính xác dự đoán → Thời điểm nộp bài',
    );
    expect(settings).toContain('Xem đáp án ngay sau khi nộp bài');
    expect(settings).toContain(SAMPLE_BANK);
  });

  it('publishes and opens the round, and finds it open in the contest', async () => {
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Đã công bố vòng thi').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Đã công bố');
    await page.getByRole('button', { name: 'Mở vòng thi' }).click();
    await page.getByText('Đã mở vòng thi').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Đang mở');
    expect(
      await page.getByRole('link', { name: 'Tổng quan trực tiếp' }).getAttribute('href'),
    ).toMatch(/^\/quan-tri\/vong-thi\/[0-9a-f-]{36}\/tong-quan$/);
    await page.getByText('0 người được xếp hạng').waitFor();
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'organizer-round.png'), fullPage: true });

    await page
      .getByRole('navigation', { name: 'Đường dẫn' })
      .getByRole('link', { name: CONTEST })
      .click();
    const row = page.getByRole('row').filter({ hasText: 'Tuần 1' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Đang mở');
    await screenshot(page, 'organizer-contest');
  });

  it('closes a round three people took, sets prize quotas and downloads the prize list', async () => {
    const banks = await adminApi<{ items: { id: string; name: string }[] }>('GET', '/banks');
    const bankId = banks.items.find((bank) => bank.name === SAMPLE_BANK)?.id ?? '';
    const questions = await adminApi<{ items: BankQuestion[] }>(
      'GET',
      `/banks/${bankId}/questions?pageSize=200`,
    );
    const byText = new Map(questions.items.map((q) => [q.text, q]));
    const right = (q: ShownQuestion) =>
      (byText.get(q.text)?.correct ?? [])
        .map((i) => q.options.indexOf(byText.get(q.text)?.options[i] ?? ''))
        .sort();
    const wrong = (q: ShownQuestion) => [q.options.findIndex((_, i) => !right(q).includes(i))];

    const closesAt = Date.now() + 20_000;
    const round = await adminApi<{ id: string }>('POST', `/contests/${contestId}/rounds`, {
      name: 'Tuần thử',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      timeLimitSeconds: 600,
      bankId,
      blueprint: [{ topicCode: 'the-che', count: 2 }],
      graceMs: 0,
    });
    await adminApi('POST', `/rounds/${round.id}/publish`);
    await adminApi('POST', `/rounds/${round.id}/open`);

    // Two perfect scores (the prediction decides: 2 people are perfect) and one zero.
    const people = [
      {
        fullName: 'Nguyễn Văn An',
        phone: '0912000001',
        unit: 'Tổ dân phố 1',
        allRight: true,
        prediction: 2,
      },
      {
        fullName: 'Trần Thị Bình',
        phone: '0912000002',
        unit: 'Tổ dân phố 2',
        allRight: true,
        prediction: 7,
      },
      {
        fullName: 'Lê Văn Cường',
        phone: '0912000003',
        unit: 'Tổ dân phố 3',
        allRight: false,
        prediction: 1,
      },
    ];
    for (const person of people) {
      const { token } = await publicApi<{ token: string }>(
        'POST',
        `/contests/${contestId}/participants`,
        {
          fullName: person.fullName,
          birthYear: 1985,
          gender: 'male',
          phone: person.phone,
          unit: person.unit,
          participantGroup: 'civil_servant',
          password: 'mat-khau-du-thi',
          consent: true,
        },
      );
      const attempt = await publicApi<{ id: string; questions: ShownQuestion[] }>(
        'POST',
        `/rounds/${round.id}/attempts`,
        {},
        token,
      );
      for (const q of attempt.questions) {
        await publicApi(
          'PUT',
          `/attempts/${attempt.id}/answers/${q.position}`,
          {
            chosen: person.allRight ? right(q) : wrong(q),
          },
          token,
        );
      }
      await publicApi(
        'POST',
        `/attempts/${attempt.id}/submit`,
        { prediction: person.prediction },
        token,
      );
    }
    // Before the closing time: a provisional ranking, and the server refuses to close.
    await page.goto(`${server.baseUrl}/quan-tri/vong-thi/${round.id}`);
    await page.getByRole('heading', { name: /Tuần thử/, level: 1 }).waitFor();
    await page.getByText('3 người được xếp hạng').waitFor();
    expect(await page.getByRole('heading', { name: /Xếp hạng/ }).innerText()).toContain('Tạm thời');
    expect(Date.now()).toBeLessThan(closesAt);
    await page.getByRole('button', { name: 'Đóng vòng thi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Đóng vòng thi' }).click();
    await dialog.getByText('Chưa đến giờ đóng vòng thi.').waitFor();
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // After it, the server closes the round by itself; the page shows the final ranking.
    await sleep(Math.max(0, closesAt - Date.now() + 1500));
    for (let i = 0; i < 20; i++) {
      await page.reload();
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      if ((await heading.innerText()).includes('Đã đóng')) break;
      await sleep(500);
    }
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Đã đóng');
    await page.getByText('Đáp án câu dự đoán: 2.').waitFor();
    const ranking = page.locator('table.ranking tbody tr');
    expect(await ranking.count()).toBe(3);
    expect(await ranking.nth(0).innerText()).toContain('Nguyễn Văn An');
    expect(await ranking.nth(1).innerText()).toContain('Trần Thị Bình');
    expect(await ranking.nth(2).innerText()).toContain('Lê Văn Cường');
    expect(await page.getByRole('heading', { name: /Xếp hạng/ }).innerText()).not.toContain(
      'Tạm thời',
    );

    await page.getByRole('link', { name: 'Giải thưởng' }).click();
    const civilServants = 'Cán bộ, công chức, viên chức';
    await page.getByLabel(`Giải Nhất – ${civilServants}`).fill('1');
    await page.getByLabel(`Giải Nhì – ${civilServants}`).fill('1');
    await page.getByLabel(`Giải Ba – ${civilServants}`).fill('1');
    await page.getByRole('button', { name: 'Lưu số lượng giải' }).click();
    await page.getByText('Đã lưu số lượng giải.').waitFor();
    const prizes = page.getByRole('region', { name: 'Danh sách đoạt giải' }).locator('tbody tr');
    await prizes.nth(2).waitFor();
    expect(await prizes.nth(0).innerText()).toContain('Giải Nhất');
    await screenshot(page, 'organizer-prizes');

    await page.getByRole('link', { name: 'Xuất Excel' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Danh sách đoạt giải' }).click(),
    ]);
    const file = join(filesDir, 'giai.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const text = (row: number): string[] => {
      const cells: string[] = [];
      sheet.getRow(row).eachCell({ includeEmpty: true }, (cell) => {
        cells.push(cell.text);
      });
      return cells;
    };
    expect(text(1).join(' ')).toContain(CONTEST);
    expect(text(3)).toEqual(expect.arrayContaining(['Giải', 'Họ và tên', 'Số điện thoại', 'Điểm']));
    const body = [4, 5, 6].map((row) => text(row).join(' | '));
    expect(body[0]).toContain('Nguyễn Văn An');
    expect(body[0]).toContain('Giải Nhất');
    expect(body[1]).toContain('Trần Thị Bình');
    expect(body[1]).toContain('Giải Nhì');
    expect(body[2]).toContain('Lê Văn Cường');
    expect(body[2]).toContain('Giải Ba');

    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Công bố kết quả' }).click();
    await page.getByText('Đã công bố kết quả trên trang công khai.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(
      'Đã công bố kết quả',
    );
    expect(
      await page.getByRole('link', { name: 'Trang kết quả công khai' }).getAttribute('href'),
    ).toBe(`/ket-qua/${round.id}`);
  });

  it('finds a participant and gives them a new password shown once', async () => {
    await page.goto(`${server.baseUrl}/quan-tri/hoi-thi/${contestId}`);
    await page.getByRole('link', { name: 'Người dự thi' }).click();
    await page.getByRole('heading', { name: 'Người dự thi', level: 1 }).waitFor();
    await page.getByText('3 người đã đăng ký.').waitFor();
    await page
      .getByRole('searchbox', { name: 'Tìm theo họ tên hoặc số điện thoại' })
      .fill('0912000002');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Tìm thấy 1 người với “0912000002”.').waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.innerText()).toContain('Trần Thị Bình');

    await page.getByRole('button', { name: 'Đặt lại mật khẩu của Trần Thị Bình' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const shown = page.getByRole('region', { name: /Mật khẩu mới của Trần Thị Bình/ });
    const password = (await shown.locator('code').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.baseUrl,
    });
    await shown.getByRole('button', { name: 'Sao chép mật khẩu' }).click();
    await shown.getByText('Đã sao chép mật khẩu.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(password);

    const signIn = await fetch(apiUrl(`/contests/${contestId}/sessions`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: '0912000002', password }),
    });
    expect(signIn.status).toBe(201);
  });

  it('changes a round nobody started and is told why personal data cannot be erased yet', async () => {
    await page.goto(`${server.baseUrl}/quan-tri/vong-thi/${firstRoundId}`);
    await page.getByRole('link', { name: 'Sửa thiết lập' }).click();
    await page.getByRole('heading', { name: 'Sửa vòng thi “Tuần 1”', level: 1 }).waitFor();
    expect(await page.getByLabel('Thời gian làm bài').inputValue()).toBe('15');
    await page.getByLabel('Tên vòng thi').fill('Tuần thi thứ nhất');
    await page.getByLabel('Thời gian làm bài').fill('20');
    await page.getByRole('button', { name: 'Lưu vòng thi' }).click();
    await page.getByText('Đã lưu vòng thi “Tuần thi thứ nhất”.').waitFor();
    const settings = await page.getByRole('region', { name: 'Thiết lập' }).innerText();
    expect(settings).toContain('20 phút');

    await page.goto(`${server.baseUrl}/quan-tri/hoi-thi/${contestId}`);
    await page.getByText('Còn 1 vòng chưa đóng: Tuần thi thứ nhất.').waitFor();
    await page.getByRole('button', { name: 'Xóa dữ liệu cá nhân…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Gõ tên để xác nhận').fill(CONTEST);
    await dialog.getByRole('button', { name: 'Xóa dữ liệu cá nhân' }).click();
    await dialog.getByText(/Chỉ xo[aá] được dữ liệu cá nhân khi mọi vòng thi/).waitFor();
    await dialog.getByRole('button', { name: 'Hủy' }).click();
  });

  it('gives citizens their own paper, shows it on the round page and draws from it', async () => {
    const citizen = 'Người dân';
    await page.goto(`${server.baseUrl}/quan-tri/hoi-thi/${contestId}/vong-thi/moi`);
    await page.getByRole('heading', { name: 'Tạo vòng thi', level: 1 }).waitFor();
    await page.getByLabel('Tên vòng thi').fill('Tuần 2');
    await page.getByLabel('Mở lúc (giờ Việt Nam)').fill(vietnamInput(0));
    await page.getByLabel('Đóng lúc (giờ Việt Nam)').fill(vietnamInput(86_400_000));
    const bank = page.getByLabel('Ngân hàng câu hỏi', { exact: true });
    const sampleOption = bank.locator('option', { hasText: SAMPLE_BANK });
    const bankId = (await sampleOption.getAttribute('value')) ?? '';
    await bank.selectOption(bankId);
    const rows = page.locator('.blueprint__table tbody tr');
    await rows.first().waitFor();
    const commonCount = (await rows.count()) * 2;
    await page.getByText(`Tổng số câu mỗi lượt thi: ${commonCount}`, { exact: true }).waitFor();

    // Citizens' own paper starts from the round's bank, a row per topic they have questions for.
    const ownPaper = page.getByRole('group', { name: `Cấu trúc đề riêng cho ${citizen}` });
    expect(await ownPaper.count()).toBe(0);
    await page.getByLabel(`Dùng đề riêng cho ${citizen}`).check();
    expect(await page.getByLabel(`Ngân hàng câu hỏi cho ${citizen}`).inputValue()).toBe(bankId);
    await ownPaper.getByLabel(`Số câu, dòng 1 – ${citizen}`).waitFor();
    const ownRows = await ownPaper.locator('tbody tr').count();
    expect(ownRows).toBeGreaterThan(1);
    for (let row = ownRows; row > 1; row--)
      await ownPaper.getByRole('button', { name: `Xóa dòng ${row} – ${citizen}` }).click();
    // "Chế độ công vụ" has 6 questions citizens may be given: the server refuses 7.
    await ownPaper.getByLabel(`Chủ đề, dòng 1 – ${citizen}`).selectOption('che-do-cong-vu');
    await ownPaper.getByLabel(`Số câu, dòng 1 – ${citizen}`).fill('7');
    await page.getByRole('button', { name: 'Tạo vòng thi' }).click();
    const problem = ownPaper.locator('.blueprint__problems li');
    await problem.first().waitFor();
    expect(await problem.first().innerText()).not.toContain('Đối tượng');
    expect(
      await ownPaper.getByLabel(`Số câu, dòng 1 – ${citizen}`).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(
      await page
        .getByRole('group', { name: 'Cấu trúc đề', exact: true })
        .locator('.blueprint__problems')
        .count(),
    ).toBe(0);

    await ownPaper.getByLabel(`Số câu, dòng 1 – ${citizen}`).fill('5');
    await ownPaper.getByRole('button', { name: `Thêm dòng – ${citizen}` }).click();
    await ownPaper.getByLabel(`Chủ đề, dòng 2 – ${citizen}`).selectOption('cchc-o-phuong');
    await ownPaper.getByLabel(`Số câu, dòng 2 – ${citizen}`).fill('3');
    await ownPaper.getByText(`Tổng số câu mỗi lượt thi của ${citizen}: 8`).waitFor();
    await page.getByRole('button', { name: 'Tạo vòng thi' }).click();

    await page.waitForURL(/\/quan-tri\/vong-thi\/[0-9a-f-]{36}$/);
    const roundId = /([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    const settingsRegion = page.getByRole('region', { name: 'Thiết lập' });
    await settingsRegion.getByText(`Đề riêng cho ${citizen}`).waitFor();
    await settingsRegion.getByText('Cải cách chế độ công vụ: 5 câu').waitFor();
    const settings = await settingsRegion.innerText();
    expect(settings).toContain(`CBCCVC: ${commonCount} · ${citizen}: 8`);
    expect(settings).toContain('đề chung cho Cán bộ, công chức, viên chức');
    expect(settings).toContain(`Ngân hàng: ${SAMPLE_BANK}; 8 câu mỗi lượt`);

    // The form shows the paper again, and a rename sends the name alone.
    await page.getByRole('link', { name: 'Sửa thiết lập' }).click();
    await page.getByRole('heading', { name: 'Sửa vòng thi “Tuần 2”', level: 1 }).waitFor();
    expect(await page.getByLabel(`Dùng đề riêng cho ${citizen}`).isChecked()).toBe(true);
    expect(await page.getByLabel(`Số câu, dòng 1 – ${citizen}`).inputValue()).toBe('5');
    expect(
      await page.getByLabel(`Dùng đề riêng cho Cán bộ, công chức, viên chức`).isChecked(),
    ).toBe(false);
    await page.getByRole('button', { name: 'Lưu vòng thi' }).click();
    await page.getByText('Không có thay đổi nào để lưu.').waitFor();
    await page.getByLabel('Tên vòng thi').fill('Tuần 2 (đề riêng)');
    const [patch] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'PATCH'),
      page.getByRole('button', { name: 'Lưu vòng thi' }).click(),
    ]);
    expect(Object.keys(patch.postDataJSON() as object)).toEqual(['name']);
    await page.getByText('Đã lưu vòng thi “Tuần 2 (đề riêng)”.').waitFor();

    // A citizen is given 8 questions, a civil servant the round's own paper.
    await adminApi('POST', `/rounds/${roundId}/publish`);
    await adminApi('POST', `/rounds/${roundId}/open`);
    const drawn: Record<string, number> = {};
    for (const [phone, group] of [
      ['0912000011', 'citizen'],
      ['0912000012', 'civil_servant'],
    ] as const) {
      const { token } = await publicApi<{ token: string }>(
        'POST',
        `/contests/${contestId}/participants`,
        {
          fullName: 'Phạm Thị Dung',
          birthYear: 1990,
          gender: 'female',
          phone,
          unit: 'Tổ dân phố 4',
          participantGroup: group,
          password: 'mat-khau-du-thi',
          consent: true,
        },
      );
      const attempt = await publicApi<{ questions: ShownQuestion[] }>(
        'POST',
        `/rounds/${roundId}/attempts`,
        {},
        token,
      );
      drawn[group] = attempt.questions.length;
    }
    expect(drawn).toEqual({ citizen: 8, civil_servant: commonCount });
  });
});
