import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, newContext } from '../support/browser';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { ANSWER_KEYS, REVEALED_PHASES } from '../support/live-socket';

const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-1' };
const SAMPLE_BANK = 'Ngân hàng câu hỏi mẫu về cải cách hành chính';
/** Markup in a name must show as the characters typed, never as HTML. */
const PLAYER = 'Nguyễn Thị <b>Hoa</b>';
const QUESTIONS = 3;

interface BankQuestion {
  text: string;
  type: string;
  options: string[];
  correct: number[];
}

/**
 * Answer keys with a value anywhere in `value`, except inside a view of a revealed phase (the
 * only place the server may put them).
 */
function earlyLeaks(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => earlyLeaks(v, `${path}[${String(i)}]`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (
    typeof record.audience === 'string' &&
    typeof record.phase === 'string' &&
    REVEALED_PHASES.has(record.phase)
  )
    return [];
  return Object.entries(record).flatMap(([key, v]) => [
    ...(ANSWER_KEYS.has(key) && v !== null && v !== undefined ? [`${path}.${key}`] : []),
    ...earlyLeaks(v, `${path}.${key}`),
  ]);
}

/** The JSON of a socket.io event or ack frame ("42/live,[…]", "43/live,7[…]"); null otherwise. */
function socketPayload(frame: string | Buffer): unknown {
  if (typeof frame !== 'string') return null;
  const match = /^4[23](?:\/[^,[]*,)?\d*(\[[\s\S]*\])$/.exec(frame);
  if (!match?.[1]) return null;
  try {
    return JSON.parse(match[1]) as unknown;
  } catch {
    return null;
  }
}

const letter = (index: number) => String.fromCharCode(65 + index);

/**
 * A live final with three screens against the real server and the sample bank: the host creates
 * a 3-question classic game on a laptop and runs it, the projector shows the stage view from the
 * stage address, a contestant on a phone joins with the code and answers every question (and
 * reloads in the middle: same seat, same answer). Nothing the phone or the projector receives
 * carries an answer before its reveal.
 */
describeBrowser('the live final on three screens', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let host: Page;
  let stage: Page;
  let phone: Page;
  let bank: BankQuestion[] = [];
  let code = '';
  let stageUrl = '';
  /** Every socket.io payload the phone and the stage received. */
  const received: { who: string; payload: unknown }[] = [];

  function capture(page: Page, who: string): void {
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        const parsed = socketPayload(payload);
        if (parsed !== null) received.push({ who, payload: parsed });
      });
    });
  }

  async function adminApi<T>(path: string): Promise<T> {
    const response = await host.request.get(`${server.baseUrl}/api${path}`);
    if (!response.ok()) throw new Error(`GET ${path}: ${String(response.status())}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-browser-live-'));
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    server = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    browser = await launchBrowser();
    const hostContext = await newContext(browser, 'desktop');
    const stageContext = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    const phoneContext = await newContext(browser, 'phone');
    contexts = [hostContext, stageContext, phoneContext];
    host = await hostContext.newPage();
    await host.setViewportSize({ width: 1366, height: 768 });
    stage = await stageContext.newPage();
    phone = await phoneContext.newPage();
    capture(stage, 'stage');
    capture(phone, 'phone');
    host.on('dialog', (dialog) => {
      void dialog.accept();
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the host creates a classic game from the sample bank', async () => {
    await host.goto(`${server.baseUrl}/dang-nhap`);
    await host.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await host.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
    await host.getByRole('button', { name: 'Đăng nhập' }).click();
    await host.waitForURL('**/quan-tri');

    const banks = await adminApi<{ items: { id: string; name: string }[] }>('/banks');
    const sample = banks.items.find((b) => b.name === SAMPLE_BANK);
    expect(sample).toBeDefined();
    bank = (
      await adminApi<{ items: (BankQuestion & { status: string })[] }>(
        `/banks/${sample?.id ?? ''}/questions?pageSize=200`,
      )
    ).items.filter((q) => q.status === 'published');

    await host
      .getByRole('navigation', { name: 'Quản trị' })
      .getByRole('link', { name: 'Chung kết trực tiếp' })
      .click();
    await host.getByRole('heading', { name: 'Chung kết trực tiếp', level: 1 }).waitFor();
    const form = host.getByRole('region', { name: 'Tạo trò chơi' });
    await form.getByLabel('Ngân hàng câu hỏi').selectOption(sample?.id ?? '');
    await form.getByLabel('Phần thi').selectOption('classic');
    await form.getByLabel('Số câu hỏi').fill(String(QUESTIONS));
    await form.getByLabel('Thời gian mỗi câu').fill('60');
    await form.getByLabel('Thời gian đọc câu hỏi').fill('0');
    await form.getByRole('button', { name: 'Tạo trò chơi' }).click();
    await host.waitForURL(/\/quan-tri\/chung-ket\/[0-9a-f-]{36}$/);
    await host.getByRole('heading', { name: 'Điều khiển chung kết', level: 1 }).waitFor();

    code = (await host.locator('[data-code]').getAttribute('data-code')) ?? '';
    stageUrl = (await host.locator('[data-stage-url]').getAttribute('data-stage-url')) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(stageUrl).toContain('/trinh-chieu/');
    await host.getByText('Đang chờ người chơi').waitFor();

    // Reopening the console in the same tab still shows the stage address (sessionStorage).
    await host.reload();
    expect(await host.locator('[data-stage-url]').getAttribute('data-stage-url')).toBe(stageUrl);
  });

  it('the stage shows the code, and a phone joins with it', async () => {
    await stage.goto(stageUrl);
    await stage.getByText(`${code.slice(0, 3)} ${code.slice(3)}`).waitFor();
    await stage.getByText(`/choi/${code}`).waitFor();

    await phone.goto(`${server.baseUrl}/choi`);
    await phone.getByRole('heading', { name: 'Chung kết trực tiếp', level: 1 }).waitFor();
    await phone.getByLabel('Mã phòng thi').fill(code);
    await phone.getByLabel('Họ và tên').fill(PLAYER);
    await phone.getByLabel('Số báo danh (nếu có)').fill('07');
    await phone.getByRole('button', { name: 'Vào phòng thi' }).click();
    await phone.getByRole('heading', { name: 'Bạn đã vào phòng thi' }).waitFor();
    expect(phone.url()).toContain(`/choi/${code}`);

    // The name, markup included, is text on every screen.
    await host.getByRole('rowheader', { name: PLAYER }).waitFor();
    await stage.getByText(PLAYER, { exact: true }).waitFor();
    await phone.getByText(PLAYER, { exact: true }).waitFor();
    for (const page of [host, stage, phone])
      expect(await page.locator('main b, .stage b').count()).toBe(0);
  });

  it('plays three questions: the phone answers, the host reveals, everyone follows', async () => {
    await host.getByRole('button', { name: 'Bắt đầu' }).click();
    for (let n = 1; n <= QUESTIONS; n += 1) {
      await host.getByRole('button', { name: 'Mở trả lời' }).click();
      const text = (await phone.locator('.live-question__text').textContent()) ?? '';
      const question = bank.find((q) => q.text === text);
      expect(question).toBeDefined();
      if (!question) return;
      await stage.getByRole('heading', { name: text }).waitFor();
      await stage.getByRole('timer').waitFor();

      // Right at questions 1 and 3, wrong at question 2.
      const right = n !== 2;
      const wrongOne = question.options.findIndex((_, i) => !question.correct.includes(i));
      const choices = right ? question.correct : [wrongOne];
      const buttons = phone.locator('.live-choice');
      await buttons.first().waitFor();
      if (n === 1) {
        expect((await buttons.first().boundingBox())?.height).toBeGreaterThanOrEqual(56);
        await phone.screenshot({ path: join(DOCS_SCREENSHOTS, 'live-player.png') });
      }
      for (const choice of choices)
        await phone.getByRole('button', { name: `Phương án ${letter(choice)}:` }).click();
      if (question.type === 'multiple')
        await phone.getByRole('button', { name: 'Gửi đáp án' }).click();
      await phone.getByText('Đã gửi', { exact: true }).waitFor();

      if (n === 2) {
        // A reload rejoins with the stored token: same seat, the answer still there.
        await phone.reload();
        await phone.getByText('Đã gửi', { exact: true }).waitFor();
        await phone.getByText(PLAYER, { exact: true }).waitFor();
      }

      // The only player answered: the room locks itself.
      await host.getByText('Đã khóa trả lời').waitFor();
      await host.getByRole('button', { name: 'Công bố đáp án' }).click();
      await phone.getByText(right ? 'Chính xác!' : 'Chưa chính xác', { exact: true }).waitFor();
      await phone.getByText('Đáp án đúng:').waitFor();
      await stage.getByText(/người trả lời đúng/).waitFor();
      await host.getByText('Đã công bố đáp án').waitFor();
      if (n === 1) {
        await stage.screenshot({ path: join(DOCS_SCREENSHOTS, 'live-stage.png') });
        await host.screenshot({ path: join(DOCS_SCREENSHOTS, 'live-host.png'), fullPage: true });
      }

      await host.getByRole('button', { name: 'Xem bảng xếp hạng' }).click();
      await phone.getByRole('heading', { name: 'Bảng xếp hạng' }).waitFor();
      await stage.getByRole('heading', { name: 'Bảng xếp hạng' }).waitFor();
      if (n < QUESTIONS) await host.getByRole('button', { name: 'Câu tiếp' }).click();
    }

    await host.getByRole('button', { name: 'Kết thúc' }).click();
    await host.getByText('Đã kết thúc').waitFor();
    await phone.getByRole('heading', { name: 'Trò chơi đã kết thúc' }).waitFor();
    await phone.getByText(/Chung cuộc, bạn xếp hạng 1 với/).waitFor();
    await phone.getByText('2 câu đúng', { exact: false }).waitFor();
    const podium = stage.getByRole('list', { name: 'Bục vinh quang' });
    await podium.waitFor();
    await podium.getByText(PLAYER, { exact: true }).waitFor();
  });

  it('no payload the phone or the stage received showed an answer before its reveal', () => {
    expect(received.length).toBeGreaterThan(20);
    expect(
      received.flatMap(({ who, payload }) => earlyLeaks(payload).map((l) => `${who} ${l}`)),
    ).toEqual([]);
    // …and the scanner does see the answers once revealed.
    const revealed = JSON.stringify(received.map((r) => r.payload));
    expect(revealed).toContain('"correctChoices":[');
  });
});
