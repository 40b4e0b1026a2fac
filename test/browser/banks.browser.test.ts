import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, newContext, screenshot } from '../support/browser';
import { ServerProcess, startServerProcess } from '../support/server-process';

const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const SAMPLE_BANK = 'Ngân hàng câu hỏi mẫu về cải cách hành chính';
const NEW_BANK = 'Câu hỏi tuần thi thứ nhất';

const HEADERS = [
  'STT',
  'Câu hỏi',
  'Phương án A',
  'Phương án B',
  'Phương án C',
  'Phương án D',
  'Đáp án đúng',
  'Chủ đề',
  'Mức độ',
  'Giải thích',
  'Căn cứ pháp lý',
];

const GOOD_ROWS = [
  [
    1,
    'Bộ phận Một cửa cấp xã tiếp nhận hồ sơ thủ tục hành chính theo văn bản nào hiện hành?',
    'Nghị định số 118/2025/NĐ-CP',
    'Nghị định số 63/2010/NĐ-CP',
    'Luật Cán bộ, công chức',
    'Nghị quyết số 76/NQ-CP',
    'A',
    'Cải cách thủ tục hành chính',
    'Dễ',
    'Nghị định số 118/2025/NĐ-CP quy định việc thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông.',
    'Nghị định số 118/2025/NĐ-CP',
  ],
  [
    2,
    'Từ ngày 01/7/2025, chính quyền địa phương ở nước ta được tổ chức thành mấy cấp?',
    'Một cấp',
    'Hai cấp',
    'Ba cấp',
    'Bốn cấp',
    'B',
    'Cải cách tổ chức bộ máy',
    'Trung bình',
    'Chính quyền địa phương hai cấp: cấp tỉnh và cấp xã; không còn cấp huyện.',
    'Luật Tổ chức chính quyền địa phương năm 2025',
  ],
  [
    3,
    'Người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia ở địa chỉ nào?',
    'dichvucong.gov.vn',
    'chinhphu.vn',
    'baochinhphu.vn',
    'vneid.gov.vn',
    'A',
    'Chính phủ số',
    'Dễ',
    'Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn.',
    'Nghị định số 118/2025/NĐ-CP',
  ],
];

const BAD_ROWS = [
  [
    1,
    'Thời hạn giải quyết thủ tục hành chính được tính theo ngày nào?',
    'Ngày làm việc',
    'Ngày lịch',
    'Tuần làm việc',
    'Tháng',
    'A',
    'Cải cách thủ tục hành chính',
    'Dễ',
    'Thời hạn giải quyết tính theo ngày làm việc.',
    'Nghị định số 118/2025/NĐ-CP',
  ],
  // Row 3 of the sheet: no key.
  [
    2,
    'Ai ký quyết định công bố thủ tục hành chính cấp tỉnh?',
    'Chủ tịch UBND tỉnh',
    'Giám đốc Sở',
    'Bộ trưởng',
    'Thủ tướng',
    '',
    'Cải cách thủ tục hành chính',
    'Trung bình',
    '',
    '',
  ],
  // Row 4: key "E" with four options.
  [
    3,
    'Cơ quan nào quản lý Cổng Dịch vụ công quốc gia?',
    'Văn phòng Chính phủ',
    'Bộ Nội vụ',
    'Bộ Công an',
    'Bộ Tài chính',
    'E',
    'Chính phủ số',
    'Khó',
    '',
    '',
  ],
];

async function writeXlsx(path: string, rows: (string | number)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Câu hỏi');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
}

/** The number shown under "Số câu hỏi" on a bank page. */
async function questionCount(page: Page): Promise<string> {
  const fact = page
    .locator('.facts div')
    .filter({ has: page.getByText('Số câu hỏi', { exact: true }) });
  return (await fact.locator('dd').innerText()).trim();
}

/**
 * An organizer's work on question banks in a real browser against the real server process: find
 * the sample bank, search it without accents, create a bank, import a good spreadsheet through
 * the wizard, be stopped by a bad one, and edit a question into its second version.
 */
describeBrowser('question banks in the browser', () => {
  let dataDir: string;
  let filesDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const goodFile = () => join(filesDir, 'cau-hoi-tot.xlsx');
  const badFile = () => join(filesDir, 'cau-hoi-loi.xlsx');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-browser-banks-'));
    filesDir = mkdtempSync(join(tmpdir(), 'cchc-browser-bank-files-'));
    await writeXlsx(goodFile(), GOOD_ROWS);
    await writeXlsx(badFile(), BAD_ROWS);
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    server = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: 'quantri',
      ADMIN_PASSWORD: 'mat-khau-quan-tri-1',
    });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('signs in and lists the sample bank with its badge and checked date', async () => {
    await page.goto(`${server.baseUrl}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-quan-tri-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/quan-tri');

    await page
      .getByRole('navigation', { name: 'Quản trị' })
      .getByRole('link', { name: 'Ngân hàng câu hỏi' })
      .click();
    await page.getByRole('heading', { name: 'Ngân hàng câu hỏi', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: SAMPLE_BANK });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Mẫu');
    expect(text).toContain('172');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    const template = page.getByRole('link', { name: 'Tải tệp mẫu Excel' });
    expect(await template.getAttribute('href')).toBe('/api/banks/template.xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), template.click()]);
    expect(download.suggestedFilename()).toBe('mau-ngan-hang-cau-hoi.xlsx');
  });

  it('finds "thủ tục" in the sample bank when searching "thu tuc" without accents', async () => {
    await page.getByRole('link', { name: SAMPLE_BANK }).click();
    await page.getByRole('heading', { name: SAMPLE_BANK, level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('thu tuc');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/\?q=thu\+tuc/);
    const count = page.getByText(/^Tìm thấy \d+ câu hỏi\./);
    await count.waitFor();
    const found = Number(/Tìm thấy (\d+)/.exec(await count.innerText())?.[1]);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(172);
    const rows = page.locator('.questions-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect((await page.locator('.questions-table').innerText()).toLowerCase()).toContain('thủ tục');
    await screenshot(page, 'bank-search');
    // For the README: the bank's header, search form and the first results.
    await page.screenshot({
      path: join(DOCS_SCREENSHOTS, 'bank-questions.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1366, height: 1500 },
    });
  });

  it('creates a bank', async () => {
    await page
      .getByRole('navigation', { name: 'Đường dẫn' })
      .getByRole('link', { name: 'Ngân hàng câu hỏi' })
      .click();
    const form = page.getByRole('region', { name: 'Tạo ngân hàng câu hỏi' });
    await form.getByLabel('Tên ngân hàng').fill(NEW_BANK);
    await form
      .getByLabel('Mô tả (không bắt buộc)')
      .fill('Dành cho cán bộ, công chức, viên chức của phường.');
    await form.getByRole('button', { name: 'Tạo ngân hàng' }).click();
    await page.getByRole('heading', { name: NEW_BANK, level: 1 }).waitFor();
    await page.getByText('Ngân hàng chưa có câu hỏi nào.').waitFor();
    expect(await questionCount(page)).toBe('0');

    const topics = page.getByRole('region', { name: 'Chủ đề', exact: true });
    await topics.getByLabel('Tên chủ đề').fill('Cải cách thể chế');
    await topics.getByRole('button', { name: 'Thêm chủ đề' }).click();
    await topics.getByText('Đã thêm chủ đề “Cải cách thể chế” (mã cai-cach-the-che).').waitFor();
    await topics.getByRole('rowheader', { name: 'Cải cách thể chế' }).waitFor();
  });

  it('imports a good spreadsheet after a preview without problems', async () => {
    await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
    await page.getByRole('heading', { name: 'Nhập câu hỏi từ tệp', level: 1 }).waitFor();
    await page.getByLabel('Tệp câu hỏi').setInputFiles(goodFile());
    // Hold the request a moment, as a slow network would: the progress bar shows meanwhile.
    const slow = '**/api/banks/*/import';
    await page.route(slow, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByRole('progressbar', { name: 'Tải tệp lên để kiểm tra' }).waitFor();

    await page.getByRole('heading', { name: 'Bước 2: Xem trước và kiểm tra' }).waitFor();
    await page.unroute(slow);
    expect(
      await page.getByRole('status').filter({ hasText: 'Kiểm tra xong' }).innerText(),
    ).toContain('3 câu hỏi mới');
    expect(await page.getByRole('heading', { name: /Lỗi trong tệp/ }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /Chỉ nhập các câu hợp lệ/ }).count()).toBe(0);
    const preview = page.locator('.table--preview');
    expect(await preview.locator('tbody tr').count()).toBe(3);
    const previewText = await preview.innerText();
    expect(previewText).toContain('Thêm mới');
    expect(previewText).toContain('chính quyền địa phương');
    expect(
      await page.getByRole('region', { name: /Chủ đề mới sẽ được tạo/ }).innerText(),
    ).toContain('Chính phủ số');

    const confirm = page.getByRole('button', { name: 'Nhập 3 câu hỏi vào ngân hàng' });
    expect(await confirm.isEnabled()).toBe(true);
    await confirm.click();
    await page.getByRole('heading', { name: 'Bước 3: Kết quả' }).waitFor();
    const imported = page.locator('.facts div').filter({ hasText: 'Đã thêm mới' });
    expect((await imported.locator('dd').innerText()).trim()).toBe('3');

    await page.getByRole('link', { name: `Về ngân hàng “${NEW_BANK}”` }).click();
    await page.getByRole('heading', { name: NEW_BANK, level: 1 }).waitFor();
    await page.getByText('3 câu hỏi.', { exact: true }).waitFor();
    expect(await questionCount(page)).toBe('3');
    const table = await page.locator('.questions-table').innerText();
    expect(table).toContain('Người dân nộp hồ sơ trực tuyến');
    expect(table).toContain('Chính phủ số');
    await screenshot(page, 'bank-after-import');
  });

  it('opens the bank for public practice, and its topics appear in practice', async () => {
    const before = (await (await fetch(`${server.baseUrl}/api/practice/topics`)).json()) as {
      items: { bankName: string }[];
    };
    expect(before.items.some((t) => t.bankName === NEW_BANK)).toBe(false);
    const toggle = page.getByLabel('Mở ngân hàng này cho luyện tập công khai');
    await toggle.check();
    await page.getByText('Đã mở ngân hàng cho luyện tập công khai.').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    const after = (await (await fetch(`${server.baseUrl}/api/practice/topics`)).json()) as {
      items: { bankName: string; name: string }[];
    };
    expect(after.items.filter((t) => t.bankName === NEW_BANK).map((t) => t.name)).toContain(
      'Chính phủ số',
    );
  });

  it('lists every problem of a bad spreadsheet, keeps the confirm button disabled and imports nothing', async () => {
    await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
    await page.getByLabel('Tệp câu hỏi').setInputFiles(badFile());
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByRole('heading', { name: 'Bước 2: Xem trước và kiểm tra' }).waitFor();

    await page.getByRole('heading', { name: 'Lỗi trong tệp (2)' }).waitFor();
    const problems = page.locator('.table--problems tbody tr');
    expect(await problems.count()).toBe(2);
    const cells = async (index: number) =>
      (await problems.nth(index).locator('td').allInnerTexts()).map((text) => text.trim());
    expect(await cells(0)).toEqual(['Câu hỏi', '3', 'Đáp án đúng', 'Thiếu đáp án đúng']);
    const second = await cells(1);
    expect(second.slice(0, 3)).toEqual(['Câu hỏi', '4', 'Đáp án đúng']);
    expect(second[3]).toMatch(/'E'.*không có trong các phương án/);
    expect(await problems.first().getAttribute('class')).toContain('row--error');

    const confirm = page.getByRole('button', { name: 'Nhập 1 câu hỏi vào ngân hàng' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByText('Tệp còn lỗi: hãy sửa tệp rồi tải lên lại').waitFor();
    await screenshot(page, 'import-preview-problems');
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'import-preview.png'), fullPage: true });

    // Choosing to skip the bad rows is what would enable it; leave without importing.
    const onlyValid = page.getByRole('checkbox', {
      name: 'Chỉ nhập các câu hợp lệ (bỏ qua các dòng lỗi)',
    });
    await onlyValid.check();
    expect(await confirm.isEnabled()).toBe(true);
    await onlyValid.uncheck();
    expect(await confirm.isDisabled()).toBe(true);

    await page.getByRole('link', { name: 'Hủy', exact: true }).click();
    await page.getByRole('heading', { name: NEW_BANK, level: 1 }).waitFor();
    await page.getByText('3 câu hỏi.', { exact: true }).waitFor();
    expect(await questionCount(page)).toBe('3');
  });

  it('writes a true/false question in the editor', async () => {
    await page.getByRole('link', { name: 'Thêm câu hỏi' }).click();
    await page.getByRole('heading', { name: 'Thêm câu hỏi', level: 1 }).waitFor();
    await page.getByLabel('Chủ đề').selectOption({ label: 'Cải cách thể chế' });
    await page
      .getByLabel('Nội dung câu hỏi')
      .fill(
        'Nghị quyết số 76/NQ-CP ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030.',
      );
    await page.getByLabel('Loại câu hỏi').selectOption('true_false');
    expect(await page.getByLabel('Phương án A', { exact: true }).inputValue()).toBe('Đúng');
    await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
    await page.getByText('Chưa chọn đáp án đúng.').waitFor();
    await page.getByRole('radio', { name: 'Đáp án đúng (phương án A)' }).check();
    await page
      .getByLabel('Giải thích')
      .fill('Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.');
    await page.getByLabel('Văn bản').fill('Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ');
    await page.getByLabel('Thẻ (không bắt buộc)').fill('nghị quyết 76, chương trình tổng thể');
    await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
    await page.getByRole('heading', { name: 'Sửa câu hỏi', level: 1 }).waitFor();
    await page.getByText('Đã thêm câu hỏi (phiên bản 1).').waitFor();
    expect(await page.getByLabel('Trạng thái').inputValue()).toBe('draft');
    await page.getByRole('link', { name: 'Về ngân hàng' }).click();
    await page.getByText('4 câu hỏi.', { exact: true }).waitFor();
  });

  it('edits a question: checks in the page, the server’s answer beside the field, version 2', async () => {
    await page.getByRole('link', { name: /^Từ ngày 01\/7\/2025/ }).click();
    await page.getByRole('heading', { name: 'Sửa câu hỏi', level: 1 }).waitFor();
    await page.getByText('Phiên bản 1', { exact: true }).waitFor();
    await page.getByText(/Mỗi lần lưu thay đổi sẽ tạo một phiên bản mới/).waitFor();
    expect(await page.getByLabel('Phương án B', { exact: true }).inputValue()).toBe('Hai cấp');
    expect(await page.getByRole('radio', { name: 'Đáp án đúng (phương án B)' }).isChecked()).toBe(
      true,
    );

    // Đúng/Sai replaces the options; going back restores them.
    await page.getByLabel('Loại câu hỏi').selectOption('true_false');
    expect(await page.getByLabel('Phương án A', { exact: true }).inputValue()).toBe('Đúng');
    expect(await page.getByLabel('Phương án B', { exact: true }).inputValue()).toBe('Sai');
    expect(await page.getByLabel('Phương án C', { exact: true }).count()).toBe(0);
    await page.getByLabel('Loại câu hỏi').selectOption('single');
    expect(await page.getByLabel('Phương án D', { exact: true }).inputValue()).toBe('Bốn cấp');

    // Checked in the page before sending.
    await page.getByLabel('Phương án C', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Phương án C không được để trống.').waitFor();
    await page.getByLabel('Phương án C', { exact: true }).fill('Ba cấp');

    // Only the server knows that another question has this text: its answer shows at the text.
    const text = page.getByLabel('Nội dung câu hỏi');
    await text.fill(String(GOOD_ROWS[2]?.[1]));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page
      .locator('[data-field="text"] .field__error')
      .getByText('Ngân hàng đã có một câu hỏi cùng nội dung.')
      .waitFor();

    await text.fill('Từ ngày 01/7/2025, chính quyền địa phương gồm mấy cấp (tỉnh, xã)?');
    await page.getByLabel('Mức độ').selectOption('easy');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu câu hỏi. Câu hỏi đang ở phiên bản 2.').waitFor();
    await page.getByText('Phiên bản 2', { exact: true }).waitFor();
    const versions = page.getByRole('table', { name: /Các phiên bản của câu hỏi/ });
    expect(await versions.locator('tbody tr').count()).toBe(2);
    expect(await versions.innerText()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await screenshot(page, 'question-editor');
  });

  it('imports the same file again, updating the duplicates to a new version when asked', async () => {
    await page.getByRole('link', { name: 'Về ngân hàng' }).click();
    await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
    await page.getByLabel('Tệp câu hỏi').setInputFiles(goodFile());
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByRole('heading', { name: 'Bước 2: Xem trước và kiểm tra' }).waitFor();
    // Two questions are unchanged; the one edited above no longer matches and is new again.
    await page.getByRole('heading', { name: 'Câu hỏi trùng với câu đã có (2)' }).waitFor();
    expect(
      await page.getByRole('button', { name: 'Nhập 1 câu hỏi vào ngân hàng' }).isEnabled(),
    ).toBe(true);

    await page.getByRole('radio', { name: 'Cập nhật thành phiên bản mới' }).check();
    const confirm = page.getByRole('button', { name: 'Nhập 3 câu hỏi vào ngân hàng' });
    await confirm.waitFor();
    const preview = await page.locator('.table--preview').innerText();
    expect(preview).toContain('Cập nhật');
    expect(preview).toContain('Thêm mới');
    await confirm.click();
    await page.getByRole('heading', { name: 'Bước 3: Kết quả' }).waitFor();
    const updated = page.locator('.facts div').filter({ hasText: 'Đã cập nhật' });
    expect((await updated.locator('dd').innerText()).trim()).toBe('2');
    await page.getByRole('link', { name: `Về ngân hàng “${NEW_BANK}”` }).click();
    await page.getByText('5 câu hỏi.', { exact: true }).waitFor();
  });

  it('deletes a bank only after its name is typed', async () => {
    await page.getByRole('heading', { name: NEW_BANK, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Xóa ngân hàng…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Gõ tên để xác nhận').fill('Câu hỏi tuần thi');
    await dialog.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
    await dialog.getByText('Tên bạn gõ chưa khớp.', { exact: false }).first().waitFor();
    await dialog.getByLabel('Gõ tên để xác nhận').fill(NEW_BANK);
    await dialog.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
    await page.getByRole('heading', { name: 'Ngân hàng câu hỏi', level: 1 }).waitFor();
    await page.getByText(`Đã xóa ngân hàng “${NEW_BANK}”.`).waitFor();
    expect(await page.getByRole('link', { name: NEW_BANK }).count()).toBe(0);
    await page.getByRole('link', { name: SAMPLE_BANK }).waitFor();
  });

  it('shows bank actions in the audit log, and what the server did itself as "Hệ thống"', async () => {
    await page.goto(`${server.baseUrl}/quan-tri/nhat-ky`);
    const table = page.getByRole('table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('Sửa câu hỏi');
    expect(text).toContain('Nhập câu hỏi từ tệp');
    expect(text).toContain('Tạo ngân hàng câu hỏi');
    expect(text).toContain('Xóa ngân hàng câu hỏi');
    expect(text).toContain('Thêm câu hỏi');
    expect(text).toContain('Ngân hàng câu hỏi');
    expect(text).toContain('Hệ thống');
    expect(text).not.toContain('Không xác định');
  });
});
