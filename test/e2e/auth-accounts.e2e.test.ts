import request from 'supertest';
import { signedInAgent, startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

describe('staff accounts, sign-in and the audit log (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_MINUTES: '15',
      LOGIN_RATE_LIMIT: '1000',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the health check with the database status', async () => {
    const res = await request(t.baseUrl).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('refuses organizer endpoints without a session, in Vietnamese', async () => {
    const res = await request(t.baseUrl).get('/api/accounts');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: 'Bạn cần đăng nhập để tiếp tục.',
    });
  });

  it('signs in with a cookie session and answers /auth/me', async () => {
    const agent = request.agent(t.baseUrl);
    const login = await agent.post('/api/auth/login').send(TEST_ADMIN);
    expect(login.status).toBe(200);
    expect(login.body.account).toMatchObject({
      username: 'admin',
      role: 'admin',
      mustChangePassword: false,
    });
    const cookie = login.headers['set-cookie'][0];
    expect(cookie).toMatch(/^cchc_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.account.username).toBe('admin');
    expect(me.body.account).not.toHaveProperty('passwordHash');
  });

  it('rejects unknown fields and bad values with a field-level Vietnamese error', async () => {
    const agent = await signedInAgent(t.baseUrl);
    const res = await agent
      .post('/api/accounts')
      .send({ username: 'a', displayName: '', role: 'boss', password: 'short', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['username', 'displayName', 'role', 'password', 'extra']),
    );
    expect(
      res.body.details.find((d: { field: string }) => d.field === 'password').message,
    ).toContain('tối thiểu 10 ký tự');
  });

  it('lets an admin create an organizer who must change the password at first sign-in', async () => {
    const admin = await signedInAgent(t.baseUrl);
    const created = await admin.post('/api/accounts').send({
      username: 'BanToChuc1',
      displayName: 'Nguyễn Thị Lan',
      role: 'organizer',
      password: 'mat-khau-tam-123',
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({
      username: 'bantochuc1',
      role: 'organizer',
      mustChangePassword: true,
    });

    const duplicate = await admin.post('/api/accounts').send({
      username: 'bantochuc1',
      displayName: 'Trùng',
      role: 'host',
      password: 'mat-khau-tam-123',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('USERNAME_TAKEN');

    const organizer = await signedInAgent(t.baseUrl, {
      username: 'bantochuc1',
      password: 'mat-khau-tam-123',
    });
    const blocked = await organizer.get('/api/audit-log');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const wrong = await organizer
      .post('/api/auth/change-password')
      .send({ currentPassword: 'sai-mat-khau-1', newPassword: 'mat-khau-moi-456' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('WRONG_CURRENT_PASSWORD');

    const changed = await organizer
      .post('/api/auth/change-password')
      .send({ currentPassword: 'mat-khau-tam-123', newPassword: 'mat-khau-moi-456' });
    expect(changed.status).toBe(200);
    expect(changed.body.account.mustChangePassword).toBe(false);

    // An organizer is not an admin: account management and the audit log stay closed.
    expect((await organizer.get('/api/accounts')).status).toBe(403);
    expect((await organizer.get('/api/audit-log')).status).toBe(403);
  });

  it('records every organizer action in the audit log, newest first, without secrets', async () => {
    const admin = await signedInAgent(t.baseUrl);
    const res = await admin.get('/api/audit-log?pageSize=200');
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'account.created', 'auth.password_changed']),
    );
    const created = res.body.items.find(
      (e: { action: string; after: { username?: string } | null }) =>
        e.action === 'account.created' && e.after?.username === 'bantochuc1',
    );
    expect(created.actor).toMatchObject({ username: 'admin' });
    expect(created.after).toMatchObject({ role: 'organizer', displayName: 'Nguyễn Thị Lan' });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|mat-khau/);
    const times = res.body.items.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const filtered = await admin.get('/api/audit-log?action=account.created');
    expect(
      filtered.body.items.every((e: { action: string }) => e.action === 'account.created'),
    ).toBe(true);
    expect(filtered.body.total).toBeGreaterThanOrEqual(2);
  });

  it('disables an account, which ends its sessions, and keeps the last admin', async () => {
    const admin = await signedInAgent(t.baseUrl);
    const { body } = await admin
      .post('/api/accounts')
      .send({ username: 'mc1', displayName: 'MC', role: 'host', password: 'mat-khau-mc-1234' });
    const host = await signedInAgent(t.baseUrl, { username: 'mc1', password: 'mat-khau-mc-1234' });
    expect((await host.get('/api/auth/me')).status).toBe(200);

    const disabled = await admin.patch(`/api/accounts/${body.account.id}`).send({ disabled: true });
    expect(disabled.status).toBe(200);
    expect((await host.get('/api/auth/me')).status).toBe(401);
    const again = await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ username: 'mc1', password: 'mat-khau-mc-1234' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('ACCOUNT_DISABLED');

    const me = (await admin.get('/api/auth/me')).body.account;
    const demote = await admin.patch(`/api/accounts/${me.id}`).send({ role: 'organizer' });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('LAST_ADMIN');
  });

  it('locks an account after repeated wrong passwords, even with the right one afterwards', async () => {
    const admin = await signedInAgent(t.baseUrl);
    await admin
      .post('/api/accounts')
      .send({ username: 'khoa1', displayName: 'Khoá', role: 'host', password: 'mat-khau-dung-1' });
    const attempt = (password: string) =>
      request(t.baseUrl).post('/api/auth/login').send({ username: 'khoa1', password });
    expect((await attempt('sai-1')).body.code).toBe('INVALID_CREDENTIALS');
    expect((await attempt('sai-2')).body.code).toBe('INVALID_CREDENTIALS');
    const third = await attempt('sai-3');
    expect(third.status).toBe(423);
    expect(third.body.code).toBe('ACCOUNT_LOCKED');
    expect(third.body.message).toMatch(/khoá/);
    const right = await attempt('mat-khau-dung-1');
    expect(right.status).toBe(423);

    // An admin's password reset lifts the lock.
    const list = (await admin.get('/api/accounts')).body.items as {
      id: string;
      username: string;
    }[];
    const id = list.find((a) => a.username === 'khoa1')!.id;
    expect(
      (await admin.post(`/api/accounts/${id}/reset-password`).send({ password: 'mat-khau-moi-99' }))
        .status,
    ).toBe(201);
    const after = await attempt('mat-khau-moi-99');
    expect(after.status).toBe(200);
    expect(after.body.account.mustChangePassword).toBe(true);
  });

  it('signs out and forgets the session', async () => {
    const agent = await signedInAgent(t.baseUrl);
    expect((await agent.post('/api/auth/logout')).status).toBe(204);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('answers unknown API paths and malformed JSON with the Vietnamese error shape', async () => {
    const missing = await request(t.baseUrl).get('/api/khong-co');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const bad = await request(t.baseUrl)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Yêu cầu không hợp lệ.');
  });

  it('refuses a body over the size limit with 413 in Vietnamese', async () => {
    const huge = { username: 'x'.repeat(2_000_000), password: 'y' };
    const res = await request(t.baseUrl).post('/api/auth/login').send(huge);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Dữ liệu gửi lên quá lớn.',
    });
  });

  it('serves Prometheus metrics with HTTP latency and event-loop lag', async () => {
    const res = await request(t.baseUrl).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(res.text).toContain('socket_connections');
  });

  it('publishes the OpenAPI document', async () => {
    const res = await request(t.baseUrl).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/accounts', '/api/audit-log']),
    );
  });
});

describe('sign-in rate limit per address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '5' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 in Vietnamese once an address exceeds LOGIN_RATE_LIMIT, but leaves other routes open', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await request(t.baseUrl)
            .post('/api/auth/login')
            .send({ username: `khong-ton-tai-${i}`, password: 'x' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await request(t.baseUrl).post('/api/auth/login').send(TEST_ADMIN);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau giây lát.',
    });
    expect((await request(t.baseUrl).get('/api/health')).status).toBe(200);
  });
});
