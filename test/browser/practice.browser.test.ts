import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { describeBrowser, launchBrowser, newContext, screenshot } from '../support/browser';
import { ServerProcess, startServerProcess } from '../support/server-process';

const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
/** Keys that reveal an answer: never sent for a question before it is answered. */
const ANSWER_KEYS = /"(correct|correctOptions|explanation|source)"/;
const ANSWER_ROUTE = '**/api/practice/sessions/*/answers';

interface Seen {
  method: string;
  path: string;
  status: number;
  body: Record<string, unknown> | null;
  /** Answers acknowledged by the server before this response arrived. */
  answeredBefore: number[];
}

/**
 * A resident on a cheap phone (360×740), in a real browser against the real server with the
 * sample bank: opens practice from the home page, plays a random mix of 10 questions with a
 * reload in the middle, a lost connection and a slow reply, reads the verdict, explanation and
 * legal source after each answer, then practises the questions missed.
 */
describeBrowser('public practice on a phone', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const seen: Seen[] = [];
  const reading: Promise<void>[] = [];
  const answered: number[] = [];
  let correctVerdicts = 0;

  async function record(response: Response): Promise<void> {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/practice/sessions')) return;
    const entry: Seen = {
      method: response.request().method(),
      path: url.pathname,
      status: response.status(),
      body: null,
      answeredBefore: [...answered],
    };
    seen.push(entry);
    try {
      entry.body = (await response.json()) as Record<string, unknown>;
    } catch {
      // An aborted request has no body.
    }
    if (entry.method === 'POST' && entry.path.endsWith('/answers') && entry.status === 200) {
      answered.push(entry.body?.position as number);
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-browser-practice-'));
    server = await startServerProcess({ NODE_ENV: 'development', DATA_DIR: dataDir });
    browser = await launchBrowser();
    page = await (await newContext(browser, 'phone')).newPage();
    page.on('response', (response) => {
      reading.push(record(response));
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const heading = (name: string) => page.getByRole('heading', { name, level: 1, exact: true });
  const verdict = () => page.locator('.verdict');
  const optionButtons = () => page.locator('ul.options button.option');
  const optionBoxes = () => page.getByRole('checkbox');

  /** Chooses the first option: a tap for single and true/false, a tick + "Trả lời" for multiple. */
  async function chooseFirst(): Promise<'single' | 'multiple'> {
    if ((await optionBoxes().count()) > 0) {
      await page.getByText('Chọn tất cả các đáp án đúng').waitFor();
      await optionBoxes().first().check();
      await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
      return 'multiple';
    }
    await optionButtons().first().click();
    return 'single';
  }

  async function firstStillChosen(kind: 'single' | 'multiple'): Promise<boolean> {
    if (kind === 'multiple') return optionBoxes().first().isChecked();
    return (
      (await optionButtons().first().getAttribute('class'))?.includes('option--chosen') ?? false
    );
  }

  /** The verdict, the explanation and the legal source are on screen; returns "correct". */
  async function expectFeedback(): Promise<boolean> {
    await verdict().waitFor();
    const title = (await page.locator('.verdict__title').innerText()).trim();
    expect(title).toMatch(/^✓\s*Chính xác!$|^✗\s*Chưa đúng$/);
    expect(await page.locator('.verdict__explanation').isVisible()).toBe(true);
    expect((await page.locator('.verdict__explanation').innerText()).trim().length).toBeGreaterThan(
      10,
    );
    const source = page.locator('.verdict__source');
    expect(await source.isVisible()).toBe(true);
    expect((await source.innerText()).trim()).toMatch(/^Căn cứ: \S.{5,}/);
    // The right option(s) are marked with text, not colour alone.
    expect(await page.locator('.option--right').count()).toBeGreaterThan(0);
    expect(await page.locator('.option--right .option__mark').first().innerText()).toMatch(
      /Đáp án đúng|Bạn chọn – đúng/,
    );
    return title.includes('Chính xác');
  }

  it('opens practice from the home page link', async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('link', { name: 'Luyện tập', exact: true }).first().click();
    await page.waitForURL('**/luyen-tap');
    await heading('Luyện tập').waitFor();
    // No session on this device yet: nothing to continue or review.
    expect(await page.getByText('Tiếp tục lượt đang làm').count()).toBe(0);
    expect(await page.getByText('Ôn lại các câu tôi đã trả lời sai').count()).toBe(0);
  });

  it('starts a random mix of 10 questions', async () => {
    await page.getByRole('radio', { name: /^Ngẫu nhiên tất cả chủ đề/ }).check();
    await page.getByRole('radio', { name: '10 câu', exact: true }).check();
    await page.getByRole('button', { name: 'Bắt đầu luyện tập' }).click();
    await heading('Câu 1/10').waitFor();
    await page.waitForURL('**/luyen-tap/lam-bai');
    expect((await page.locator('.practice-topic').innerText()).trim()).not.toBe('');
    await screenshot(page, 'practice-question-phone');
  });

  it('answers all 10 with a verdict, explanation and source each time, and resumes after a reload', async () => {
    for (let number = 1; number <= 10; number++) {
      await heading(`Câu ${number}/10`).waitFor();

      if (number === 2) {
        // The connection drops: a Vietnamese message, "Thử lại", and the choice is kept.
        await page.route(ANSWER_ROUTE, (route) => route.abort('internetdisconnected'));
        const kind = await chooseFirst();
        const alert = page.getByRole('alert').filter({ hasText: 'Không kết nối được' });
        await alert.waitFor();
        expect(await verdict().count()).toBe(0);
        expect(await firstStillChosen(kind)).toBe(true);
        await page.unroute(ANSWER_ROUTE);
        await alert.getByRole('button', { name: 'Thử lại' }).click();
      } else if (number === 3) {
        // A slow reply: the options cannot be used again while the answer is in flight.
        let release = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route(ANSWER_ROUTE, async (route) => {
          await held;
          await route.continue();
        });
        const kind = await chooseFirst();
        const control =
          kind === 'single'
            ? optionButtons().first()
            : page.getByRole('button', { name: /Đang gửi/ });
        await page.getByText('Đang kiểm tra câu trả lời…').waitFor();
        expect(await control.getAttribute('aria-disabled')).toBe('true');
        release();
        await verdict().waitFor();
        await page.unroute(ANSWER_ROUTE);
      } else {
        await chooseFirst();
      }

      if (await expectFeedback()) correctVerdicts += 1;

      if (number === 1) {
        await screenshot(page, 'practice-feedback-phone');
        mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
        await page.evaluate('window.scrollTo(0, 0)');
        const next = await page.getByRole('button', { name: 'Câu tiếp theo' }).boundingBox();
        await page.screenshot({
          path: join(DOCS_SCREENSHOTS, 'practice-phone.png'),
          fullPage: true,
          clip: { x: 0, y: 0, width: 360, height: Math.ceil((next?.y ?? 1200) + 72) },
        });
      }

      if (number === 4) {
        await page.reload();
        await heading('Câu 5/10').waitFor();
        // The progress bar shows the four answers given before the reload.
        const width = await page.locator('.practice-progress__bar span').getAttribute('style');
        expect(width).toMatch(/width:\s*40%/);
        expect(await verdict().count()).toBe(0);
        continue;
      }

      await page
        .getByRole('button', { name: number === 10 ? 'Xem kết quả' : 'Câu tiếp theo' })
        .click();
    }
  }, 120_000);

  it('shows the score that matches the verdicts, and a summary per topic', async () => {
    await heading('Kết quả luyện tập').waitFor();
    await page.locator('.practice-score').waitFor();
    const score = (await page.locator('.practice-score').innerText()).replace(/\s+/g, ' ').trim();
    expect(score).toBe(`Bạn trả lời đúng ${correctVerdicts}/10 câu`);
    const counts = await page.locator('.practice-topics-table tbody td').allInnerTexts();
    const totals = counts.map((text) => text.split('/').map(Number));
    expect(totals.reduce((sum, [, total]) => sum + (total ?? 0), 0)).toBe(10);
    expect(totals.reduce((sum, [correct]) => sum + (correct ?? 0), 0)).toBe(correctVerdicts);
    await screenshot(page, 'practice-summary-phone');
  });

  it('practises exactly the questions missed in this session', async () => {
    const missed = 10 - correctVerdicts;
    const button = page.getByRole('button', { name: 'Luyện tập các câu đã sai' });
    if (missed === 0) {
      expect(await button.count()).toBe(0);
      return;
    }
    const created = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/practice/sessions',
    );
    await button.click();
    const body = (await (await created).json()) as { mode: string; questions: unknown[] };
    expect(body.mode).toBe('missed');
    expect(body.questions).toHaveLength(missed);
    await heading(`Câu 1/${missed}`).waitFor();

    // Back on the start page: the session in progress and this device's missed questions.
    await page.getByRole('link', { name: 'Tạm dừng' }).click();
    await heading('Luyện tập').waitFor();
    await page.getByRole('link', { name: 'Tiếp tục lượt đang làm' }).waitFor();
    expect(await page.locator('#on-lai-mo-ta').innerText()).toContain(`${missed} câu`);
    await page.getByRole('link', { name: 'Tiếp tục lượt đang làm' }).click();
    await heading(`Câu 1/${missed}`).waitFor();
  });

  it('never sent an answer key, explanation or source before the question was answered', async () => {
    await Promise.all(reading);
    const created = seen.filter((s) => s.method === 'POST' && s.path === '/api/practice/sessions');
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const response of created) {
      expect(response.status).toBe(201);
      expect(response.body?.answers).toEqual([]);
      expect(JSON.stringify(response.body)).not.toMatch(ANSWER_KEYS);
    }

    const restored = seen.filter(
      (s) => s.method === 'GET' && /^\/api\/practice\/sessions\/[^/]+$/.test(s.path),
    );
    expect(restored.length).toBeGreaterThanOrEqual(1); // the reload
    for (const response of restored) {
      const body = response.body as {
        questions: unknown[];
        answers: { position: number }[];
      };
      expect(JSON.stringify(body.questions)).not.toMatch(ANSWER_KEYS);
      for (const answer of body.answers) expect(response.answeredBefore).toContain(answer.position);
    }
    // The reload came after four answers: exactly those four came back.
    expect((restored[0]?.body?.answers as unknown[]).length).toBe(4);
  });
});
