import request from 'supertest';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';
import { isCorrectChoice } from '../../src/practice/draw';

/**
 * The answer path is one SQL statement that checks the choice against the question and judges
 * it (PracticeRepository.answerOnce): these cases pin it to the rules the service states in
 * TypeScript (`isCorrectChoice`, the INVALID_* refusals), on the real schema and sample bank.
 */
describe('practice answer statement', () => {
  let t: TestApp;
  let questions: { id: string; type: string; correct: number[]; options: string[] }[];

  beforeAll(async () => {
    t = await startTestApp({ SEED_SAMPLE_DATA: 'true', API_RATE_LIMIT: '100000' });
    const admin = await signedInAgent(t.baseUrl);
    const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    questions = (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body
      .items;
  });
  afterAll(async () => {
    await t?.close();
  });

  const session = async (type: string) => {
    const ids = questions.filter((q) => q.type === type).map((q) => q.id);
    const res = await request(t.baseUrl)
      .post('/api/practice/sessions')
      .send({ mode: 'missed', length: 10, questionIds: ids });
    expect(res.status).toBe(201);
    return res.body as {
      id: string;
      token: string;
      questions: { position: number; questionId: string }[];
    };
  };
  const answer = (s: { id: string; token: string }, position: number, chosen: number[]) =>
    request(t.baseUrl)
      .post(`/api/practice/sessions/${s.id}/answers`)
      .set('x-practice-token', s.token)
      .send({ position, chosen });
  const keyOf = (questionId: string) => {
    const q = questions.find((x) => x.id === questionId);
    if (!q) throw new Error(`question ${questionId} not in the bank`);
    return q;
  };

  it('judges multiple-choice answers exactly like isCorrectChoice (order and repeats ignored)', async () => {
    const s = await session('multiple');
    for (const item of s.questions) {
      const { correct, options } = keyOf(item.questionId);
      // A different kind of choice at each position: the key shuffled with a repeat, a subset,
      // a superset, a single option, the key itself.
      const all = options.map((_, i) => i);
      const variants = [
        [...correct].reverse().concat(correct[0] ?? 0),
        correct.slice(1),
        all,
        [correct.at(-1) ?? 0],
        correct,
      ];
      const chosen = variants[item.position % variants.length];
      if (chosen.length === 0) continue;
      const res = await answer(s, item.position, chosen);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        chosen: [...new Set(chosen)].sort((a, b) => a - b),
        correct: isCorrectChoice(chosen, correct),
        correctOptions: correct,
        alreadyAnswered: false,
      });
    }
  });

  it('refuses what does not fit the question, even at a position answered already', async () => {
    const single = await session('single');
    const first = single.questions[0];
    const options = keyOf(first.questionId).options.length;
    expect((await answer(single, 0, [options])).body.code).toBe('INVALID_CHOICE');
    expect((await answer(single, 0, [0, 1])).body.code).toBe('INVALID_CHOICE');
    expect((await answer(single, 0, [-1])).body.code).toBe('INVALID_CHOICE');
    // An integer beyond PostgreSQL's int is refused like any option that does not exist.
    expect((await answer(single, 0, [2 ** 31])).body.code).toBe('INVALID_CHOICE');
    expect((await answer(single, 0, [Number.MAX_SAFE_INTEGER])).body.code).toBe('INVALID_CHOICE');
    expect((await answer(single, 0, [options - 1])).status).toBe(200);
    expect((await answer(single, 0, [options])).body.code).toBe('INVALID_CHOICE');
    const again = await answer(single, 0, [0]);
    expect(again.body).toMatchObject({ chosen: [options - 1], alreadyAnswered: true });

    const multiple = await session('multiple');
    const m = keyOf(multiple.questions[0].questionId);
    expect((await answer(multiple, 0, [0, m.options.length])).body.code).toBe('INVALID_CHOICE');
    expect((await answer(multiple, 0, [1, 0])).status).toBe(200);
  });

  it('stores one answer when the same position is sent several times at once', async () => {
    const s = await session('true_false');
    const replies = await Promise.all([0, 1, 0, 1, 0, 1].map((c) => answer(s, 3, [c])));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(replies.filter((r) => r.body.alreadyAnswered === false)).toHaveLength(1);
    const stored = replies.find((r) => r.body.alreadyAnswered === false)?.body.chosen;
    for (const r of replies) expect(r.body.chosen).toEqual(stored);
  });

  it('tells a wrong token and a bad position apart from a bad choice', async () => {
    const s = await session('single');
    expect((await answer({ ...s, token: 'sai' }, 0, [0])).body.code).toBe(
      'PRACTICE_SESSION_NOT_FOUND',
    );
    expect((await answer({ ...s, token: 'sai' }, 0, [-1])).body.code).toBe(
      'PRACTICE_SESSION_NOT_FOUND',
    );
    expect((await answer(s, 12, [0])).body.code).toBe('INVALID_POSITION');
    expect((await answer(s, 12, [99])).body.code).toBe('INVALID_POSITION');
  });
});
