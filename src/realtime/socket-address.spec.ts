import { socketClientAddress } from './socket-address';

const handshake = (forwarded?: string | string[]) => ({
  address: '10.0.0.2',
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
});

describe('socketClientAddress', () => {
  it('is the peer address unless the proxy is trusted', () => {
    expect(socketClientAddress(handshake('203.0.113.7'), false)).toBe('10.0.0.2');
    expect(socketClientAddress(handshake(), true)).toBe('10.0.0.2');
    expect(socketClientAddress(handshake(' , '), true)).toBe('10.0.0.2');
  });

  it('behind a trusted proxy, is the last address the proxy appended (as Express with trust proxy 1)', () => {
    expect(socketClientAddress(handshake('203.0.113.7'), true)).toBe('203.0.113.7');
    // A client may send its own X-Forwarded-For: only the hop our proxy added counts.
    expect(socketClientAddress(handshake('1.2.3.4, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(socketClientAddress(handshake(['1.2.3.4', '203.0.113.8']), true)).toBe('203.0.113.8');
  });
});
