import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import {
  call,
  callRaw,
  connectSocket,
  nextConnect,
  socketMessagesCounted,
  TestSocket,
} from '../support/socket-client';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

describe('socket connection basics', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t?.close();
  });

  async function connect(cookie?: string): Promise<TestSocket> {
    const socket = await connectSocket(t.baseUrl, { cookie });
    sockets.push(socket);
    return socket;
  }

  it('greets a new connection with the server time and protocol version', async () => {
    let hello: { serverNow: number; protocol: number } | undefined;
    const greeted = new Promise<void>((resolve) => {
      void connectSocket(t.baseUrl, {
        beforeConnect: (s) => {
          sockets.push(s);
          s.once('server:hello', (payload) => {
            hello = payload;
            resolve();
          });
        },
      });
    });
    await greeted;
    expect(hello?.protocol).toBe(1);
    expect(Math.abs((hello?.serverNow ?? 0) - Date.now())).toBeLessThan(5000);
  });

  it('answers clock:sync with the server time, for countdowns that ignore the phone clock', async () => {
    const socket = await connect();
    const sentAt = Date.now();
    const reply = await call(socket, 'clock:sync', { clientSentAt: sentAt });
    expect(reply).toEqual({
      ok: true,
      data: { clientSentAt: sentAt, serverNow: expect.any(Number) },
    });
    if (reply.ok) expect(Math.abs(reply.data.serverNow - Date.now())).toBeLessThan(2000);
  });

  it('answers a malformed payload with a Vietnamese error reply and keeps the connection', async () => {
    const socket = await connect();
    const bad = await callRaw(socket, 'clock:sync', { clientSentAt: 'soon', hack: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', statusCode: 400 } });
    const fields = (bad as { error: { details: { field: string }[] } }).error.details.map(
      (d) => d.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['clientSentAt', 'hack']));

    const notAnObject = await callRaw(socket, 'clock:sync', 'xin chào');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const nothing = await callRaw(socket, 'clock:sync');
    expect(nothing).toMatchObject({ ok: false });

    expect(socket.connected).toBe(true);
    const good = await call(socket, 'clock:sync', { clientSentAt: 1 });
    expect(good.ok).toBe(true);
  });

  it('recognises a staff member from the session cookie, and nobody without one', async () => {
    const login = await request(t.baseUrl).post('/api/auth/login').send(TEST_ADMIN);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const staff = await connect(cookie);
    expect(await call(staff, 'session:whoami', {})).toEqual({
      ok: true,
      data: { staff: { accountId: expect.any(String), username: 'admin', role: 'admin' } },
    });
    const anonymous = await connect();
    expect(await call(anonymous, 'session:whoami', {})).toEqual({
      ok: true,
      data: { staff: null },
    });
  });

  it('recovers a dropped connection: its session comes back (not on /live, see live.e2e)', async () => {
    const socket: Socket = io(t.baseUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
    });
    try {
      await nextConnect(socket);
      // server:hello, a stored message, gives the client an offset to resume from.
      await new Promise((r) => setTimeout(r, 200));
      const again = nextConnect(socket);
      (socket.io.engine as unknown as { close(): void }).close();
      await again;
      expect(socket.recovered).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('times the messages in the metrics by event and status, a refused one too', async () => {
    const socket = await connect();
    const before = {
      ok: await socketMessagesCounted(t.baseUrl, 'clock:sync', '200'),
      refused: await socketMessagesCounted(t.baseUrl, 'clock:sync', '400'),
    };
    await call(socket, 'clock:sync', { clientSentAt: Date.now() });
    await callRaw(socket, 'clock:sync', { clientSentAt: 'soon' });
    expect({
      ok: await socketMessagesCounted(t.baseUrl, 'clock:sync', '200'),
      refused: await socketMessagesCounted(t.baseUrl, 'clock:sync', '400'),
    }).toEqual({ ok: before.ok + 1, refused: before.refused + 1 });
  });

  it('counts open connections in the metrics', async () => {
    await connect();
    const metrics = await request(t.baseUrl).get('/metrics');
    const line = metrics.text
      .split('\n')
      .find((l) => l.startsWith('socket_connections{namespace="/"}'));
    expect(Number(line?.split(' ')[1])).toBeGreaterThanOrEqual(1);
  });
});
