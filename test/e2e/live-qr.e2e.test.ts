import QRCode from 'qrcode';
import request from 'supertest';
import { joinPageUrl } from '../../src/live/live-qr.controller';
import { startTestApp, TestApp } from '../support/test-app';

/** The stage's QR code: an SVG of the game's join page, on PUBLIC_URL or the request's address. */
describe('live final: join QR code', () => {
  let t: TestApp;
  let withPublicUrl: TestApp;

  beforeAll(async () => {
    [t, withPublicUrl] = await Promise.all([
      startTestApp(),
      startTestApp({ PUBLIC_URL: 'https://hoithi.phuong.gov.vn/' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), withPublicUrl.close()]);
  });

  const expected = (origin: string, code: string) =>
    QRCode.toString(joinPageUrl(origin, code), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 1,
    });

  it('encodes the join page on the address the stage was opened with, without signing in', async () => {
    const res = await request(t.baseUrl).get('/api/live/join-qr/123456').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const host = new URL(t.baseUrl).host;
    expect(res.body.toString()).toBe(await expected(`http://${host}`, '123456'));
    expect(joinPageUrl(`http://${host}`, '123456')).toBe(`http://${host}/choi/123456`);
  });

  it('uses PUBLIC_URL when it is set', async () => {
    const res = await request(withPublicUrl.baseUrl).get('/api/live/join-qr/042042').buffer(true);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(await expected('https://hoithi.phuong.gov.vn', '042042'));
  });

  it('refuses anything but a 6-digit code, in Vietnamese', async () => {
    for (const code of ['12345', '1234567', 'abcdef', '12345a']) {
      const res = await request(t.baseUrl).get(`/api/live/join-qr/${code}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'LIVE_BAD_CODE',
        message: 'Mã phòng thi gồm đúng 6 chữ số.',
      });
    }
  });
});
