import request from 'supertest';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;
const ANSWER_KEYS = /"(correct|correctOptions|explanation|source)"/;

async function sampleQuestions(
  admin: Agent,
): Promise<{ id: string; correct: number[]; options: string[]; topicId: string }[]> {
  const bankId = (await admin.get('/api/banks')).body.items[0].id;
  return (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body.items;
}

describe('public practice', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    admin = await signedInAgent(t.baseUrl);
  });
  afterAll(async () => {
    await t?.close();
  });

  const start = (body: object) => request(t.baseUrl).post('/api/practice/sessions').send(body);

  it('lists the topics of banks open for practice, without signing in', async () => {
    const res = await request(t.baseUrl).get('/api/practice/topics');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(7);
    expect(res.body.items[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      questions: expect.any(Number),
    });
  });

  it('plays a 10-question session: no answer key before each answer, feedback with explanation and source after', async () => {
    const started = await start({ mode: 'mix', length: 10 });
    expect(started.status).toBe(201);
    expect(started.body.questions).toHaveLength(10);
    expect(started.body.answers).toEqual([]);
    expect(JSON.stringify(started.body.questions)).not.toMatch(ANSWER_KEYS);
    const { id, token } = started.body;
    const keys = new Map((await sampleQuestions(admin)).map((q) => [q.id, q.correct]));

    for (const q of started.body.questions as {
      position: number;
      questionId: string;
      options: string[];
    }[]) {
      const before = await request(t.baseUrl)
        .get(`/api/practice/sessions/${id}`)
        .set('x-practice-token', token);
      const unanswered = before.body.questions.filter(
        (x: { position: number }) => x.position >= q.position,
      );
      expect(JSON.stringify(unanswered)).not.toMatch(ANSWER_KEYS);
      expect(before.body.answers).toHaveLength(q.position);

      const chosen =
        q.position % 2 === 0
          ? keys.get(q.questionId)!
          : [(keys.get(q.questionId)![0] + 1) % q.options.length];
      const res = await request(t.baseUrl)
        .post(`/api/practice/sessions/${id}/answers`)
        .set('x-practice-token', token)
        .send({ position: q.position, chosen });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        position: q.position,
        correct: q.position % 2 === 0,
        correctOptions: keys.get(q.questionId),
        alreadyAnswered: false,
      });
      expect(res.body.explanation.length).toBeGreaterThan(0);
      expect(res.body.source.document.length).toBeGreaterThan(0);
    }

    const summary = await request(t.baseUrl)
      .get(`/api/practice/sessions/${id}/summary`)
      .set('x-practice-token', token);
    expect(summary.body).toMatchObject({ total: 10, answered: 10, correct: 5 });
    expect(summary.body.missedQuestionIds).toHaveLength(5);
    expect(summary.body.byTopic.reduce((n: number, t: { total: number }) => n + t.total, 0)).toBe(
      10,
    );
  });

  it('answers a position once: a repeated tap gets the stored result, not a second chance', async () => {
    const { body } = await start({ mode: 'mix', length: 10 });
    const send = (chosen: number[]) =>
      request(t.baseUrl)
        .post(`/api/practice/sessions/${body.id}/answers`)
        .set('x-practice-token', body.token)
        .send({ position: 0, chosen });
    const first = await send([0]);
    const second = await send([1]);
    expect(second.body).toMatchObject({
      chosen: first.body.chosen,
      correct: first.body.correct,
      alreadyAnswered: true,
    });
  });

  it('resumes after a reload with the answers and their feedback', async () => {
    const { body } = await start({ mode: 'mix', length: 20 });
    await request(t.baseUrl)
      .post(`/api/practice/sessions/${body.id}/answers`)
      .set('x-practice-token', body.token)
      .send({ position: 0, chosen: [0] });
    const again = await request(t.baseUrl)
      .get(`/api/practice/sessions/${body.id}`)
      .set('x-practice-token', body.token);
    expect(again.body.questions.map((q: { questionId: string }) => q.questionId)).toEqual(
      body.questions.map((q: { questionId: string }) => q.questionId),
    );
    expect(again.body.answers).toEqual([
      expect.objectContaining({ position: 0, chosen: [0], explanation: expect.any(String) }),
    ]);
  });

  it('refuses a wrong token, a bad position and bad choices with Vietnamese errors', async () => {
    const { body } = await start({ mode: 'mix', length: 10 });
    const wrong = await request(t.baseUrl)
      .get(`/api/practice/sessions/${body.id}`)
      .set('x-practice-token', 'sai');
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('PRACTICE_SESSION_NOT_FOUND');
    const url = `/api/practice/sessions/${body.id}/answers`;
    expect(
      (
        await request(t.baseUrl)
          .post(url)
          .set('x-practice-token', body.token)
          .send({ position: 15, chosen: [0] })
      ).body.code,
    ).toBe('INVALID_POSITION');
    expect(
      (
        await request(t.baseUrl)
          .post(url)
          .set('x-practice-token', body.token)
          .send({ position: 0, chosen: [9] })
      ).body.code,
    ).toBe('INVALID_CHOICE');
    expect(
      (
        await request(t.baseUrl)
          .post(url)
          .set('x-practice-token', body.token)
          .send({ position: 0, chosen: 'A' })
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect((await start({ mode: 'mix', length: 15 })).status).toBe(400);
    expect((await start({ mode: 'topics', length: 10 })).body.code).toBe('VALIDATION_FAILED');
    expect((await start({ mode: 'topics', length: 10, topicIds: [] })).body.code).toBe(
      'VALIDATION_FAILED',
    );
    const single = (body.questions as { position: number; type: string }[]).find(
      (q) => q.type !== 'multiple',
    );
    if (single) {
      const two = await request(t.baseUrl)
        .post(url)
        .set('x-practice-token', body.token)
        .send({ position: single.position, chosen: [0, 1] });
      expect(two.body.code).toBe('INVALID_CHOICE');
    }
  });

  it('draws only from banks opened for practice, and only published questions marked for practice', async () => {
    const bank = (await admin.post('/api/banks').send({ name: 'Đề thi tuần 2 (bí mật)' })).body;
    const topic = (await admin.post(`/api/banks/${bank.id}/topics`).send({ name: 'Đề riêng' }))
      .body;
    const question = {
      topicId: topic.id,
      code: null,
      type: 'true_false',
      text: 'Câu hỏi của vòng thi sắp tới?',
      options: ['Đúng', 'Sai'],
      correct: [0],
      difficulty: 'easy',
      explanation: 'x',
      source: { document: 'y', article: null },
      tags: [],
      audience: 'all',
      image: null,
      status: 'published',
      practice: true,
    };
    expect((await admin.post(`/api/banks/${bank.id}/questions`).send(question)).status).toBe(201);
    const secret = await start({ mode: 'topics', length: 10, topicIds: [topic.id] });
    expect(secret.status).toBe(422);
    expect(secret.body.code).toBe('NO_PRACTICE_QUESTIONS');
    for (let i = 0; i < 5; i++) {
      const mix = (await start({ mode: 'mix', length: 30 })).body;
      expect(mix.questions.every((q: { text: string }) => q.text !== question.text)).toBe(true);
    }

    // Opened for practice, the bank's question appears; a draft or a non-practice question never does.
    expect(
      (await admin.patch(`/api/banks/${bank.id}`).send({ practiceEnabled: true })).status,
    ).toBe(200);
    const opened = await start({ mode: 'topics', length: 10, topicIds: [topic.id] });
    expect(opened.body.questions.map((q: { text: string }) => q.text)).toEqual([question.text]);
    const id = opened.body.questions[0].questionId;
    await admin.put(`/api/questions/${id}`).send({ ...question, practice: false });
    expect((await start({ mode: 'topics', length: 10, topicIds: [topic.id] })).status).toBe(422);
    await admin.put(`/api/questions/${id}`).send({ ...question, status: 'draft' });
    expect((await start({ mode: 'topics', length: 10, topicIds: [topic.id] })).status).toBe(422);
  });

  it('keeps only the chosen topics in topic mode and only the given questions in "missed" mode', async () => {
    const topics = (await request(t.baseUrl).get('/api/practice/topics')).body.items
      .slice(0, 2)
      .map((x: { id: string }) => x.id);
    const topical = await start({ mode: 'topics', length: 20, topicIds: topics });
    const all = await sampleQuestions(admin);
    const topicOf = new Map(all.map((q) => [q.id, q.topicId]));
    expect(
      topical.body.questions.every((q: { questionId: string }) =>
        topics.includes(topicOf.get(q.questionId)),
      ),
    ).toBe(true);
    const missed = all.slice(0, 3).map((q) => q.id);
    const again = await start({ mode: 'missed', length: 10, questionIds: missed });
    expect(again.body.questions.map((q: { questionId: string }) => q.questionId).sort()).toEqual(
      [...missed].sort(),
    );
  });
});

describe('practice statistics for organizers', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LOGIN_RATE_LIMIT: '1000',
      API_RATE_LIMIT: '100000',
    });
    admin = await signedInAgent(t.baseUrl);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the most-missed questions exactly as a scripted set of sessions answered them', async () => {
    const [q1, q2, q3] = (await sampleQuestions(admin)).slice(0, 3);
    const wrongFor = (q: { correct: number[]; options: string[] }) => [
      (q.correct[0] + 1) % q.options.length,
    ];
    // Four sessions; q1 wrong in all four, q2 wrong in two, q3 always right.
    for (let s = 0; s < 4; s++) {
      const { body } = await request(t.baseUrl)
        .post('/api/practice/sessions')
        .send({ mode: 'missed', length: 10, questionIds: [q1.id, q2.id, q3.id] });
      for (const item of body.questions as { position: number; questionId: string }[]) {
        const q = [q1, q2, q3].find((x) => x.id === item.questionId)!;
        const wrong = q === q1 || (q === q2 && s < 2);
        await request(t.baseUrl)
          .post(`/api/practice/sessions/${body.id}/answers`)
          .set('x-practice-token', body.token)
          .send({ position: item.position, chosen: wrong ? wrongFor(q) : q.correct });
      }
    }
    const stats = (await admin.get('/api/practice/stats')).body;
    expect(stats.totals).toEqual({ sessions: 4, answers: 12, correct: 6 });
    expect(
      stats.mostMissed.map((m: { questionId: string; answers: number; wrong: number }) => [
        m.questionId,
        m.answers,
        m.wrong,
      ]),
    ).toEqual([
      [q1.id, 4, 4],
      [q2.id, 4, 2],
    ]);
    expect(stats.days).toHaveLength(1);
    expect(stats.topics.reduce((n: number, x: { answers: number }) => n + x.answers, 0)).toBe(12);

    const xlsx = await admin.get('/api/practice/stats/export.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await request(t.baseUrl).get('/api/practice/stats')).status).toBe(401);
    const reversed = await admin
      .get('/api/practice/stats')
      .query({ from: '2026-11-10', to: '2026-11-01' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.code).toBe('INVALID_DATE_RANGE');
  });
});
