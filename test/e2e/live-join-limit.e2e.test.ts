import { callLive, connectLive, type LiveSocket } from '../support/live-socket';
import { signedInAgent, startTestApp, TestApp } from '../support/test-app';

/** A classic game from the sample bank, created by the admin: its join code. */
async function createGame(t: TestApp): Promise<string> {
  const admin = await signedInAgent(t.baseUrl);
  const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
  const created = await admin
    .post('/api/live/games')
    .send({ bankId, count: 2, format: 'classic', settings: { maxPlayers: 100 } });
  expect(created.status).toBe(201);
  return created.body.code as string;
}

/**
 * The join limiter of the live final (per client address, per process): LIVE_JOIN_RATE_LIMIT
 * joins per second after a burst of 12 seconds' worth. At 1/s: 12 joins pass at once, the 13th
 * is refused with a Vietnamese message, and a second later one more passes.
 */
describe('live final: joins per address', () => {
  let t: TestApp;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SEED_SAMPLE_DATA: 'true', LIVE_JOIN_RATE_LIMIT: '1' });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it('admits a burst of 12, refuses the 13th, and refills at the configured rate', async () => {
    const code = await createGame(t);
    const join = async (i: number) => {
      const socket = await connectLive(t.baseUrl);
      sockets.push(socket);
      return callLive(socket, 'live:join', { code, name: `Người chơi ${i}` });
    };

    const replies = [];
    for (let i = 0; i < 13; i++) replies.push(await join(i));
    expect(replies.slice(0, 12).every((r) => r.ok)).toBe(true);
    expect(replies[12]).toMatchObject({
      ok: false,
      error: {
        code: 'LIVE_JOIN_RATE_LIMITED',
        message: 'Có quá nhiều lượt vào phòng từ địa chỉ này. Vui lòng thử lại sau giây lát.',
      },
    });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await join(13)).ok).toBe(true);
  });
});

/**
 * Behind a reverse proxy (TRUST_PROXY=true) the limit is per phone, not per proxy: the address
 * is the one the proxy appended to X-Forwarded-For, as for HTTP requests.
 */
describe('live final: joins per address behind a trusted proxy', () => {
  let t: TestApp;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      SEED_SAMPLE_DATA: 'true',
      LIVE_JOIN_RATE_LIMIT: '1',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it('counts the forwarded client address, not the proxy’s', async () => {
    const code = await createGame(t);
    const join = async (i: number, forwardedFor: string) => {
      const socket = await connectLive(t.baseUrl, undefined, { 'x-forwarded-for': forwardedFor });
      sockets.push(socket);
      return callLive(socket, 'live:join', { code, name: `Người chơi ${i}` });
    };

    const first = [];
    for (let i = 0; i < 13; i++) first.push(await join(i, '203.0.113.7'));
    expect(first.slice(0, 12).every((r) => r.ok)).toBe(true);
    expect(first[12]).toMatchObject({ ok: false, error: { code: 'LIVE_JOIN_RATE_LIMITED' } });
    // Another phone behind the same proxy (same peer address) is not held back.
    expect((await join(13, '198.51.100.4')).ok).toBe(true);
    // A client's own X-Forwarded-For entry does not count: the proxy's last one does.
    const spoofed = await join(14, '198.51.100.99, 203.0.113.7');
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'LIVE_JOIN_RATE_LIMITED' } });
  });
});
