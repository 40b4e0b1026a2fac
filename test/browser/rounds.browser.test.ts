import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import type * as Server from '../../src/shared/rounds';
import { describeBrowser, launchBrowser, newContext, screenshot } from '../support/browser';
import { ServerProcess, startServerProcess } from '../support/server-process';

const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-1' };
const CONTEST = 'Hội thi tìm hiểu cải cách hành chính phường Hòa Bình 2026';
const ROUND = 'Tuần 1';
const QUESTIONS = 5;
/** A key that reveals an answer: never in any response before the attempt is submitted. */
const ANSWER_KEYS = /"(correct|explanation|legalSource)"\s*:/;
const SAVE_ROUTE = '**/api/attempts/*/answers/*';
/** The socket.io connection: the attempt page saves and submits over it once it is open. */
const SOCKET_ROUTE = '**/socket.io/**';

/** A socket.io acknowledgement frame, `43<id>[reply]`: the reply, else null. */
function ackOf(payload: string): { ok: boolean; data?: unknown } | null {
  const match = /^43\d+(\[.*\])$/s.exec(payload);
  if (!match) return null;
  const [reply] = JSON.parse(match[1]) as [{ ok: boolean; data?: unknown }];
  return reply;
}

interface Seen {
  method: string;
  path: string;
  status: number;
  text: string;
  /** Whether the attempt had been submitted (its submit reply received) before this response. */
  afterSubmit: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "09:41" → 581 seconds. */
function seconds(countdown: string): number {
  const parts = countdown.trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/**
 * A resident on a cheap phone (360×740), in a real browser against the real server with the
 * sample bank: finds the open round from the home page, registers with consent, starts the
 * round, answers with autosave (one save lost to the network and retried), reloads in the
 * middle, finds the same answers and the server's remaining time, submits with a prediction
 * and reads the score.
 */
describeBrowser('a timed online round on a phone', () => {
  let dataDir: string;
  let srv: ServerProcess;
  let browser: Browser;
  let page: Page;
  let contestId: string;
  let roundId: string;
  let attemptId = '';
  let submitted = false;
  const seen: Seen[] = [];
  const reading: Promise<void>[] = [];
  /** Every socket.io frame, both ways (through the route below, which passes them on). */
  const frames: { sent: boolean; payload: string; afterSubmit: boolean }[] = [];
  const frameWaiters: ((payload: string) => void)[] = [];
  /** While true, the page's `attempt:save` messages are lost on the way (no ack comes). */
  let dropSaves = false;
  /** Display index chosen per question number (1-based). */
  const chosen = new Map<number, number>();

  async function record(response: Response): Promise<void> {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const entry: Seen = {
      method: response.request().method(),
      path: url.pathname,
      status: response.status(),
      text: '',
      afterSubmit: submitted,
    };
    seen.push(entry);
    try {
      entry.text = await response.text();
    } catch {
      // An aborted request has no body.
    }
  }

  async function adminCall(cookie: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${srv.baseUrl}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-browser-rounds-'));
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    srv = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    });

    // The organizer's side, through the API: a contest and an open round from the sample bank.
    const login = await fetch(`${srv.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const banks = (await adminCall(cookie, 'GET', '/banks')) as { items: { id: string }[] };
    const bankId = banks.items[0].id;
    contestId = (await adminCall(cookie, 'POST', '/contests', { name: CONTEST })).id as string;
    const now = Date.now();
    roundId = (
      await adminCall(cookie, 'POST', `/contests/${contestId}/rounds`, {
        name: ROUND,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
        timeLimitSeconds: 600,
        reviewPolicy: 'after_submit',
        bankId,
        blueprint: [
          { topicCode: 'the-che', count: 2 },
          { topicCode: 'thu-tuc-hanh-chinh', count: 2 },
          { topicCode: 'chinh-phu-dien-tu', count: 1 },
        ],
      })
    ).id as string;
    await adminCall(cookie, 'POST', `/rounds/${roundId}/publish`);
    await adminCall(cookie, 'POST', `/rounds/${roundId}/open`);

    browser = await launchBrowser();
    page = await (await newContext(browser, 'phone')).newPage();
    page.on('response', (response) => {
      reading.push(record(response));
    });
    await page.routeWebSocket(SOCKET_ROUTE, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const payload = String(message);
        frames.push({ sent: true, payload, afterSubmit: submitted });
        if (dropSaves && payload.includes('"attempt:save"')) return;
        server.send(message);
      });
      server.onMessage((message) => {
        const payload = String(message);
        frames.push({ sent: false, payload, afterSubmit: submitted });
        for (const waiter of frameWaiters.splice(0)) waiter(payload);
        ws.send(message);
      });
    });
  }, 120_000);

  /** The next acknowledgement received over the socket whose reply matches `wanted`. */
  function nextAck(wanted: (reply: { ok: boolean; data?: unknown }) => boolean) {
    return new Promise<{ ok: boolean; data?: unknown }>((resolve) => {
      const listen = (payload: string) => {
        const reply = ackOf(payload);
        if (reply && wanted(reply)) resolve(reply);
        else frameWaiters.push(listen);
      };
      frameWaiters.push(listen);
    });
  }
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const heading = (name: string) => page.getByRole('heading', { name, level: 1, exact: true });
  const answers = () => page.locator('label.answer');
  const inputs = () => page.locator('input.answer__input');
  const saveText = () => page.locator('.save-state__text');

  /** Chooses option `index` of the question on screen and waits for "Đã lưu". */
  async function answer(number: number, index: number): Promise<void> {
    await heading(`Câu ${number}/${QUESTIONS}`).waitFor();
    const count = await answers().count();
    const pick = index % count;
    await answers().nth(pick).click();
    await saveText().filter({ hasText: 'Đã lưu' }).waitFor();
    expect(await inputs().nth(pick).isChecked()).toBe(true);
    chosen.set(number, pick);
  }

  it('finds the open round from the home page', async () => {
    await page.goto(srv.baseUrl);
    await page.getByRole('link', { name: 'Vòng thi trực tuyến', exact: true }).first().click();
    await page.waitForURL('**/hoi-thi');
    await heading('Vòng thi trực tuyến').waitFor();
    const card = page.locator('.contest-card').filter({ hasText: CONTEST });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(ROUND);
    expect(text).toContain('Đang mở');
    expect(text).toContain('10 phút');
    expect(text).toContain(`${QUESTIONS} câu`);
    // Times in Vietnam time: "dd/mm/yyyy hh:mm".
    expect(text).toMatch(/\d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}|\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}/);
    await screenshot(page, 'rounds-list-phone');
    await card.getByRole('link', { name: CONTEST }).click();
    await heading(CONTEST).waitFor();
  });

  it('registers with consent, checking the phone on the device and showing the form errors', async () => {
    await page.getByRole('button', { name: 'Đăng ký dự thi' }).click();
    await page.getByText('Vui lòng nhập họ và tên.').waitFor();
    expect(await page.getByText('Bạn cần đồng ý với việc xử lý dữ liệu cá nhân').count()).toBe(1);
    // The first field in error takes the focus.
    expect(
      await page.getByLabel('Họ và tên').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);

    await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await page.getByLabel('Năm sinh').fill('1988');
    await page.getByRole('radio', { name: 'Nữ', exact: true }).check();
    await page.getByLabel('Số điện thoại').fill('0123');
    await page.getByLabel('Đơn vị công tác hoặc tổ dân phố').fill('Tổ dân phố 5');
    await page.getByRole('radio', { name: 'Người dân', exact: true }).check();
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-du-thi');
    await page.getByRole('checkbox', { name: /Tôi đã đọc thông báo/ }).check();
    await page.getByRole('button', { name: 'Đăng ký dự thi' }).click();
    await page.locator('.field__error').filter({ hasText: 'Số điện thoại không hợp lệ' }).waitFor();
    expect(seen.some((s) => s.path.endsWith('/participants'))).toBe(false);

    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    expect(await page.locator('.field__error').count()).toBe(0);
    // The personal-data notice says what is kept and why, citing the decree.
    const notice = await page.locator('.privacy').innerText();
    expect(notice).toContain('Nghị định số 13/2023/NĐ-CP');
    expect(notice).toContain('số điện thoại đã che bớt');
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'rounds-register.png'), fullPage: true });

    await page.getByRole('button', { name: 'Đăng ký dự thi' }).click();
    await page.getByText(/^Đăng ký thành công/).waitFor();
    const who = await page.locator('.signed-in').innerText();
    expect(who).toContain('Trần Thị Bình');
    expect(who).toContain('09xx xxx 678');
    expect(who).not.toContain('0912345678');
  });

  it('starts the round from its page', async () => {
    await page
      .locator('.round-item')
      .filter({ hasText: ROUND })
      .getByRole('link', { name: 'Vào thi' })
      .click();
    await heading(`${ROUND} Đang mở`).waitFor();
    expect(await page.locator('.rules').innerText()).toContain('câu hỏi dự đoán');
    await screenshot(page, 'rounds-round-phone');
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.waitForURL('**/bai-thi/*');
    attemptId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await heading(`Câu 1/${QUESTIONS}`).waitFor();
  });

  it('autosaves three answers, retrying one lost to the network', async () => {
    await answer(1, 0);
    // The timer bar, the question with its saved answer, and the navigator (page coordinates).
    await page.evaluate('window.scrollTo(0, 0)');
    const top = (await page.locator('.attempt-bar').boundingBox())?.y ?? 0;
    const nav = await page.locator('.navigator').boundingBox();
    await page.screenshot({
      path: join(DOCS_SCREENSHOTS, 'rounds-attempt.png'),
      fullPage: true,
      clip: {
        x: 0,
        y: top,
        width: 360,
        height: Math.ceil((nav?.y ?? 0) + (nav?.height ?? 0) - top),
      },
    });
    await page.getByRole('button', { name: 'Câu sau →' }).click();

    // The connection drops while saving (whichever way the save goes): never shown as saved,
    // retried on its own.
    await heading(`Câu 2/${QUESTIONS}`).waitFor();
    dropSaves = true;
    await page.route(SAVE_ROUTE, (route) => route.abort('internetdisconnected'));
    await answers().nth(1).click();
    await saveText().filter({ hasText: 'Chưa lưu — thử lại' }).waitFor();
    expect(await page.locator('.save-state--saved').count()).toBe(0);
    expect(await page.locator('.answer--pending').count()).toBe(1);
    dropSaves = false;
    await page.unroute(SAVE_ROUTE);
    await saveText().filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 15_000 });
    chosen.set(2, 1);
    await page.getByRole('button', { name: 'Câu sau →' }).click();

    await answer(3, 2);
    expect(await page.locator('.navigator__item--saved').count()).toBe(3);
  });

  it('resumes after a reload with the same answers and the server’s remaining time', async () => {
    const restored = page.waitForResponse(
      (r) =>
        r.request().method() === 'GET' &&
        new URL(r.url()).pathname === `/api/attempts/${attemptId}`,
    );
    await page.reload();
    const view = (await (await restored).json()) as Server.AttemptView;
    expect(view.answers).toHaveLength(3);
    await heading(`Câu 4/${QUESTIONS}`).waitFor();
    await sleep(600); // one tick of the countdown after the reply
    const shown = seconds(await page.locator('.timer__value').innerText());
    const expected = (Date.parse(view.deadline) - Date.now()) / 1000;
    expect(Math.abs(shown - expected)).toBeLessThanOrEqual(3);
    expect(shown).toBeGreaterThan(500);
    expect(await page.locator('.navigator__item--saved').count()).toBe(3);

    for (const [number, index] of chosen) {
      await page
        .getByRole('navigation', { name: 'Các câu hỏi' })
        .getByRole('button', { name: new RegExp(`^${number}\\s*,`) })
        .click();
      await heading(`Câu ${number}/${QUESTIONS}`).waitFor();
      expect(await inputs().nth(index).isChecked()).toBe(true);
      expect(await saveText().innerText()).toContain('Đã lưu');
    }
  });

  it('lists the unanswered question before submitting, then submits with a prediction', async () => {
    await page
      .getByRole('navigation', { name: 'Các câu hỏi' })
      .getByRole('button', { name: /^4\s*,/ })
      .click();
    await answer(4, 3);
    // Straight to the prediction, skipping question 5: the confirmation names it.
    await page.getByRole('button', { name: 'Dự đoán & nộp bài' }).click();
    await heading('Câu hỏi dự đoán').waitFor();
    await page.getByLabel('Số người (dự đoán)').fill('12,5');
    await page.getByRole('button', { name: 'Nộp bài', exact: true }).click();
    await page.getByText('Số người dự đoán phải là số nguyên không âm.').waitFor();
    await page.getByLabel('Số người (dự đoán)').fill('12');
    await page.getByRole('button', { name: 'Nộp bài', exact: true }).click();
    const confirm = page.getByRole('region', { name: 'Bạn chắc chắn muốn nộp bài?' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('1 câu chưa trả lời');
    await confirm.getByRole('button', { name: 'Câu 5' }).click();
    await answer(5, 0);
    await page.getByRole('button', { name: 'Tiếp: câu hỏi dự đoán →' }).click();
    await heading('Câu hỏi dự đoán').waitFor();
    // The prediction typed before is kept.
    expect(await page.getByLabel('Số người (dự đoán)').inputValue()).toBe('12');
    await page.getByRole('button', { name: 'Nộp bài', exact: true }).click();
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(`Bạn đã trả lời tất cả ${QUESTIONS} câu.`);

    // Submitted over the open connection: its acknowledgement carries the result.
    const submitAck = nextAck(
      (reply) => reply.ok && (reply.data as { id?: string; status?: string }).id === attemptId,
    );
    await confirm.getByRole('button', { name: 'Xác nhận nộp bài' }).click();
    const reply = await submitAck;
    submitted = true;
    const result = reply.data as Server.AttemptResult;
    expect(result.status).toBe('submitted');
    expect(result.prediction).toBe(12);

    await page.waitForURL('**/ket-qua');
    await heading('Kết quả bài thi').waitFor();
    await page.locator('.result-score__value').waitFor();
    expect((await page.locator('.result-score__value').innerText()).trim()).toBe(
      `${result.score}/${result.maxScore}`,
    );
    const facts = await page.locator('.result-facts').innerText();
    expect(facts).toContain(`${result.correctCount}/${QUESTIONS} câu`);
    expect(facts).toMatch(/\d{2}:\d{2}/);
    expect(facts).toContain('Hạng tạm thời');
    expect(facts).toContain('1 / 1');
    expect(await page.getByText('Đây là lượt thi được tính để xếp hạng.').count()).toBe(1);
    await screenshot(page, 'rounds-result-phone');
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'rounds-result.png'), fullPage: true });
  });

  it('shows the answers, explanations and legal sources after submission', async () => {
    await page.getByRole('link', { name: 'Xem đáp án' }).click();
    await page.waitForURL('**/dap-an');
    await heading('Đáp án bài thi').waitFor();
    const items = page.locator('.review-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(QUESTIONS);
    expect(await page.locator('.review-option--right').count()).toBeGreaterThanOrEqual(QUESTIONS);
    expect(await page.locator('.review-item__source').count()).toBeGreaterThan(0);
    expect(await page.locator('.review-item__source').first().innerText()).toMatch(/^Căn cứ: \S/);
    await screenshot(page, 'rounds-review-phone');
    await page.getByRole('link', { name: 'Về trang kết quả' }).click();
    await heading('Kết quả bài thi').waitFor();
  });

  it('shows the live leaderboard with a provisional badge and the participant’s own rank', async () => {
    await page.getByRole('link', { name: 'Xem bảng xếp hạng' }).click();
    await page.waitForURL('**/bang-xep-hang');
    await page.getByRole('heading', { name: /^Bảng xếp hạng/, level: 1 }).waitFor();
    await page.getByText('Đang cập nhật trực tiếp.').waitFor();
    expect(await page.locator('h1 .tag').innerText()).toBe('Tạm thời');
    const mine = page.getByRole('region', { name: 'Hạng của bạn' });
    await mine.waitFor();
    expect((await mine.innerText()).replace(/\s+/g, ' ')).toContain('1 / 1');
    const row = page.locator('tr.board__me');
    expect(await row.innerText()).toContain('Trần Thị Bình');
    expect(await row.innerText()).toContain('09xx xxx 678');
    await page.screenshot({
      path: join(DOCS_SCREENSHOTS, 'rounds-leaderboard.png'),
      fullPage: true,
    });

    // Per group: the participant registered as "Người dân".
    await page.getByRole('link', { name: 'Cán bộ, công chức, viên chức' }).click();
    await page.getByText('Chưa có ai nộp bài trong vòng thi này.').waitFor();
    await page.getByRole('link', { name: 'Người dân', exact: true }).click();
    await page.locator('tr.board__me').waitFor();
  });

  it('never sent an answer key, explanation or legal source before the submission', async () => {
    await Promise.all(reading);
    const before = seen.filter((s) => !s.afterSubmit);
    // The attempt over HTTP (the reload), its answers over the socket.
    expect(
      before.filter((s) => s.path.startsWith(`/api/attempts/${attemptId}`)).length,
    ).toBeGreaterThanOrEqual(1);
    for (const response of before) expect(response.text).not.toMatch(ANSWER_KEYS);
    const received = frames.filter((f) => !f.sent && !f.afterSubmit);
    for (const frame of received) expect(frame.payload).not.toMatch(ANSWER_KEYS);
    // The saves went over the socket once it was open (the first may have gone over HTTP while
    // it connected) and each was acknowledged: ok over the socket, 200 over HTTP (the one lost
    // on the way has no reply, and was sent again).
    const socketSaves = frames.filter((f) => f.sent && f.payload.includes('"attempt:save"'));
    expect(socketSaves.length).toBeGreaterThanOrEqual(QUESTIONS - 1);
    const acks = received.map((f) => ackOf(f.payload)).filter((a) => a !== null);
    expect(acks.length).toBeGreaterThanOrEqual(QUESTIONS - 1);
    for (const ack of acks) expect(ack.ok).toBe(true);
    const httpSaves = seen.filter((s) => s.method === 'PUT');
    expect(socketSaves.length - 1 + httpSaves.length).toBeGreaterThanOrEqual(QUESTIONS);
    for (const save of httpSaves) expect(save.status).toBe(200);
  });
});
